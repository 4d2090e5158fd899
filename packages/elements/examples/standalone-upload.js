/* global document */
// Glue for a `<zd-doc-upload standalone>`, for a page that decides itself when the upload shows (without
// `standalone`, an upload beside a picker needs none of this). Load it from a file —
// <script type="module" src="/js/zadarma-documents.js"></script> — never inline, so that a strict
// Content-Security-Policy (script-src 'self') allows it.
const docs = document.querySelector('zd-doc-upload[standalone]');

document.addEventListener('zd-documents-required', (event) => {
  const { directionId, country, groupId, upload, specify } = event.detail;
  Object.assign(docs, { directionId, country, groupId, requirements: { upload, specify }, hidden: false });
  event.preventDefault(); // this page shows the upload: the picker need not list the same checks again
  docs.scrollIntoView({ block: 'nearest' });
});

// Everything is in: the picker checks again by itself and goes on with the order.
for (const done of ['zd-documents-submitted', 'zd-documents-ready'])
  docs.addEventListener(done, () => (docs.hidden = true));
