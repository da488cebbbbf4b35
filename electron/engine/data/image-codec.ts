// Decoding PNG (pngjs) and JPEG (jpeg-js) into plain pixels, and resizing. Pure JavaScript so that it runs in any
// process (Electron utility process, CLI, web host) without native modules.
import * as jpeg from 'jpeg-js';
import { PNG } from 'pngjs';

/** 8-bit RGBA pixels, row after row. */
export interface Rgba { width: number; height: number; data: Uint8Array }

export type ImageFormat = 'png' | 'jpeg';

export function imageFormat(name: string): ImageFormat | undefined {
  const ext = name.toLowerCase().split('.').pop();
  if (ext === 'png') return 'png';
  if (ext === 'jpg' || ext === 'jpeg') return 'jpeg';
  return undefined;
}

/** Throws on corrupt data (the caller names the file). 16-bit PNGs are reduced to 8 bits, palettes expanded. */
export function decodeImage(bytes: Uint8Array, format: ImageFormat): Rgba {
  if (format === 'png') {
    const png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    return { width: png.width, height: png.height, data: png.data };
  }
  // Limits keep a hostile or mislabelled file from exhausting memory; a dataset image is never near them.
  const img = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: 100, maxMemoryUsageInMB: 1024 });
  return { width: img.width, height: img.height, data: img.data };
}

/** Whether every pixel is grey (R = G = B): such folders load as one channel by default. */
export function isGrey(img: Rgba): boolean {
  const d = img.data;
  for (let i = 0; i < d.length; i += 4) if (d[i] !== d[i + 1] || d[i] !== d[i + 2]) return false;
  return true;
}

/**
 * Writes the image as `channels` float values per pixel (0–255, unscaled) into `out` at `offset`. Alpha is
 * dropped, as PIL's convert('RGB') does. One channel uses ITU-R 601 luma, as PIL's convert('L') does.
 */
export function writePixels(img: Rgba, channels: 1 | 3, out: Float32Array, offset: number): void {
  const d = img.data;
  const pixels = img.width * img.height;
  if (channels === 3) {
    for (let p = 0; p < pixels; p++) {
      out[offset + 3 * p] = d[4 * p]!;
      out[offset + 3 * p + 1] = d[4 * p + 1]!;
      out[offset + 3 * p + 2] = d[4 * p + 2]!;
    }
  } else {
    for (let p = 0; p < pixels; p++) {
      out[offset + p] = (d[4 * p]! * 299 + d[4 * p + 1]! * 587 + d[4 * p + 2]! * 114) / 1000;
    }
  }
}

/**
 * Bilinear resize with half-pixel centres (as tf.image.resizeBilinear with halfPixelCenters, and PIL without
 * antialiasing), so a picture is neither shifted nor mirrored. Same size → returned unchanged.
 */
export function resizeBilinear(img: Rgba, height: number, width: number): Rgba {
  if (img.height === height && img.width === width) return img;
  const out = new Uint8Array(width * height * 4);
  const sy = img.height / height;
  const sx = img.width / width;
  for (let y = 0; y < height; y++) {
    const fy = Math.min(Math.max((y + 0.5) * sy - 0.5, 0), img.height - 1);
    const y0 = Math.floor(fy);
    const y1 = Math.min(y0 + 1, img.height - 1);
    const wy = fy - y0;
    for (let x = 0; x < width; x++) {
      const fx = Math.min(Math.max((x + 0.5) * sx - 0.5, 0), img.width - 1);
      const x0 = Math.floor(fx);
      const x1 = Math.min(x0 + 1, img.width - 1);
      const wx = fx - x0;
      for (let c = 0; c < 4; c++) {
        const at = (yy: number, xx: number) => img.data[(yy * img.width + xx) * 4 + c]!;
        const top = at(y0, x0) * (1 - wx) + at(y0, x1) * wx;
        const bottom = at(y1, x0) * (1 - wx) + at(y1, x1) * wx;
        out[(y * width + x) * 4 + c] = Math.round(top * (1 - wy) + bottom * wy);
      }
    }
  }
  return { width, height, data: out };
}
