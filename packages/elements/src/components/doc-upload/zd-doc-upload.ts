import { ZdDocUpload } from './zd-doc-upload.component.js';

export { ZdDocUpload };
export default ZdDocUpload;

if (!customElements.get('zd-doc-upload')) customElements.define('zd-doc-upload', ZdDocUpload);

declare global {
  interface HTMLElementTagNameMap {
    'zd-doc-upload': ZdDocUpload;
  }
}
