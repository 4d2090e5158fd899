/**
 * Whether a chosen file may go (pure but for reading the file's first bytes): its type by content, by the
 * same signatures and the same list the sandbox and the proxy accept (magic bytes, not the name or the
 * browser's guess), and the size limit. Refused files are refused before any byte is sent.
 */
import { isDocumentType, SNIFF_BYTES, sniffType, type DocumentMimeType } from '@zadarma-elements/api/files';

export type AcceptedType = DocumentMimeType;

/** How the element names the accepted types to the customer. */
export const ACCEPTED_TYPES: Record<AcceptedType, string> = {
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
  'image/gif': 'GIF',
  'image/webp': 'WebP',
  'image/tiff': 'TIFF',
  'application/pdf': 'PDF',
};

/** Image types the browser can redraw smaller (not TIFF). */
const SCALABLE: readonly AcceptedType[] = ['image/jpeg', 'image/png', 'image/webp', 'image/gif'];

/** The proxy's limit (DESIGN.md: 5 MiB per file). */
export const UPLOAD_LIMIT_BYTES = 5 * 1024 * 1024;

export type FileVerdict =
  | { ok: true; type: AcceptedType; downscale: boolean }
  | { ok: false; reason: 'empty' | 'type' | 'size' | 'unreadable'; type?: AcceptedType };

/** Whether the file may be uploaded as it is, only after downscaling (a large photo), or not at all. */
export async function checkFile(file: Blob, limit = UPLOAD_LIMIT_BYTES): Promise<FileVerdict> {
  if (file.size === 0) return { ok: false, reason: 'empty' };
  let head: ArrayBuffer;
  try {
    head = await file.slice(0, SNIFF_BYTES).arrayBuffer();
  } catch {
    // Gone between choosing and reading (moved, or a cloud file that is not on the phone).
    return { ok: false, reason: 'unreadable' };
  }
  const type = sniffType(new Uint8Array(head));
  if (!isDocumentType(type)) return { ok: false, reason: 'type' };
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
