// Reproduces the base model of the transfer-learning template, templates/pretrained/digits-0-4/:
// the cnn-digits template, unchanged except that it sees only digits 0–4 (dataset.classes) and so ends in 5 scores,
// trained with the template's own optimizer, epochs and seed. The transfer-digits template then reuses its
// convolution stack (cut at the layer 'flatten') frozen, under a new head that learns digits 5–9.
//
//   npx tsx scripts/make-transfer-base.ts [--backend auto|tensorflow|wasm|cpu] [--seed N] [--out DIR]
//
// Writes DIR/model.json + weights.bin (tfjs Layers format) and DIR/provenance.json, then checks that the summary
// recorded in templates/transfer-digits.layerloom.json (input/output shape and parameter count at the cut) still
// matches; if the CNN template's convolution stack changed, it prints the values to record there.
// A rerun does not give the same bytes: the engine does not seed Dropout's masks (a fixed tfjs dropout seed would
// repeat one mask every step), and the template's Dropout on the flattened features matters here: it makes those
// features more robust, which is what makes them transfer (bases trained without it transferred about 5 points
// worse on average, and far less evenly). Over three reruns of this script, the transfer template's mean accuracy
// moved by under 1 point between bases; other backends round differently too. The shipped files are one such run:
// keep them unless the CNN template changes (test/templates checks them against the transfer template's targets).
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { initBackend, type BackendName } from '../electron/engine/backend/index.js';
import { describePretrained } from '../electron/engine/pretrained.js';
import { train } from '../electron/engine/train/trainer.js';
import { parseProjectText, type Project } from '../shared/project.js';
import type { TrainingEvent } from '../shared/events.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const templates = path.join(root, 'templates');
export const BASE_CLASSES = [0, 1, 2, 3, 4];
export const CUT_AT = 'flatten';

async function readTemplate(id: string): Promise<Project> {
  const parsed = parseProjectText(await readFile(path.join(templates, `${id}.layerloom.json`), 'utf8'));
  if (!parsed.ok) throw new Error(`templates/${id}.layerloom.json: ${parsed.errors[0]!.path}: ${parsed.errors[0]!.message}`);
  return parsed.project;
}

/** The cnn-digits template restricted to digits 0–4: same layers, a 5-way output. */
export function baseProject(cnn: Project): Project {
  const p = structuredClone(cnn);
  p.name = 'Digits CNN on 0–4 (transfer base)';
  p.dataset = { ...p.dataset!, classes: BASE_CLASSES };
  const main = Object.values(p.models)[0]!;
  if (!main.nodes.some((n) => n.id === CUT_AT)) throw new Error(`the cnn-digits template has no node '${CUT_AT}' to cut at`);
  const scores = main.nodes.find((n) => n.id === 'scores');
  if (!scores) throw new Error("the cnn-digits template has no node 'scores' (its last Dense)");
  scores.params = { ...scores.params, units: BASE_CLASSES.length };
  return p;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { backend: { type: 'string', default: 'auto' }, out: { type: 'string' }, seed: { type: 'string' } } });
  const out = path.resolve(values.out ?? path.join(templates, 'pretrained', 'digits-0-4'));
  const project = baseProject(await readTemplate('cnn-digits'));
  if (values.seed !== undefined) project.training.seed = Number(values.seed);
  const { tf, backend } = await initBackend(values.backend as 'auto' | BackendName);
  const work = await mkdtemp(path.join(tmpdir(), 'layerloom-base-'));
  try {
    let done: (TrainingEvent & { event: 'done' }) | undefined;
    const started = performance.now();
    await train(tf, backend, project, { baseDir: templates, out: path.join(work, 'run') }, (e) => {
      if (e.event === 'epoch') console.error(`epoch ${e.epoch + 1}/${e.epochs}  val_accuracy ${e.metrics.val_accuracy?.toFixed(4)}`);
      if (e.event === 'done') done = e;
    });
    const seconds = (performance.now() - started) / 1000;
    await mkdir(out, { recursive: true });
    for (const f of ['model.json', 'weights.bin']) await copyFile(path.join(work, 'run', 'models', 'main', f), path.join(out, f));
    const summary = await describePretrained(tf, out, root, '', CUT_AT);
    const provenance = {
      about: 'The cnn-digits template trained on digits 0–4 only. Its convolution stack (cut at \'flatten\') is the frozen base of the transfer-digits template. Rerunning the script reproduces it (same seed; Dropout masks are seeded).',
      reproduce: 'npx tsx scripts/make-transfer-base.ts',
      template: 'cnn-digits', classes: BASE_CLASSES, epochs: project.training.epochs, seed: project.training.seed,
      backend, seconds: Number(seconds.toFixed(1)),
      validation: { accuracy: done?.metrics.val_accuracy, loss: done?.metrics.val_loss },
      cutAt: CUT_AT,
      atCut: { inputShape: summary.inputShape, outputShape: summary.outputShape, paramCount: summary.paramCount },
    };
    await writeFile(path.join(out, 'provenance.json'), `${JSON.stringify(provenance, null, 2)}\n`);
    console.log(`wrote ${out} (${backend}, ${seconds.toFixed(1)} s): validation accuracy on digits 0–4 ${done?.metrics.val_accuracy?.toFixed(4)}`);

    const transfer = await readTemplate('transfer-digits').catch(() => undefined);
    const node = transfer && Object.values(transfer.models)[0]!.nodes.find((n) => n.kind === 'PretrainedModel');
    if (node) {
      const rec = node.params as { inputShape?: number[]; outputShape?: number[]; paramCount?: number; cutAt?: string };
      const same = JSON.stringify([rec.inputShape, rec.outputShape, rec.paramCount, rec.cutAt])
        === JSON.stringify([summary.inputShape, summary.outputShape, summary.paramCount, CUT_AT]);
      if (same) console.log('templates/transfer-digits.layerloom.json: its recorded summary matches');
      else {
        console.log(`templates/transfer-digits.layerloom.json: update node '${node.id}' params to ${JSON.stringify({ cutAt: CUT_AT, ...provenance.atCut })}`);
        process.exitCode = 1;
      }
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    console.error(`make-transfer-base: ${(e as Error).message}`);
    process.exit(1);
  });
}
