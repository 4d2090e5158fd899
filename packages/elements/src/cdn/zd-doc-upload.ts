/**
 * Script-tag bundle of the document upload: `<script type="module" src=".../zd-doc-upload.js">`.
 * Registers `<zd-config>` and `<zd-doc-upload>`, and offers `configure()` on the module. Contains Lit.
 */
import '../components/config/zd-config.js';
import '../components/doc-upload/zd-doc-upload.js';

export { configure } from '../config/context.js';
export { registerTranslation } from '../i18n/localize.js';
export { ZdConfig } from '../components/config/zd-config.component.js';
export { ZdDocUpload } from '../components/doc-upload/zd-doc-upload.component.js';
