/* global window, OffscreenCanvas, createImageBitmap */
// Runs in Chromium (downscale-bench.mjs opens it): phone photos over the 5 MiB limit, made here, then
// downscaled by the element's own `downscaleImage` (the built module), against decoding them alone.
import { downscaleImage } from '/dist/documents/downscale.js';

const LIMIT = 5 * 1024 * 1024;

/** A photo of a document on a table: paper, print, and the grain of a phone camera (so it is large). */
async function photo(width, height) {
  const canvas = new OffscreenCanvas(width, height);
  const c = canvas.getContext('2d');
  const gradient = c.createLinearGradient(0, 0, width, height);
  gradient.addColorStop(0, '#8a6f55');
  gradient.addColorStop(1, '#5b4634');
  c.fillStyle = gradient;
  c.fillRect(0, 0, width, height);
  c.fillStyle = '#f4f1ea';
  c.fillRect(width * 0.1, height * 0.1, width * 0.8, height * 0.8);
  c.fillStyle = '#222';
  c.font = `${Math.round(height / 40)}px sans-serif`;
  for (let y = height * 0.15; y < height * 0.85; y += height / 25) {
    c.fillText('REISEPASS · PASSPORT · P<D<<MUSTERMANN<<ERIKA<<<<<<<<<<', width * 0.12, y);
  }
  const grain = c.createImageData(512, 512);
  for (let i = 0; i < grain.data.length; i += 4) {
    const v = Math.random() * 60;
    grain.data[i] = grain.data[i + 1] = grain.data[i + 2] = v;
    grain.data[i + 3] = 70;
  }
  const tile = new OffscreenCanvas(512, 512);
  tile.getContext('2d').putImageData(grain, 0, 0);
  for (let y = 0; y < height; y += 512) for (let x = 0; x < width; x += 512) c.drawImage(tile, x, y);
  const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.97 });
  return new File([blob], 'IMG.jpg', { type: 'image/jpeg' });
}

const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];

window.runBench = async (rounds) => {
  const results = [];
  for (const [name, width, height] of [
    ['12 MP', 4032, 3024],
    ['20 MP', 5472, 3648],
  ]) {
    const file = await photo(width, height);
    const decode = [];
    const scale = [];
    let out;
    for (let i = 0; i < rounds; i++) {
      let t = performance.now();
      (await createImageBitmap(file)).close();
      decode.push(performance.now() - t);
      t = performance.now();
      out = await downscaleImage(file, LIMIT);
      scale.push(performance.now() - t);
    }
    results.push({
      name,
      bytes: file.size,
      outBytes: out?.size ?? 0,
      decode: median(decode),
      downscale: median(scale),
    });
  }
  return results;
};
