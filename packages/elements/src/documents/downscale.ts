/**
 * Makes a photo small enough to upload: redrawn as JPEG at a smaller size until it fits the limit, the
 * way a phone's own "reduce size" does. A passport stays readable well below the largest sizes tried.
 */

/** Longest side of the first try; each further try shrinks by what the last one overshot. */
const FIRST_SIDE = 4096;
const SMALLEST_SIDE = 1000;
const QUALITY = 0.85;

/** The image as a JPEG within `limit` bytes, or undefined when the browser cannot read it or it will not fit. */
export async function downscaleImage(file: Blob, limit: number): Promise<Blob | undefined> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    return undefined;
  }
  try {
    const longest = Math.max(bitmap.width, bitmap.height);
    let side = Math.min(longest, FIRST_SIDE);
    while (side >= SMALLEST_SIDE) {
      const scale = side / longest;
      const width = Math.max(1, Math.round(bitmap.width * scale));
      const height = Math.max(1, Math.round(bitmap.height * scale));
      const canvas = new OffscreenCanvas(width, height);
      const context = canvas.getContext('2d');
      if (!context) return undefined;
      // White behind transparent parts (JPEG has no alpha; black would hide dark text).
      context.fillStyle = '#fff';
      context.fillRect(0, 0, width, height);
      // Small print on an ID must stay legible: the better (slower) filter.
      context.imageSmoothingQuality = 'high';
      context.drawImage(bitmap, 0, 0, width, height);
      const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: QUALITY });
      if (blob.size <= limit) return blob;
      // Bytes grow with the area: shrink the side by the root of the overshoot, and a little more.
      side = Math.floor(side * Math.min(0.9, Math.sqrt(limit / blob.size) * 0.95));
    }
    return undefined;
  } finally {
    bitmap.close();
  }
}
