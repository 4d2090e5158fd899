// The script-tag bundles of the elements: file name (without .js) → entry, relative to packages/elements.
// Read by the root vite.config.ts and by build-bundles.mjs.
export const bundles = {
  'zd-number-picker': 'src/cdn/zd-number-picker.ts',
  'zd-doc-upload': 'src/cdn/zd-doc-upload.ts',
  'zd-softphone': 'src/cdn/zd-softphone.ts',
  'zd-phone-verify': 'src/cdn/zd-phone-verify.ts',
  'zd-pbx-setup': 'src/cdn/zd-pbx-setup.ts',
  // Every element; parts that only some pages need (JsSIP for the softphone) stay lazy chunks.
  'zd-elements': 'src/cdn/zd-elements.ts',
};
