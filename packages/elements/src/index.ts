/**
 * @zadarma-elements/elements: the element classes (no side effects: nothing is registered), the client
 * to the proxy, configuration, formatting and localization. Register the tags with
 * `import '@zadarma-elements/elements/define.js'` or per element (`.../zd-number-picker.js`).
 */
export * from './client/index.js';
export {
  configure,
  clientFor,
  zdConfigContext,
  type ZdConfigOptions,
  type ZdConfigValue,
} from './config/context.js';
export { ZdElement } from './base/zd-element.js';
export { ApiTask } from './base/api-task.js';
export { ConfigController } from './base/config-controller.js';
export * from './base/events.js';
export * from './i18n/index.js';
export * from './format/index.js';
export { ZdConfig } from './components/config/zd-config.component.js';
export { ZdNumberPicker } from './components/number-picker/zd-number-picker.component.js';
export { ZdDocUpload, type DocumentRequirements } from './components/doc-upload/zd-doc-upload.component.js';
export { ZdPhoneVerify } from './components/phone-verify/zd-phone-verify.component.js';
export { ZdPbxSetup } from './components/pbx-setup/zd-pbx-setup.component.js';
export {
  ZdSoftphone,
  defaultEngineFactory,
  type PhoneEngineFactory,
  type SoftphoneState,
  type HistoryEntry,
  type TransferTarget,
} from './components/softphone/zd-softphone.component.js';
export type * from './phone/types.js';
export * from './documents/index.js';
