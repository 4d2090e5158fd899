/**
 * Loads the voice-menus panel (`<zd-pbx-menus>`, its own chunk) the first time its section is shown, so a
 * page that only manages extensions never downloads it. Injectable for tests through `setMenusLoader`.
 */
// A specifier in a variable until menus/zd-pbx-menus.ts is merged in (tsc cannot resolve it before);
// once it is, make it the literal `import('./menus/zd-pbx-menus.js')` so the bundler splits its chunk.
const MENUS_MODULE = './menus/zd-pbx-menus.js';
let loader: () => Promise<unknown> = () => import(/* @vite-ignore */ MENUS_MODULE);

export function loadMenus(): Promise<unknown> {
  return loader();
}

/** Replaces the loader (tests; a page that bundles the menus itself). */
export function setMenusLoader(load: () => Promise<unknown>): void {
  loader = load;
}
