/**
 * Script-tag bundle of the PBX set-up: `<script type="module" src=".../zd-pbx-setup.js">`. Registers
 * `<zd-config>` and `<zd-pbx-setup>`, and offers `configure()` on the module. The voice menus are a chunk
 * loaded when their section is first shown.
 */
import '../components/config/zd-config.js';
import '../components/pbx-setup/zd-pbx-setup.js';

export { configure } from '../config/context.js';
export { registerTranslation } from '../i18n/localize.js';
export { ZdConfig } from '../components/config/zd-config.component.js';
export { ZdPbxSetup } from '../components/pbx-setup/zd-pbx-setup.component.js';
