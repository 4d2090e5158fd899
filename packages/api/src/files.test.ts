import { describe, expect, it } from 'vitest';
import { isDocumentType, sniffType } from './files.js';

const bytes = (...parts: (string | number[])[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)));

describe('sniffType', () => {
  it('tells the accepted types by their first bytes', () => {
    expect(sniffType(bytes([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffType(bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8 '))).toBe('image/webp');
    expect(sniffType(bytes('RIFF', [0, 0, 0, 0], 'WAVEfmt '))).toBe('audio/wav');
    expect(sniffType(bytes('MM', [0, 0x2a]))).toBe('image/tiff');
    expect(sniffType(bytes('%PDF-1.7'))).toBe('application/pdf');
    expect(sniffType(bytes('ID3', [4, 0]))).toBe('audio/mpeg');
  });

  it('knows nothing else, and no signature from too few bytes', () => {
    expect(sniffType(bytes('PK', [3, 4]))).toBe(undefined); // a ZIP (or .docx) renamed to .jpg
    expect(sniffType(bytes('%PD'))).toBe(undefined);
    expect(sniffType(bytes('RIFF'))).toBe(undefined);
    expect(sniffType(new Uint8Array())).toBe(undefined);
  });

  it('counts images and PDFs, not sounds, as documents', () => {
    expect(isDocumentType('image/png')).toBe(true);
    expect(isDocumentType('audio/wav')).toBe(false);
    expect(isDocumentType(undefined)).toBe(false);
  });
});
