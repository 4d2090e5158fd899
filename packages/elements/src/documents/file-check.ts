/**
 * The files a document upload takes: their types with the names the customer reads, the size limit, and
 * sizes written for humans. (Judging a file by its content is `check-file.ts`, loaded only once a file
 * is chosen.)
 */
import type { DocumentMimeType } from '@zadarma-elements/api/files';

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

/** The proxy's limit (DESIGN.md: 5 MiB per file). */
export const UPLOAD_LIMIT_BYTES = 5 * 1024 * 1024;

/** `2.4 MB`, `312 KB` in the customer's language. */
export function formatBytes(bytes: number, lang: string): string {
  const mb = bytes / (1024 * 1024);
  const format = (n: number, digits: number) =>
    n.toLocaleString(lang, { maximumFractionDigits: digits, minimumFractionDigits: 0 });
  return mb >= 1 ? `${format(mb, 1)} MB` : `${format(Math.max(1, Math.round(bytes / 1024)), 0)} KB`;
}
