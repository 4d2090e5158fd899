/**
 * What an upload slot needs only once a file is chosen — judging it by its content, and redrawing a large
 * photo smaller — as one chunk beside the script-tag bundle (see `loadFileTools()` in upload-slot.ts), so
 * that pages whose customers never upload do not pay for it.
 */
export { checkFile } from '../../documents/check-file.js';
export { downscaleImage } from '../../documents/downscale.js';
