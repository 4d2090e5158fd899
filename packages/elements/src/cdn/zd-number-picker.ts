/**
 * Script-tag bundle of the number picker: `<script type="module" src=".../zd-number-picker.js">`.
 * Registers `<zd-config>` and `<zd-number-picker>`, and offers `configure()` on the module. Contains
 * Lit; never the softphone or JsSIP.
 */
import '../components/config/zd-config.js';
import '../components/number-picker/zd-number-picker.js';

export { configure } from '../config/context.js';
export { registerTranslation } from '../i18n/localize.js';
export { ZdConfig } from '../components/config/zd-config.component.js';
export { ZdNumberPicker } from '../components/number-picker/zd-number-picker.component.js';
