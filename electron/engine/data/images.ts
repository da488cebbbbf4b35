// `source: 'images'`: a folder with one sub-folder per class (`cats/`, `dogs/`…), each holding PNG or JPEG files,
// as Keras' image_dataset_from_directory reads it. Classes are the sub-folder names in natural order; files in a
// class are in natural order too, so the dataset does not depend on the file system's listing order. Hidden files
// and files of other types are skipped.
import path from 'node:path';
import type { Dataset } from '../../../shared/project.js';
import { DataError, fileError } from './errors.js';
import { listFolder, readBytes, resolveDataPath, type ResolvedPath } from './files.js';
import { decodeImage, imageFormat, isGrey, resizeBilinear, writePixels, type Rgba } from './image-codec.js';
import { naturalCompare } from './labels.js';
import type { RawDataset } from './types.js';

/** Files read at once: enough to overlap disk and decoding, few enough to bound memory. */
const CONCURRENCY = 16;

interface ImageFile { file: ResolvedPath; label: number }

async function listImages(folder: ResolvedPath): Promise<{ classNames: string[]; files: ImageFile[] }> {
  const entries = await listFolder(folder);
  const classNames = entries.filter((e) => e.isDir && !e.name.startsWith('.')).map((e) => e.name).sort(naturalCompare);
  if (classNames.length === 0) {
    const loose = entries.some((e) => !e.isDir && imageFormat(e.name));
    throw fileError(folder.display, loose
      ? 'the images must be in one sub-folder per class (e.g. cats/, dogs/), not directly in the folder'
      : 'no class sub-folders: expected one sub-folder per class holding PNG or JPEG files');
  }
  const files: ImageFile[] = [];
  for (const [label, name] of classNames.entries()) {
    const classDir = { abs: path.join(folder.abs, name), display: `${folder.display}/${name}` };
    const images = (await listFolder(classDir))
      .filter((e) => !e.isDir && !e.name.startsWith('.') && imageFormat(e.name))
      .map((e) => e.name)
      .sort(naturalCompare);
    if (images.length === 0) throw fileError(classDir.display, 'no PNG or JPEG files in this class folder');
    for (const image of images) {
      files.push({ file: { abs: path.join(classDir.abs, image), display: `${classDir.display}/${image}` }, label });
    }
  }
  return { classNames, files };
}

async function decodeFile(file: ResolvedPath): Promise<Rgba> {
  const bytes = await readBytes(file);
  try {
    const img = decodeImage(bytes, imageFormat(file.display)!);
    if (img.width < 1 || img.height < 1) throw new Error('empty image');
    return img;
  } catch (e) {
    throw fileError(file.display, `cannot decode the image (${(e as Error).message})`);
  }
}

export interface ImagesOptions {
  /**
   * Preview: decode only enough files per kept class to show this many samples round-robin; the labels of all
   * files are still listed so that class counts stay exact.
   */
  previewCount?: number;
}

export async function loadImages(dataset: Dataset, baseDir: string, options: ImagesOptions = {}): Promise<RawDataset> {
  const folder = resolveDataPath(dataset.path, baseDir, 'path');
  const { classNames, files: all } = await listImages(folder);
  const allLabels = Int32Array.from(all, (f) => f.label);
  const files = options.previewCount === undefined ? all : previewFiles(all, classNames.length, dataset.classes, options.previewCount);

  const target = dataset.imageSize ? { height: dataset.imageSize[0]!, width: dataset.imageSize[1]! } : undefined;
  const images: Rgba[] = new Array(files.length);
  let first: { width: number; height: number; file: string } | undefined;
  for (let start = 0; start < files.length; start += CONCURRENCY) {
    const batch = files.slice(start, start + CONCURRENCY);
    const decoded = await Promise.all(batch.map((f) => decodeFile(f.file)));
    decoded.forEach((img, i) => {
      const file = batch[i]!.file.display;
      if (target) {
        images[start + i] = resizeBilinear(img, target.height, target.width);
        return;
      }
      first ??= { width: img.width, height: img.height, file };
      if (img.width !== first.width || img.height !== first.height) {
        throw new DataError(`${file}: ${img.width}×${img.height} but the other images are ${first.width}×${first.height} (e.g. ${first.file}): set dataset.imageSize to resize them all`, file);
      }
      images[start + i] = img;
    });
  }

  const { height, width } = target ?? first!;
  // Default channels: one when every image is grey (scans of digits, MNIST-style folders), else three.
  const channels = dataset.channels ?? (images.every(isGrey) ? 1 : 3);
  const size = height * width * channels;
  const x = new Float32Array(images.length * size);
  images.forEach((img, i) => writePixels(img, channels, x, i * size));
  return {
    file: folder.display, x, n: images.length, sampleShape: [height, width, channels],
    labels: Int32Array.from(files, (f) => f.label), classNames, isImage: true,
    autoTransform: { shift: 0, factor: 1 / 255 },
    ...(options.previewCount === undefined ? {} : { partial: { n: all.length, labels: allLabels } }),
  };
}

function previewFiles(files: ImageFile[], numClasses: number, classes: number[] | undefined, count: number): ImageFile[] {
  const kept = new Set(classes ?? Array.from({ length: numClasses }, (_, i) => i));
  const perClass = Math.max(1, Math.ceil(count / Math.max(1, kept.size)));
  const taken = new Map<number, number>();
  return files.filter((f) => {
    if (!kept.has(f.label)) return false;
    const n = taken.get(f.label) ?? 0;
    taken.set(f.label, n + 1);
    return n < perClass;
  });
}
