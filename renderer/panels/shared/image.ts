// Pixels from the engine (SampleImage, or a dataset preview sample) as RGBA bytes for a <canvas> ImageData.
import type { SampleImage } from '../../../shared/events.js';

export interface Rgba {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

/** Image geometry of a sample shape: [h, w], [h, w, c], or a square vector [n·n]; null when it is not an image. */
export function imageGeometry(shape: readonly number[]): { width: number; height: number; channels: number } | null {
  if (shape.length === 2) return { height: shape[0]!, width: shape[1]!, channels: 1 };
  if (shape.length === 3 && (shape[2] === 1 || shape[2] === 3 || shape[2] === 4)) return { height: shape[0]!, width: shape[1]!, channels: shape[2]! };
  if (shape.length === 1) {
    const side = Math.round(Math.sqrt(shape[0]!));
    if (side > 1 && side * side === shape[0]) return { height: side, width: side, channels: 1 };
  }
  return null;
}

/**
 * RGBA bytes of row-major, channels-last pixels. Values are expected in [0, 1]; when they are not (raw 0–255 data
 * or unscaled features) the image is stretched over its own range so it still shows something sensible.
 */
export function toRgba(pixels: ArrayLike<number>, width: number, height: number, channels: number): Rgba {
  const n = width * height;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < Math.min(pixels.length, n * channels); i++) {
    const v = pixels[i]!;
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const inUnit = lo >= 0 && hi <= 1;
  const offset = inUnit || lo === Infinity ? 0 : lo;
  const scale = inUnit || lo === Infinity ? 255 : hi > lo ? 255 / (hi - lo) : 0;
  const data = new Uint8ClampedArray(n * 4);
  const byte = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? 0 : (v - offset) * scale);
  for (let i = 0; i < n; i++) {
    const o = i * 4;
    if (channels >= 3) {
      data[o] = byte(pixels[i * channels]);
      data[o + 1] = byte(pixels[i * channels + 1]);
      data[o + 2] = byte(pixels[i * channels + 2]);
    } else {
      const g = byte(pixels[i * channels]);
      data[o] = g;
      data[o + 1] = g;
      data[o + 2] = g;
    }
    data[o + 3] = 255;
  }
  return { width, height, data };
}

export function sampleToRgba(image: SampleImage): Rgba {
  return toRgba(image.pixels, image.width, image.height, image.channels);
}

/** A dataset preview sample as a SampleImage, when its shape is an image's. */
export function previewToImage(sample: { x: readonly number[]; shape: readonly number[] }, caption?: string): SampleImage | null {
  const g = imageGeometry(sample.shape);
  if (!g) return null;
  return { ...g, pixels: sample.x as number[], ...(caption === undefined ? {} : { caption }) };
}
