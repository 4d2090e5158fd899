/**
 * Script-tag bundle of every element: `<script type="module" src=".../zd-elements.js">`. Parts that only
 * some pages need are chunks loaded on demand (libphonenumber-js; JsSIP for the softphone, on its first "enable calls").
 */
import '../define.js';

export { configure } from '../config/context.js';
export { registerTranslation } from '../i18n/localize.js';
export { ZdConfig, ZdDocUpload, ZdNumberPicker, ZdPbxSetup, ZdPhoneVerify, ZdSoftphone } from '../index.js';
