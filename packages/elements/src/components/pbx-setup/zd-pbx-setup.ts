import { ZdPbxSetup } from './zd-pbx-setup.component.js';

export { ZdPbxSetup };
export default ZdPbxSetup;

if (!customElements.get('zd-pbx-setup')) customElements.define('zd-pbx-setup', ZdPbxSetup);

declare global {
  interface HTMLElementTagNameMap {
    'zd-pbx-setup': ZdPbxSetup;
  }
}
