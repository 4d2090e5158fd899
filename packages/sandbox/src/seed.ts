/**
 * The state a fresh sandbox starts with: a reseller with money, one demo sub-user ready for the demo
 * page (PBX with extension 100, money, a confirmed phone, no webhook URLs), and one user of another
 * reseller so that acting for a stranger can be tried.
 */
import { createAccount, generatePassword } from './state/accounts.js';
import { createPbx } from './state/pbx.js';
import type { SandboxState } from './state/types.js';

export const RESELLER_ID = 100001;
export const DEMO_USER_ID = 200001;
export const FOREIGN_USER_ID = 300001;
export const DEMO_EXTENSION = '100';

export interface SeedCredentials {
  key: string;
  secret: string;
  /** Kept across resets, so a softphone configured with it keeps working. */
  demoSipPassword?: string;
}

export function seedState(credentials: SeedCredentials, now: number): SandboxState {
  const nextId: SandboxState['nextId'] = {
    user: DEMO_USER_ID + 1,
    group: 1001,
    file: 1,
    phone: 1,
    pbx: 5001,
    scenario: 7001,
    sound: 1,
    sip: 10001,
  };
  const reseller = createAccount(
    nextId,
    {
      id: RESELLER_ID,
      resellerId: null,
      email: 'reseller@example.com',
      firstName: 'Sandbox',
      lastName: 'Reseller',
      organization: 'Sandbox Telecom Ltd',
      country: 'GB',
      city: 'London',
      currency: 'USD',
      language: 'en',
      balance: 1000,
    },
    now,
  );
  reseller.key = credentials.key;
  reseller.secret = credentials.secret;
  const state: SandboxState = {
    version: 1,
    reseller,
    users: [],
    foreignUserIds: [FOREIGN_USER_ID],
    registrations: [],
    takenNumbers: [],
    nextId,
  };

  const demo = createAccount(
    nextId,
    {
      id: DEMO_USER_ID,
      resellerId: RESELLER_ID,
      email: 'demo@example.com',
      firstName: 'Demo',
      lastName: 'User',
      country: 'DE',
      city: 'Berlin',
      phone: '4915112345678',
      currency: 'EUR',
      language: 'en',
      balance: 50,
    },
    now,
  );
  const mainPhone = demo.phones[0];
  if (mainPhone) mainPhone.isProved = true;
  state.users.push(demo);
  createPbx(state, demo, credentials.demoSipPassword ?? generatePassword(), now);
  return state;
}
