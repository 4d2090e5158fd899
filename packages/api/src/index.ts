export * from './signing.js';
export * from './operations.js';
export * from './validate.js';
export * from './files.js';
export * from './json.js';
export type { OperationSpec, JsonSchema } from './operation-spec.js';
export type { paths as ZadarmaPaths, operations as ZadarmaOperations } from './generated/zadarma.js';
export type { IceServer, SoftphoneCredentials } from './softphone.js';
