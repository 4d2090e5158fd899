/** Files as customers pick them, made in the browser for the tests. */

/** A photo-like JPEG of `width`×`height` (noise, so it compresses like a photo, not like a flat image). */
export async function photo(
  width: number,
  height: number,
  name = 'photo.jpg',
  quality = 0.92,
): Promise<File> {
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D;
  const tile = context.createImageData(256, 256);
  for (let i = 0; i < tile.data.length; i++)
    tile.data[i] = i % 4 === 3 ? 255 : Math.floor(Math.random() * 256);
  for (let y = 0; y < height; y += 256) for (let x = 0; x < width; x += 256) context.putImageData(tile, x, y);
  const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality });
  return new File([blob], name, { type: 'image/jpeg' });
}

/** A small PNG (a scan of a letter). */
export async function png(name = 'letter.png'): Promise<File> {
  const canvas = new OffscreenCanvas(200, 100);
  const context = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D;
  context.fillStyle = '#fff';
  context.fillRect(0, 0, 200, 100);
  context.fillStyle = '#000';
  context.fillText('Firmenschreiben', 10, 50);
  return new File([await canvas.convertToBlob({ type: 'image/png' })], name, { type: 'image/png' });
}

/** A PDF of exactly `size` bytes (a real header, then padding in a comment). */
export function pdf(size = 2000, name = 'document.pdf'): File {
  const head = new TextEncoder().encode('%PDF-1.4\n%âãÏÓ\n');
  const bytes = new Uint8Array(size);
  bytes.fill(0x20);
  bytes.set(head.subarray(0, Math.min(head.length, size)));
  return new File([bytes], name, { type: 'application/pdf' });
}

/** A text file with an image's name and claimed type: what a renamed file looks like. */
export function renamedText(name = 'passport.jpg'): File {
  return new File(['this is not a photo of a passport, only text'], name, { type: 'image/jpeg' });
}

export const emptyFile = (name = 'passport.jpg'): File => new File([], name, { type: 'image/jpeg' });
