import { ZdNumberPicker } from './zd-number-picker.component.js';

export { ZdNumberPicker };
export default ZdNumberPicker;

if (!customElements.get('zd-number-picker')) customElements.define('zd-number-picker', ZdNumberPicker);

declare global {
  interface HTMLElementTagNameMap {
    'zd-number-picker': ZdNumberPicker;
  }
}
