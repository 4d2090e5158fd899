import { ZdConfig } from './zd-config.component.js';

export { ZdConfig };
export default ZdConfig;

if (!customElements.get('zd-config')) customElements.define('zd-config', ZdConfig);

declare global {
  interface HTMLElementTagNameMap {
    'zd-config': ZdConfig;
  }
}
