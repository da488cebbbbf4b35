// Saving and loading tfjs Layers models in the standard folder format (model.json + weights .bin) with plain Node fs,
// so that it works on every backend (tfjs-node's file:// handler is not always there). Files are written atomically.
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type * as tfjs from '@tensorflow/tfjs';
import { registerCustomLayers } from '../../shared/layers/tfjs-custom.js';

type Tf = typeof tfjs;

export const WEIGHTS_FILE = 'weights.bin';

/** Writes `data` to `file` through a temporary file and a rename, so readers never see half a file. */
export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  try {
    await writeFile(tmp, data);
    await rename(tmp, file);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

export async function saveLayersModel(tf: Tf, model: tfjs.LayersModel, dir: string): Promise<void> {
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const weightData = artifacts.weightData;
      const bytes = weightData === undefined
        ? new Uint8Array(0)
        : new Uint8Array(Array.isArray(weightData) ? concatBuffers(weightData) : weightData);
      const modelJson = {
        format: 'layers-model',
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy ?? null,
        modelTopology: artifacts.modelTopology,
        weightsManifest: [{ paths: [`./${WEIGHTS_FILE}`], weights: artifacts.weightSpecs ?? [] }],
      };
      await writeFileAtomic(path.join(dir, WEIGHTS_FILE), bytes);
      await writeFileAtomic(path.join(dir, 'model.json'), JSON.stringify(modelJson));
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
}

function concatBuffers(buffers: ArrayBuffer[]): ArrayBuffer {
  const total = buffers.reduce((a, b) => a + b.byteLength, 0);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const b of buffers) {
    out.set(new Uint8Array(b), offset);
    offset += b.byteLength;
  }
  return out.buffer;
}

/** Loads a Layers model from a folder (or a model.json path); weight paths are resolved beside model.json. */
export async function loadLayersModel(tf: Tf, location: string): Promise<tfjs.LayersModel> {
  const jsonPath = location.endsWith('.json') ? location : path.join(location, 'model.json');
  let json: {
    modelTopology?: object;
    weightsManifest?: { paths: string[]; weights: tfjs.io.WeightsManifestEntry[] }[];
  };
  try {
    json = JSON.parse(await readFile(jsonPath, 'utf8'));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new Error(code === 'ENOENT' ? `${jsonPath}: no such file` : `${jsonPath}: not a readable tfjs model.json (${(e as Error).message})`);
  }
  if (!json.modelTopology) throw new Error(`${jsonPath}: not a tfjs Layers model (no modelTopology)`);
  const specs: tfjs.io.WeightsManifestEntry[] = [];
  const chunks: Buffer[] = [];
  for (const group of json.weightsManifest ?? []) {
    specs.push(...group.weights);
    for (const p of group.paths) {
      const file = path.resolve(path.dirname(jsonPath), p);
      try {
        chunks.push(await readFile(file));
      } catch {
        throw new Error(`${file}: weights file missing (listed in ${jsonPath})`);
      }
    }
  }
  const buf = Buffer.concat(chunks);
  const weightData = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
  // Kinds that tfjs lacks (e.g. Subtract) are our own layer classes: register them before deserialising.
  registerCustomLayers(tf);
  return tf.loadLayersModel(tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: specs, weightData }));
}
