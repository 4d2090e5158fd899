/** Registers every element of the kit. */
import './components/config/zd-config.js';
import './components/number-picker/zd-number-picker.js';

export * from './index.js';
