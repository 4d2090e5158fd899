/**
 * What a chosen file is and whether it may go (pure but for reading the file's first bytes): its type by
 * content, as the proxy judges it (magic bytes, not the name or the browser's guess), and the size limit.
 * Refused files are refused before any byte is sent. (file-type, which the proxy uses, is far larger than
 * the six signatures the kit accepts; these are the same signatures.)
 */

export const ACCEPTED_TYPES = {
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
  'image/gif': 'GIF',
  'image/webp': 'WebP',
  'image/tiff': 'TIFF',
  'application/pdf': 'PDF',
} as const;
export type AcceptedType = keyof typeof ACCEPTED_TYPES;

/** Image types the browser can redraw smaller (not TIFF). */
const SCALABLE: readonly AcceptedType[] = ['image/jpeg', 'image/png', 'image/webp', 'image/gif'];

/** The proxy's limit (DESIGN.md: 5 MiB per file). */
export const UPLOAD_LIMIT_BYTES = 5 * 1024 * 1024;

const startsWith = (bytes: Uint8Array, signature: readonly number[], offset = 0) =>
  signature.every((b, i) => bytes[offset + i] === b);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

/** The accepted type the bytes are, by their signature; undefined for anything else. */
export function sniffType(head: Uint8Array): AcceptedType | undefined {
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(head, ascii('GIF87a')) || startsWith(head, ascii('GIF89a'))) return 'image/gif';
  if (startsWith(head, ascii('RIFF')) && startsWith(head, ascii('WEBP'), 8)) return 'image/webp';
  if (startsWith(head, [0x49, 0x49, 0x2a, 0x00]) || startsWith(head, [0x4d, 0x4d, 0x00, 0x2a]))
    return 'image/tiff';
  if (startsWith(head, ascii('%PDF-'))) return 'application/pdf';
  return undefined;
}

export type FileVerdict =
  | { ok: true; type: AcceptedType; downscale: boolean }
  | { ok: false; reason: 'empty' | 'type' | 'size' | 'unreadable'; type?: AcceptedType };

/** Whether the file may be uploaded as it is, only after downscaling (a large photo), or not at all. */
export async function checkFile(file: Blob, limit = UPLOAD_LIMIT_BYTES): Promise<FileVerdict> {
  if (file.size === 0) return { ok: false, reason: 'empty' };
  let head: ArrayBuffer;
  try {
    head = await file.slice(0, 16).arrayBuffer();
  } catch {
    // Gone between choosing and reading (moved, or a cloud file that is not on the phone).
    return { ok: false, reason: 'unreadable' };
  }
  const type = sniffType(new Uint8Array(head));
  if (!type) return { ok: false, reason: 'type' };
  if (file.size <= limit) return { ok: true, type, downscale: false };
  return SCALABLE.includes(type) ? { ok: true, type, downscale: true } : { ok: false, reason: 'size', type };
}

/** `2.4 MB`, `312 KB` in the customer's language. */
export function formatBytes(bytes: number, lang: string): string {
  const mb = bytes / (1024 * 1024);
  const format = (n: number, digits: number) =>
    n.toLocaleString(lang, { maximumFractionDigits: digits, minimumFractionDigits: 0 });
  return mb >= 1 ? `${format(mb, 1)} MB` : `${format(Math.max(1, Math.round(bytes / 1024)), 0)} KB`;
}
