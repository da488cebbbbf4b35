// Digits CNN training throughput on each tfjs backend, against the PyTorch reference measured in the same run.
//
//   npx tsx bench/digits-cnn.bench.ts [--profile] [--rounds=N]  all backends + PyTorch (one process per backend)
//   npx tsx bench/digits-cnn.bench.ts --backend wasm [--profile] one backend, prints one JSON row
//
// The network and schedule are those of shared/reference/torch_digits_cnn.py: Input 8×8×1 → Conv2D 16 3×3 same
// relu → MaxPool 2 → Conv2D 32 3×3 same relu → Flatten → Dense 64 relu → Dense 10 (softmax + categorical
// cross-entropy: PyTorch's CrossEntropyLoss on logits); Adam 1e-3, batch 32, 5 epochs on the first 80% (1,437 samples). Plain tfjs layers, not the project compiler, so the figure measures the
// backend alone. Output protocol (see scripts/bench.mjs): JSON rows on stdout, commentary on stderr.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Tensor } from '@tensorflow/tfjs';
import { initBackend, type BackendName, type Tf } from '../electron/engine/backend/index.js';
import { loadDigits, SHARED_DIR } from './lib/digits.js';
import { emit, type BenchRow } from './lib/rows.js';

const BENCH = 'digits-cnn';
const BATCH = 32;
const EPOCHS = 5;
/** The cpu backend trains at ~100 samples/s: a shorter run gives the same rate. */
const CPU_SAMPLES = 320;
const CPU_EPOCHS = 1;

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
/** `--name value` or `--name=value` (the form `npm run bench -- --name=value` passes through). */
const option = (name: string) => {
  const i = args.indexOf(name);
  if (i >= 0) return args[i + 1];
  return args.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
};

function buildModel(tf: Tf) {
  const L = tf.layers;
  const m = tf.sequential();
  m.add(L.conv2d({ inputShape: [8, 8, 1], filters: 16, kernelSize: 3, padding: 'same', activation: 'relu' }));
  m.add(L.maxPooling2d({ poolSize: 2 }));
  m.add(L.conv2d({ filters: 32, kernelSize: 3, padding: 'same', activation: 'relu' }));
  m.add(L.flatten());
  m.add(L.dense({ units: 64, activation: 'relu' }));
  m.add(L.dense({ units: 10, activation: 'softmax' }));
  m.compile({ optimizer: tf.train.adam(1e-3), loss: 'categoricalCrossentropy' });
  return m;
}

async function runBackend(name: BackendName): Promise<BenchRow> {
  const { tf } = await initBackend(name);
  const data = loadDigits();
  const nTrain = Math.floor(data.count * 0.8);
  const n = name === 'cpu' ? Math.min(CPU_SAMPLES, nTrain) : nTrain;
  const epochs = name === 'cpu' ? CPU_EPOCHS : EPOCHS;
  const x = tf.tensor4d(data.x.subarray(0, n * 64), [n, 8, 8, 1]);
  const y = tf.oneHot(tf.tensor1d(data.y.subarray(0, n), 'int32'), 10).toFloat();
  const model = buildModel(tf);

  if (flag('--profile')) await profileStep(tf, model, x, y);

  // Epochs after the first show the pace once V8 has optimised the JS (tfjs and our kernels) and tiered up the
  // WASM code; the first pays for that. The headline figure covers all epochs, like PyTorch's.
  let firstEpochEnd = 0;
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  await model.fit(x, y, {
    batchSize: BATCH, epochs, shuffle: true, verbose: 0,
    callbacks: { onEpochEnd: async (epoch) => void (epoch === 0 && (firstEpochEnd = performance.now())) },
  });
  const end = performance.now();
  const seconds = (end - t0) / 1000;
  const used = process.cpuUsage(c0);
  const cpuSeconds = (used.user + used.system) / 1e6;

  const xv = tf.tensor4d(data.x.subarray(nTrain * 64), [data.count - nTrain, 8, 8, 1]);
  const pred = (model.predict(xv) as Tensor).argMax(-1).dataSync();
  let correct = 0;
  pred.forEach((p, i) => (correct += Number(p === data.y[nTrain + i])));
  return {
    bench: BENCH, backend: name, samples_per_s: Math.round((n * epochs) / seconds),
    samples_per_cpu_s: Math.round((n * epochs) / cpuSeconds),
    ...(epochs > 1 ? { after_first_epoch: Math.round((n * (epochs - 1)) / ((end - firstEpochEnd) / 1000)) } : {}),
    samples: n, epochs, seconds: round(seconds, 2),
    val_acc: round(correct / (data.count - nTrain), 4),
  };
}

/**
 * Prints where one training step's time goes, by kernel (to stderr). Other processes share this machine's two
 * cores, so every figure is the best of several blocks of steps rather than one average.
 */
async function profileStep(tf: Tf, model: ReturnType<typeof buildModel>, x: Tensor, y: Tensor): Promise<void> {
  const xb = x.slice(0, BATCH);
  const yb = y.slice(0, BATCH);
  for (let i = 0; i < 30; i++) await model.trainOnBatch(xb, yb); // warm up the JIT and XNNPACK caches
  const steps = 20;
  let stepMs = Infinity;
  let cpuMs = Infinity;
  const best = new Map<string, { ms: number; calls: number }>();
  for (let block = 0; block < 6; block++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    for (let i = 0; i < steps; i++) await model.trainOnBatch(xb, yb);
    const c = process.cpuUsage(c0);
    stepMs = Math.min(stepMs, (performance.now() - t0) / steps);
    cpuMs = Math.min(cpuMs, (c.user + c.system) / 1000 / steps);
    const info = await tf.profile(async () => {
      for (let i = 0; i < steps; i++) await model.trainOnBatch(xb, yb);
    });
    const block = new Map<string, { ms: number; calls: number }>();
    for (const k of info.kernels) {
      const e = block.get(k.name) ?? { ms: 0, calls: 0 };
      e.ms += Number(k.kernelTimeMs) / steps;
      e.calls += 1 / steps;
      block.set(k.name, e);
    }
    for (const [k, e] of block) if (!best.has(k) || best.get(k)!.ms > e.ms) best.set(k, e);
  }
  const total = [...best.values()].reduce((s, e) => s + e.ms, 0);
  console.error(
    `${tf.getBackend()}: ${stepMs.toFixed(2)} ms/step (best block; CPU ${cpuMs.toFixed(2)} ms), ` +
      `kernels ${total.toFixed(2)} ms/step (profiled)`,
  );
  for (const [k, e] of [...best].sort((a, b) => b[1].ms - a[1].ms).slice(0, 15)) {
    console.error(`  ${k.padEnd(28)} ${e.ms.toFixed(3)} ms  ${e.calls.toFixed(0)} calls`);
  }
}

/**
 * Runs the PyTorch reference script unchanged, under a small wrapper that also notes the process CPU time at each
 * time.time() call; the script's last two are its start and end of training, so that it too gets a samples-per-
 * CPU-second figure: on a shared machine CPU time is far less disturbed by other processes than wall time.
 */
const PY_WRAPPER = `
import json, runpy, sys, time
marks = []
wall = time.time
def clock():
    marks.append(time.process_time())
    return wall()
time.time = clock
script = sys.argv[1]
sys.argv = sys.argv[1:]
runpy.run_path(script, run_name="__main__")
if len(marks) >= 2:
    print(json.dumps({"cpu_seconds": marks[-1] - marks[-2]}))
`;

/** The PyTorch reference, if torch imports. */
function runPytorch(dataFile: string): BenchRow {
  const script = path.join(SHARED_DIR, 'reference', 'torch_digits_cnn.py');
  if (!existsSync(script)) return { bench: BENCH, backend: 'pytorch', unavailable: `${script} not found` };
  // `python3` first; Debian's own interpreter (where apt's python3-torch lives) if another python3 shadows it.
  for (const py of ['python3', '/usr/bin/python3']) {
    if (spawnSync(py, ['-c', 'import torch'], { stdio: 'ignore' }).status !== 0) continue;
    const r = spawnSync(py, ['-c', PY_WRAPPER, script, dataFile], { encoding: 'utf8' });
    const lines = r.stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, number | string>);
    const result = lines.find((l) => 'samples_per_s' in l) as { samples_per_s: number; val_acc: number; torch: string; threads: number } | undefined;
    if (r.status !== 0 || !result) {
      return { bench: BENCH, backend: 'pytorch', unavailable: `reference failed: ${(r.stderr || r.stdout).trim().split('\n').pop()}` };
    }
    const cpu = lines.find((l) => 'cpu_seconds' in l)?.cpu_seconds as number | undefined;
    const samples = Math.floor(loadDigits(dataFile).count * 0.8);
    return {
      bench: BENCH, backend: 'pytorch', samples_per_s: result.samples_per_s,
      ...(cpu ? { samples_per_cpu_s: Math.round((samples * EPOCHS) / cpu) } : {}),
      samples, epochs: EPOCHS, val_acc: result.val_acc, note: `torch ${result.torch}, ${result.threads} thread(s)`,
    };
  }
  return {
    bench: BENCH, backend: 'pytorch',
    unavailable: 'PyTorch reference unavailable: python3 cannot import torch (apt-get install -y python3-torch)',
  };
}

function round(v: number, digits: number): number {
  return Math.round(v * 10 ** digits) / 10 ** digits;
}

/** Runs this file for one backend in a child process: no JIT, heap or kernel-registry state shared between runs. */
function runChild(name: BackendName): BenchRow {
  const extra = flag('--profile') ? ['--profile'] : [];
  const r = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--backend', name, ...extra], {
    encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = r.stdout.trim().split('\n').pop() ?? '';
  return r.status === 0 && line.startsWith('{') ? JSON.parse(line) : { bench: BENCH, backend: name, unavailable: `failed (exit ${r.status})` };
}

/** The faster of two measurements of the same thing (other processes share the machine: slow runs are noise). */
function best(a: BenchRow | undefined, b: BenchRow): BenchRow {
  return a?.samples_per_s && (!b.samples_per_s || a.samples_per_s >= b.samples_per_s) ? a : b;
}

async function main(): Promise<void> {
  const only = option('--backend') as BackendName | undefined;
  if (only) {
    try {
      emit(await runBackend(only));
    } catch (e) {
      emit({ bench: BENCH, backend: only, unavailable: (e as Error).message.split('\n')[0] });
    }
    return;
  }
  // wasm and the PyTorch reference alternate for ROUNDS rounds and each keeps its best run, so that a burst of load
  // from other processes does not land on one side of the ratio only.
  const rounds = Number(option('--rounds') ?? 2);
  const dataFile = loadDigits().file;
  let wasm: BenchRow | undefined;
  let torch: BenchRow | undefined;
  for (let i = 0; i < rounds; i++) {
    console.error(`${BENCH}: round ${i + 1}/${rounds}: wasm, then PyTorch…`);
    wasm = best(wasm, runChild('wasm'));
    torch = best(torch, runPytorch(dataFile));
    if (torch.unavailable) break; // no reference here: one round is enough
  }
  console.error(`${BENCH}: tensorflow (tfjs-node), cpu…`);
  const rows = [runChild('tensorflow'), wasm!, runChild('cpu'), torch!];
  for (const r of rows) {
    if (r !== torch && torch?.samples_per_s && r.samples_per_s) r.vs_pytorch = round(r.samples_per_s / torch.samples_per_s, 2);
    if (r !== torch && torch?.samples_per_cpu_s && r.samples_per_cpu_s) {
      r.vs_pytorch_cpu = round(r.samples_per_cpu_s / torch.samples_per_cpu_s, 2);
    }
    emit(r);
  }
}

await main();
