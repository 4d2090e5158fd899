/** Registers every element of the kit. */
import './components/config/zd-config.js';
import './components/number-picker/zd-number-picker.js';
import './components/doc-upload/zd-doc-upload.js';
import './components/softphone/zd-softphone.js';
import './components/phone-verify/zd-phone-verify.js';
import './components/pbx-setup/zd-pbx-setup.js';

export * from './index.js';
