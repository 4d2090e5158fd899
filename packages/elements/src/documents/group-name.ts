import type { DocumentGroup } from '../client/zd-client.js';

/**
 * Whose a group is, as the customer reads it: `Anna Müller` or the company's name. A module of its own so
 * the picker, which shows groups but never edits them, does not carry the group form's code.
 */
export const nameOf = (g: DocumentGroup): string =>
  g.organization || [g.first_name, g.last_name].filter(Boolean).join(' ');
