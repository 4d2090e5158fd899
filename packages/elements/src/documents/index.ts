export * from './checklist.js';
export * from './check-file.js';
export * from './countries.js';
export * from './downscale.js';
export * from './file-check.js';
export * from './group-form.js';
export * from './group-name.js';
