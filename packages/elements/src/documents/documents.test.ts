import { expect } from '@open-wc/testing';
import { emptyFile, pdf, photo, png, renamedText } from '../test-support/files.js';
import { ANNA } from '../test-support/people.js';
import { COUNTRY_CODES, countryOptions, isCountryCode } from './countries.js';
import { downscaleImage } from './downscale.js';
import { sniffType } from '@zadarma-elements/api/files';
import { checkFile } from './check-file.js';
import { formatBytes, UPLOAD_LIMIT_BYTES } from './file-check.js';
import {
  composeAddress,
  fieldProblem,
  fieldsFor,
  groupParams,
  phoneDigits,
  validateDraft,
  type FieldSpec,
} from './group-form.js';

const names = (fields: FieldSpec[]) => fields.map((f) => f.name);
const required = (fields: FieldSpec[]) => fields.filter((f) => f.required).map((f) => f.name);
const TODAY = '2026-11-22';

describe('group form', () => {
  it('asks a person for the spec’s required fields and a company for its name too', () => {
    const person = fieldsFor('MR', []);
    expect(required(person).sort()).to.deep.equal(
      [
        'building_number',
        'city',
        'country',
        'email',
        'first_name',
        'last_name',
        'phone',
        'street',
        'zip_code',
      ].sort(),
    );
    expect(names(person)).to.include.members(['date_of_birth', 'nationality']);
    expect(names(person)).not.to.include('organization');
    const company = fieldsFor('COMPANY', []);
    expect(required(company)).to.include('organization');
    expect(names(company)).not.to.include('date_of_birth');
    expect(company.find((f) => f.name === 'first_name')?.section).to.equal('person');
  });

  it('follows the destination: specified fields become required, ID fields appear only when asked for', () => {
    expect(names(fieldsFor('MS', []))).not.to.include('id_number');
    const poland = fieldsFor('MS', ['first_name', 'last_name', 'id_number']);
    expect(names(poland)).to.include.members([
      'type_of_id',
      'id_number',
      'issuing_authority',
      'issuing_date',
    ]);
    expect(required(poland)).to.include('id_number');
    expect(required(poland)).not.to.include('issuing_date');
    expect(required(fieldsFor('COMPANY', ['nationality']))).to.include('nationality');
    // `address` is made of its parts; `purpose` belongs to the order, not to the group.
    expect(names(fieldsFor('MR', ['address', 'purpose']))).not.to.include.members(['address', 'purpose']);
    expect(names(fieldsFor('MR', [], 'DK'))).to.include.members(['street_code', 'municipality_code']);
  });

  it('checks values the way the spec constrains them', () => {
    const field = (name: string, kind: FieldSpec['kind'], req = true): FieldSpec => ({
      name,
      kind,
      section: 'person',
      required: req,
    });
    expect(fieldProblem(field('first_name', 'text'), '  ', TODAY)).to.equal('required');
    expect(fieldProblem(field('middle_name', 'text', false), '', TODAY)).to.equal(undefined);
    expect(fieldProblem(field('email', 'email'), 'anna@example', TODAY)).to.equal('email');
    expect(fieldProblem(field('email', 'email'), 'anna.müller@beispiel.de', TODAY)).to.equal(undefined);
    expect(fieldProblem(field('phone', 'tel'), '+49 (30) 1234-567', TODAY)).to.equal(undefined);
    expect(fieldProblem(field('phone', 'tel'), '12ab', TODAY)).to.equal('phone');
    expect(fieldProblem(field('country', 'country'), 'DE', TODAY)).to.equal(undefined);
    expect(fieldProblem(field('country', 'country'), 'XX', TODAY)).to.equal('country');
    expect(fieldProblem(field('country', 'country'), 'de', TODAY)).to.equal('country');
    expect(fieldProblem(field('date_of_birth', 'date'), '1980-02-30', TODAY)).to.equal('date');
    expect(fieldProblem(field('date_of_birth', 'date'), '1981-02-29', TODAY)).to.equal('date');
    expect(fieldProblem(field('date_of_birth', 'date'), '1984-02-29', TODAY)).to.equal(undefined);
    expect(fieldProblem(field('issuing_date', 'date'), '2026-11-23', TODAY)).to.equal('future');
    expect(fieldProblem(field('issuing_date', 'date'), '1899-12-31', TODAY)).to.equal('date');
  });

  it('names every problem of a draft and builds the params with the composed address', () => {
    const fields = fieldsFor('MR', ['first_name']);
    const draft = { ...ANNA, building_letter: 'a', middle_name: '  ' };
    expect(validateDraft(fields, {}, TODAY)).to.include({ first_name: 'required', email: 'required' });
    expect(validateDraft(fields, draft, TODAY)).to.deep.equal({});
    expect(composeAddress(draft)).to.equal('Unter den Linden 8a, 10117 Berlin');
    const params = groupParams('MR', fields, draft) as unknown as Record<string, string>;
    expect(params).to.include({
      salutation: 'MR',
      phone: '49301234567',
      address: 'Unter den Linden 8a, 10117 Berlin',
    });
    expect(params).not.to.have.property('middle_name');
    expect(phoneDigits('0049 30 123')).to.equal('4930123');
  });
});

describe('countries', () => {
  it('knows the 249 ISO codes and names them in the customer’s language, sorted as it sorts', () => {
    expect(COUNTRY_CODES).to.have.length(249);
    expect(isCountryCode('AT')).to.equal(true);
    expect(isCountryCode('EU')).to.equal(false);
    const german = countryOptions('de');
    expect(german.find((c) => c.code === 'DE')?.name).to.equal('Deutschland');
    const names = german.map((c) => c.name);
    // Österreich sorts with O, not after Z.
    expect(names.indexOf('Österreich')).to.be.lessThan(names.indexOf('Polen'));
  });
});

describe('file checks', () => {
  it('tells the type by content, not by name', async () => {
    const head = async (file: File) => new Uint8Array(await file.slice(0, 16).arrayBuffer());
    expect(sniffType(await head(await photo(10, 10)))).to.equal('image/jpeg');
    expect(sniffType(await head(await png()))).to.equal('image/png');
    expect(sniffType(await head(pdf()))).to.equal('application/pdf');
    expect(sniffType(await head(renamedText()))).to.equal(undefined);
    expect(sniffType(new Uint8Array([0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0, 0x57, 0x45, 0x42, 0x50]))).to.equal(
      'image/webp',
    );
    expect(sniffType(new Uint8Array([0x49, 0x49, 0x2a, 0x00]))).to.equal('image/tiff');
  });

  it('refuses empty, unknown and oversize non-photos; sends large photos downscaled', async () => {
    expect(await checkFile(emptyFile(), UPLOAD_LIMIT_BYTES)).to.deep.equal({ ok: false, reason: 'empty' });
    expect(await checkFile(renamedText(), UPLOAD_LIMIT_BYTES)).to.deep.equal({ ok: false, reason: 'type' });
    expect(await checkFile(pdf(UPLOAD_LIMIT_BYTES), UPLOAD_LIMIT_BYTES)).to.deep.equal({
      ok: true,
      type: 'application/pdf',
      downscale: false,
    });
    expect(await checkFile(pdf(UPLOAD_LIMIT_BYTES + 1), UPLOAD_LIMIT_BYTES)).to.deep.equal({
      ok: false,
      reason: 'size',
      type: 'application/pdf',
    });
    expect(await checkFile(await photo(300, 200), 1000)).to.deep.equal({
      ok: true,
      type: 'image/jpeg',
      downscale: true,
    });
    // A file that is gone by the time it is read (NotReadableError in the browser).
    const vanished = Object.assign(new File(['x'], 'scan.pdf'), {
      slice: () => ({ arrayBuffer: () => Promise.reject(new DOMException('gone', 'NotReadableError')) }),
    });
    expect(await checkFile(vanished, UPLOAD_LIMIT_BYTES)).to.deep.equal({ ok: false, reason: 'unreadable' });
  });

  it('writes sizes the customer reads', () => {
    expect(formatBytes(5 * 1024 * 1024, 'de')).to.equal('5 MB');
    expect(formatBytes(2.5 * 1024 * 1024, 'de')).to.equal('2,5 MB');
    expect(formatBytes(1500, 'en')).to.equal('1 KB');
    expect(formatBytes(10, 'en')).to.equal('1 KB');
  });
});

describe('downscaling', () => {
  it('brings a 20 MP photo under the limit as a JPEG, keeping its proportions', async () => {
    const original = await photo(5472, 3648, 'IMG_0001.jpg', 0.95);
    expect(original.size).to.be.greaterThan(UPLOAD_LIMIT_BYTES);
    const smaller = (await downscaleImage(original, UPLOAD_LIMIT_BYTES)) as Blob;
    expect(smaller.size).to.be.at.most(UPLOAD_LIMIT_BYTES);
    expect(smaller.type).to.equal('image/jpeg');
    const bitmap = await createImageBitmap(smaller);
    expect(Math.abs(bitmap.width / bitmap.height - 5472 / 3648)).to.be.lessThan(0.01);
    expect(bitmap.width).to.be.at.least(1000);
  });

  it('gives up on what the browser cannot draw', async () => {
    expect(await downscaleImage(pdf(), 1000)).to.equal(undefined);
  });
});
