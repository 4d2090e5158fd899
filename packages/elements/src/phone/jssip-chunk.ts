/**
 * JsSIP as an ES module of its own, the target of the lazy import: JsSIP is CommonJS, and importing it
 * through this module keeps the bundler's CommonJS interop inside the chunk (imported directly, the
 * interop helpers land in a shared chunk that the script-tag bundle would load at once).
 */
import JsSIP from 'jssip';

export default JsSIP;
