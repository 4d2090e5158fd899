export * from './mask.js';
export * from './phone.js';
export * from './price.js';
export * from './validate.js';
