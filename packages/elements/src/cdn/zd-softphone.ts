/**
 * Script-tag bundle of the softphone: `<script type="module" src=".../zd-softphone.js">`. Registers
 * `<zd-config>` and `<zd-softphone>`, and offers `configure()` on the module. Contains Lit and the phone
 * engine; JsSIP is a chunk (`chunks/`) loaded on the first "enable calls".
 */
import '../components/config/zd-config.js';
import '../components/softphone/zd-softphone.js';

export { configure } from '../config/context.js';
export { registerTranslation } from '../i18n/localize.js';
export { ZdConfig } from '../components/config/zd-config.component.js';
export { ZdSoftphone } from '../components/softphone/zd-softphone.component.js';
