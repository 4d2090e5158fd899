/**
 * The form of a document group (pure): which fields a person or a company fills in for a destination,
 * how they are checked the way the spec constrains them, and the params `groups/create` and
 * `groups/update` take. The spec's required fields (documents.groups.create) are always asked for; a
 * destination's `restrictions.specify` makes more of them required, and shows the ID fields it names.
 */
import type { DocumentGroup, GroupParams } from '../client/zd-client.js';
import { isCountryCode } from './countries.js';

export type Salutation = 'MR' | 'MS' | 'COMPANY';
export const SALUTATIONS: readonly Salutation[] = ['MR', 'MS', 'COMPANY'];
export const ID_TYPES = [
  'PASSPORT',
  'NATIONAL_ID_CARD',
  'RESIDENCE_PERMIT',
  'DNI',
  'NIE',
  'BUSINESS_REGISTRATION',
] as const;

export type FieldKind = 'text' | 'email' | 'tel' | 'date' | 'country' | 'id-type';
export type Section = 'company' | 'person' | 'contact' | 'address' | 'id';

export interface FieldSpec {
  name: string;
  kind: FieldKind;
  section: Section;
  required: boolean;
  /** The `autocomplete` token, so phones and browsers fill the form in. */
  autocomplete?: string;
}

/** A group being edited: every field as the text in its input. */
export type GroupDraft = Record<string, string>;

/** What the spec requires of every group (`address` is composed from its parts, not asked for). */
const SPEC_REQUIRED = new Set([
  'email',
  'first_name',
  'last_name',
  'country',
  'city',
  'zip_code',
  'street',
  'building_number',
  'phone',
]);
const ID_FIELDS = ['type_of_id', 'id_number', 'issuing_authority', 'issuing_date'];

type Row = [name: string, kind: FieldKind, section: Section, autocomplete?: string];

const COMPANY_ROWS: Row[] = [
  ['organization', 'text', 'company', 'organization'],
  ['organization_reg_number', 'text', 'company'],
  ['organization_description', 'text', 'company'],
];
const PERSON_ROWS: Row[] = [
  ['first_name', 'text', 'person', 'given-name'],
  ['middle_name', 'text', 'person', 'additional-name'],
  ['last_name', 'text', 'person', 'family-name'],
];
const PRIVATE_ROWS: Row[] = [
  ['date_of_birth', 'date', 'person', 'bday'],
  ['nationality', 'country', 'person'],
];
const CONTACT_ROWS: Row[] = [
  ['email', 'email', 'contact', 'email'],
  ['phone', 'tel', 'contact', 'tel'],
];
const ADDRESS_ROWS: Row[] = [
  ['country', 'country', 'address', 'country'],
  ['street', 'text', 'address'],
  ['building_number', 'text', 'address'],
  ['building_letter', 'text', 'address'],
  ['zip_code', 'text', 'address', 'postal-code'],
  ['city', 'text', 'address', 'address-level2'],
  ['region', 'text', 'address', 'address-level1'],
];
// Only Denmark has these (spec: "only for Denmark").
const DENMARK_ROWS: Row[] = [
  ['street_code', 'text', 'address'],
  ['municipality_code', 'text', 'address'],
];
const ID_ROWS: Row[] = [
  ['type_of_id', 'id-type', 'id'],
  ['id_number', 'text', 'id'],
  ['issuing_authority', 'text', 'id'],
  ['issuing_date', 'date', 'id'],
];

/** The fields to show, in order, for this salutation, destination requirements and chosen country. */
export function fieldsFor(salutation: Salutation, specify: readonly string[], country = ''): FieldSpec[] {
  const wanted = new Set(specify);
  const company = salutation === 'COMPANY';
  const rows = [
    ...(company ? COMPANY_ROWS : []),
    ...PERSON_ROWS,
    ...(company ? [] : PRIVATE_ROWS),
    ...CONTACT_ROWS,
    ...ADDRESS_ROWS,
    ...(country === 'DK' ? DENMARK_ROWS : []),
    ...(ID_FIELDS.some((f) => wanted.has(f)) ? ID_ROWS : []),
  ];
  // A destination may ask for a field this form keeps for the other kind (a person's nationality for a company).
  for (const name of wanted) {
    if (!rows.some(([n]) => n === name) && KNOWN_FIELDS.has(name)) rows.push([name, kindOf(name), 'person']);
  }
  return rows.map(([name, kind, section, autocomplete]) => ({
    name,
    kind,
    section,
    required: SPEC_REQUIRED.has(name) || wanted.has(name) || (company && name === 'organization'),
    ...(autocomplete ? { autocomplete } : {}),
  }));
}

const ALL_ROWS = [
  ...COMPANY_ROWS,
  ...PERSON_ROWS,
  ...PRIVATE_ROWS,
  ...CONTACT_ROWS,
  ...ADDRESS_ROWS,
  ...DENMARK_ROWS,
  ...ID_ROWS,
];
const KNOWN_FIELDS = new Set(ALL_ROWS.map(([name]) => name));
const kindOf = (name: string): FieldKind => ALL_ROWS.find(([n]) => n === name)?.[1] ?? 'text';

export type GroupFieldProblem = 'required' | 'email' | 'phone' | 'country' | 'date' | 'future';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Digits of a phone number as Zadarma takes them (`+49 (30) 123-45` → `493012345`). */
export function phoneDigits(value: string): string {
  return value.replace(/^\s*(\+|00)/, '').replace(/[\s()./-]/g, '');
}

function isRealDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d && y >= 1900;
}

/** What is wrong with one field's value, if anything; `today` as `YYYY-MM-DD`. */
export function fieldProblem(
  field: FieldSpec,
  raw: string | undefined,
  today: string,
): GroupFieldProblem | undefined {
  const value = (raw ?? '').trim();
  if (!value) return field.required ? 'required' : undefined;
  switch (field.kind) {
    case 'email':
      return EMAIL.test(value) ? undefined : 'email';
    case 'tel':
      return /^\d{6,15}$/.test(phoneDigits(value)) ? undefined : 'phone';
    case 'country':
      return isCountryCode(value) ? undefined : 'country';
    case 'date':
      if (!isRealDate(value)) return 'date';
      return value > today ? 'future' : undefined;
    default:
      return undefined;
  }
}

/** Every problem of the draft, by field name; empty when it can be sent. */
export function validateDraft(
  fields: readonly FieldSpec[],
  draft: GroupDraft,
  today: string,
): Record<string, GroupFieldProblem> {
  const problems: Record<string, GroupFieldProblem> = {};
  for (const field of fields) {
    const problem = fieldProblem(field, draft[field.name], today);
    if (problem) problems[field.name] = problem;
  }
  return problems;
}

/** `Brudden Strasse 8a, 76611 Berlin`: the spec's `address`, made of the parts the form asks for. */
export function composeAddress(draft: GroupDraft): string {
  const t = (name: string) => (draft[name] ?? '').trim();
  const street = [t('street'), `${t('building_number')}${t('building_letter')}`].filter(Boolean).join(' ');
  const place = [t('zip_code'), t('city')].filter(Boolean).join(' ');
  return [street, place].filter(Boolean).join(', ');
}

/**
 * The params of `groups/create` / `groups/update` for a draft that `validateDraft` passed (only the fields
 * shown and filled; the spec's required ones are among them then).
 */
export function groupParams(
  salutation: Salutation,
  fields: readonly FieldSpec[],
  draft: GroupDraft,
): GroupParams {
  const params: Record<string, string> = { salutation };
  for (const field of fields) {
    const value = (draft[field.name] ?? '').trim();
    if (!value) continue;
    params[field.name] = field.kind === 'tel' ? phoneDigits(value) : value;
  }
  params['address'] = composeAddress(draft);
  return params as unknown as GroupParams;
}

/** A stored group as a draft to edit. */
export function draftOf(group: DocumentGroup | undefined): GroupDraft {
  const draft: GroupDraft = {};
  if (!group) return draft;
  for (const [name, value] of Object.entries(group)) {
    if (typeof value === 'string') draft[name] = value;
  }
  return draft;
}

export function salutationOf(group: DocumentGroup | undefined): Salutation {
  const s = group?.salutation;
  return s === 'MS' || s === 'COMPANY' ? s : 'MR';
}

/** Today in the customer's own time zone, as `YYYY-MM-DD`. */
export function localToday(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
