import { ZdSoftphone } from './zd-softphone.component.js';

export { ZdSoftphone };
export default ZdSoftphone;

if (!customElements.get('zd-softphone')) customElements.define('zd-softphone', ZdSoftphone);

declare global {
  interface HTMLElementTagNameMap {
    'zd-softphone': ZdSoftphone;
  }
}
