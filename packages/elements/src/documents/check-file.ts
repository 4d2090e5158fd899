/**
 * Whether a chosen file may go (pure but for reading the file's first bytes): its type by content, by the
 * same signatures and the same list the sandbox and the proxy accept (magic bytes, not the name or the
 * browser's guess), and the size limit. Refused files are refused before any byte is sent.
 */
import { isDocumentType, SNIFF_BYTES, sniffType } from '@zadarma-elements/api/files';
// Types only: the limit comes as an argument, so that this module needs nothing of the bundle's.
import type { AcceptedType } from './file-check.js';

/** Image types the browser can redraw smaller (not TIFF). */
const SCALABLE: readonly AcceptedType[] = ['image/jpeg', 'image/png', 'image/webp', 'image/gif'];

export type FileVerdict =
  | { ok: true; type: AcceptedType; downscale: boolean }
  | { ok: false; reason: 'empty' | 'type' | 'size' | 'unreadable'; type?: AcceptedType };

/** Whether the file may be uploaded as it is (`limit`: the proxy's, UPLOAD_LIMIT_BYTES), only after downscaling (a large photo), or not at all. */
export async function checkFile(file: Blob, limit: number): Promise<FileVerdict> {
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
