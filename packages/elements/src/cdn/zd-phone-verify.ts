/**
 * Script-tag bundle of the phone verification: `<script type="module" src=".../zd-phone-verify.js">`.
 * Registers `<zd-config>` and `<zd-phone-verify>`, and offers `configure()` on the module. Contains Lit;
 * libphonenumber-js is the `phone-lib` chunk beside it, loaded when a number is first checked.
 */
import '../components/config/zd-config.js';
import '../components/phone-verify/zd-phone-verify.js';

export { configure } from '../config/context.js';
export { registerTranslation } from '../i18n/localize.js';
export { ZdConfig } from '../components/config/zd-config.component.js';
export { ZdPhoneVerify } from '../components/phone-verify/zd-phone-verify.component.js';
