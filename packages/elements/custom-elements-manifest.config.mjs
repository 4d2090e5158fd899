// `custom-elements.json` from the JSDoc on the element classes (@summary, @event, @csspart,
// @cssproperty, @slot): the one source of the elements' documentation.
export default {
  globs: ['src/components/**/*.component.ts', 'src/base/zd-element.ts'],
  exclude: ['src/**/*.test.ts'],
  outdir: '.',
  litelement: true,
  dependencies: false,
};
