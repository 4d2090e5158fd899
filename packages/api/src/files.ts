/**
 * What Zadarma takes as a file, and what a file is, judged by its first bytes (magic numbers), never by
 * its name or declared type. Pure (no Node APIs), so the elements check a file in the browser by the same
 * signatures the sandbox judges it by; the proxy sniffs with `file-type` and accepts the same lists.
 */

/** `documents.upload`: photos and scans of identity and address documents. */
export const DOCUMENT_MIME_TYPES = [
  'image/jpeg',
  'image/png',
  'image/gif',
  'image/webp',
  'image/tiff',
  'application/pdf',
] as const;
/** IVR and voicemail sounds. */
export const SOUND_MIME_TYPES = ['audio/mpeg', 'audio/wav'] as const;

export type DocumentMimeType = (typeof DOCUMENT_MIME_TYPES)[number];
export type SniffedType = DocumentMimeType | (typeof SOUND_MIME_TYPES)[number];

/** The file's first 16 bytes are enough for every signature here. */
export const SNIFF_BYTES = 16;

const startsWith = (bytes: Uint8Array, signature: readonly number[], offset = 0) =>
  bytes.length >= offset + signature.length && signature.every((b, i) => bytes[offset + i] === b);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

export function sniffType(bytes: Uint8Array): SniffedType | undefined {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a'))) return 'image/gif';
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'image/webp';
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WAVE'), 8)) return 'audio/wav';
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a]))
    return 'image/tiff';
  if (startsWith(bytes, ascii('%PDF-'))) return 'application/pdf';
  // MP3: an ID3v2 tag, or straight into an MPEG audio frame (11 sync bits).
  if (startsWith(bytes, ascii('ID3'))) return 'audio/mpeg';
  if (bytes.length >= 2 && bytes[0] === 0xff && ((bytes[1] ?? 0) & 0xe0) === 0xe0) return 'audio/mpeg';
  return undefined;
}

export function isDocumentType(type: SniffedType | undefined): type is DocumentMimeType {
  return (DOCUMENT_MIME_TYPES as readonly string[]).includes(type ?? '');
}
