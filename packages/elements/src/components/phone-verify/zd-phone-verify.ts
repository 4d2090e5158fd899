import { ZdPhoneVerify } from './zd-phone-verify.component.js';

export { ZdPhoneVerify };
export default ZdPhoneVerify;

if (!customElements.get('zd-phone-verify')) customElements.define('zd-phone-verify', ZdPhoneVerify);

declare global {
  interface HTMLElementTagNameMap {
    'zd-phone-verify': ZdPhoneVerify;
  }
}
