/** SIP logins of PBX extensions: `<pbx_id>-<ext>`, e.g. `5001-100` (what third-party Zadarma code uses). */
import { allAccounts } from '../state/accounts.js';
import type { Extension, SandboxState } from '../state/types.js';

const LOGIN = /^(\d{1,9})-(\d{3})$/;

export interface SipLogin {
  pbxId: number;
  extension: number;
}

/** The parts of a login, or undefined when it does not have the shape. */
export function parseSipLogin(login: string): SipLogin | undefined {
  const match = LOGIN.exec(login);
  return match ? { pbxId: Number(match[1]), extension: Number(match[2]) } : undefined;
}

export function sipLogin(pbxId: number, extension: number | string): string {
  return `${pbxId}-${extension}`;
}

/** The extension a login names, in whichever account's PBX has that id. */
export function extensionByLogin(state: SandboxState, login: string): Extension | undefined {
  const parsed = parseSipLogin(login);
  if (!parsed) return undefined;
  const pbx = allAccounts(state).find((a) => a.pbx?.id === parsed.pbxId)?.pbx;
  return pbx?.extensions.find((e) => e.number === parsed.extension);
}
