// The `layerloom` command line (DESIGN.md §8): validate, train, export, templates, new.
// Errors are one line on stderr (a stack only with --debug); exit 0 success, 1 invalid/failed, 2 bad input.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { TrainingEvent } from '../../shared/events.js';
import { formatShape } from '../../shared/layers/shape-utils.js';
import { parseProjectText, serializeProject, type FieldError, type Project } from '../../shared/project.js';
import { validate, type ValidationResult } from '../../shared/validate.js';
import { writeFileAtomic } from '../engine/model-io.js';
import { instantiateTemplate, listTemplates } from '../engine/templates.js';

export const MAX_PROJECT_BYTES = 16 * 1024 * 1024;

export class ExitError extends Error {
  constructor(message: string, readonly code: number) {
    super(message);
  }
}

const HELP: Record<string, string> = {
  main: `Usage: layerloom <command> [options]

Commands:
  validate FILE [--json]            check a project: structure, params, shapes, dataset and loss
  train FILE [options]              train a project and write the trained artifact
  export FILE (--onnx OUT | --tfjs DIR) [options]
                                    export a model to ONNX or the tfjs Layers format
  templates [--json]                list the template projects
  new TEMPLATE OUT_FILE             start a project from a template

Run 'layerloom <command> --help' for a command's options. --debug prints stack traces.`,
  validate: `Usage: layerloom validate FILE [--json]

Checks a project file. Exit 0 valid, 1 invalid, 2 unreadable or malformed.
  --json   print {"valid", "diagnostics", "shapes", "params"} as JSON`,
  train: `Usage: layerloom train FILE [--epochs N] [--backend auto|tensorflow|wasm|cpu] [--seed N] [--out DIR] [--json]

Trains the project's model on its dataset. Exit 0 done, 1 training failed, 2 bad input.
  --epochs N     override training.epochs
  --backend B    auto (default) picks tensorflow (tfjs-node) → wasm → cpu
  --seed N       override training.seed
  --out DIR      write the trained artifact: project.layerloom.json, metrics.jsonl, models/<model>/model.json
  --json         stream the training events, one JSON object per line`,
  export: `Usage: layerloom export FILE (--onnx OUT.onnx | --tfjs DIR) [--weights DIR] [--model NAME] [--output NODE] [--opset N] [--verify]

  --onnx OUT     write an ONNX model (opset 13 by default)
  --tfjs DIR     write a tfjs Layers model (model.json + weights.bin)
  --weights DIR  a trained artifact folder (from 'train --out'); without it, initial weights are exported
  --model NAME   which model of the project (default: the first; 'generator' for GANs)
  --output NODE  export only the part that feeds NODE, with NODE as the output (e.g. an autoencoder's encoder)
  --opset N      ONNX opset, 13–17
  --verify       run the ONNX file in ONNX Runtime and compare with tfjs (fails above 1e-4)`,
  templates: `Usage: layerloom templates [--json]

Lists the template projects with their descriptions.`,
  new: `Usage: layerloom new TEMPLATE OUT_FILE

Writes a new project file from a template (see 'layerloom templates').`,
};

export async function readProjectFile(file: string): Promise<Project> {
  let size: number;
  try {
    const s = await stat(file);
    if (s.isDirectory()) throw new ExitError(`${file}: is a folder, not a project file`, 2);
    size = s.size;
  } catch (e) {
    if (e instanceof ExitError) throw e;
    throw new ExitError(`${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, 2);
  }
  if (size > MAX_PROJECT_BYTES) {
    throw new ExitError(`${file}: ${(size / 1048576).toFixed(1)} MB is too large for a project file (limit ${MAX_PROJECT_BYTES / 1048576} MB; weights and data belong in separate files)`, 2);
  }
  const text = await readFile(file, 'utf8');
  const parsed = parseProjectText(text);
  if (!parsed.ok) throw new ExitError(`${file}: ${describeFieldErrors(parsed.errors)}`, 2);
  return parsed.project;
}

function describeFieldErrors(errors: FieldError[]): string {
  const first = errors.slice(0, 3).map((e) => `${e.path}: ${e.message}`).join('; ');
  return errors.length > 3 ? `${first}; and ${errors.length - 3} more` : first;
}

function validationJson(result: ValidationResult) {
  return {
    valid: result.valid,
    diagnostics: result.diagnostics,
    shapes: Object.fromEntries(Object.entries(result.models).map(([m, r]) => [m, r.shapes])),
    params: Object.fromEntries(Object.entries(result.models).map(([m, r]) => [m, { total: r.total, trainable: r.trainable }])),
  };
}

type Out = { stdout: (s: string) => void; stderr: (s: string) => void };

async function cmdValidate(args: string[], out: Out): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { json: { type: 'boolean' } }, allowPositionals: true });
  const file = onePositional(positionals, 'validate FILE');
  let project: Project;
  try {
    project = await readProjectFile(file);
  } catch (e) {
    if (values.json && e instanceof ExitError) {
      out.stdout(JSON.stringify({ valid: false, diagnostics: [{ model: '', severity: 'error', code: 'MALFORMED', message: e.message }], shapes: {}, params: {} }));
    }
    throw e;
  }
  const result = validate(project);
  if (values.json) {
    out.stdout(JSON.stringify(validationJson(result)));
  } else {
    for (const d of result.diagnostics) {
      const where = [d.model, d.node ?? d.edge].filter(Boolean).join('/');
      out.stderr(`${d.severity} ${d.code}${where ? ` ${where}` : ''}: ${d.message}`);
    }
    if (result.valid) {
      for (const [name, r] of Object.entries(result.models)) {
        out.stdout(`${name}: ${project.models[name]!.nodes.length} nodes, ${r.total.toLocaleString('en')} params (${r.trainable.toLocaleString('en')} trainable)`);
      }
      out.stdout(`${file}: valid`);
    } else {
      out.stdout(`${file}: invalid (${result.diagnostics.filter((d) => d.severity === 'error').length} errors)`);
    }
  }
  return result.valid ? 0 : 1;
}

async function cmdTrain(args: string[], out: Out): Promise<number> {
  const { values, positionals } = parseArgs({
    args, allowPositionals: true,
    options: { epochs: { type: 'string' }, backend: { type: 'string' }, seed: { type: 'string' }, out: { type: 'string' }, json: { type: 'boolean' } },
  });
  const file = onePositional(positionals, 'train FILE');
  const epochs = intOption(values.epochs, '--epochs', 1);
  const seed = intOption(values.seed, '--seed');
  const backendName = values.backend ?? 'auto';
  if (!['auto', 'tensorflow', 'wasm', 'cpu'].includes(backendName)) throw new ExitError(`--backend must be auto, tensorflow, wasm or cpu, got '${backendName}'`, 2);
  const project = await readProjectFile(file);
  const emit = (e: TrainingEvent) => {
    if (values.json) out.stdout(JSON.stringify(e));
    else humanEvent(e, out);
  };
  const { initBackend } = await import('../engine/backend/index.js');
  const { train, InputError } = await import('../engine/train/trainer.js');
  let backend;
  try {
    backend = await initBackend(backendName as 'auto');
  } catch (e) {
    emit({ event: 'error', message: (e as Error).message });
    throw new ExitError((e as Error).message, 2);
  }
  try {
    await train(backend.tf, backend.backend, project, { baseDir: path.dirname(path.resolve(file)), epochs, seed, out: values.out }, emit);
    return 0;
  } catch (e) {
    const err = e as Error & { node?: string };
    emit({ event: 'error', message: err.message, ...(err.node ? { node: err.node } : {}) });
    throw new ExitError(err.message, e instanceof InputError ? 2 : 1);
  }
}

function humanEvent(e: TrainingEvent, out: Out): void {
  const fmt = (m: Record<string, number>) => Object.entries(m).map(([k, v]) => `${k} ${v.toFixed(4)}`).join('  ');
  switch (e.event) {
    case 'start':
      out.stderr(`training on ${e.backend}: ${e.params.toLocaleString('en')} params, ${e.samples} samples${e.validationSamples ? ` (+${e.validationSamples} validation)` : ''}`);
      break;
    case 'epoch':
      out.stderr(`epoch ${e.epoch + 1}/${e.epochs}  ${fmt(e.metrics)}  (${e.seconds.toFixed(1)} s)`);
      break;
    case 'status':
      if (e.detail) out.stderr(e.detail);
      break;
    case 'done':
      out.stdout(`done: ${fmt(e.metrics)}${e.out ? `\nartifact: ${e.out}` : ''}`);
      break;
    default:
      break;
  }
}

async function cmdExport(args: string[], out: Out): Promise<number> {
  const { values, positionals } = parseArgs({
    args, allowPositionals: true,
    options: { onnx: { type: 'string' }, tfjs: { type: 'string' }, weights: { type: 'string' }, model: { type: 'string' }, output: { type: 'string' }, opset: { type: 'string' }, verify: { type: 'boolean' } },
  });
  const file = onePositional(positionals, 'export FILE');
  if (!values.onnx === !values.tfjs) throw new ExitError('give exactly one of --onnx OUT.onnx or --tfjs DIR', 2);
  const opset = intOption(values.opset, '--opset');
  if (opset !== undefined && (opset < 13 || opset > 17)) throw new ExitError(`--opset ${opset} is not supported: choose 13–17`, 2);
  const project = await readProjectFile(file);
  const { initBackend } = await import('../engine/backend/index.js');
  const { exportProjectOnnx, exportProjectTfjs } = await import('../engine/export-project.js');
  const { tf } = await initBackend('cpu'); // export is small work; cpu gives the reference numerics
  const base = { baseDir: path.dirname(path.resolve(file)), weights: values.weights, model: values.model, output: values.output };
  try {
    if (values.onnx) {
      const r = await exportProjectOnnx(tf, project, { ...base, out: values.onnx, opset, verify: values.verify });
      out.stdout(`wrote ${r.path} (${r.bytes.toLocaleString('en')} bytes; inputs ${r.inputs.map((i) => `${i.name} ${formatShape(i.shape)}`).join(', ')}; outputs ${r.outputs.map((o) => `${o.name} ${formatShape(o.shape)}`).join(', ')})`);
      if (r.maxAbsDiff !== undefined) out.stdout(`verified with ONNX Runtime on ${r.verifiedOn!.join(' and ')}: max abs diff ${r.maxAbsDiff.toExponential(2)}`);
    } else {
      const r = await exportProjectTfjs(tf, project, { ...base, out: values.tfjs! });
      out.stdout(`wrote ${path.join(r.path, 'model.json')}`);
    }
    return 0;
  } catch (e) {
    throw new ExitError((e as Error).message, 2);
  }
}

async function cmdTemplates(args: string[], out: Out): Promise<number> {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean' } } });
  const templates = await listTemplates();
  if (values.json) {
    out.stdout(JSON.stringify(templates.map(({ id, name, description, kind, tags }) => ({ id, name, description, kind, tags }))));
  } else {
    for (const t of templates) out.stdout(`${t.id.padEnd(22)} ${t.name} — ${t.description.split('\n')[0]!.slice(0, 120)}`);
  }
  return 0;
}

async function cmdNew(args: string[], out: Out): Promise<number> {
  const { positionals } = parseArgs({ args, allowPositionals: true });
  if (positionals.length !== 2) throw new ExitError('usage: layerloom new TEMPLATE OUT_FILE', 2);
  const [id, file] = positionals as [string, string];
  let project: Project;
  try {
    project = await instantiateTemplate(id, path.dirname(path.resolve(file)));
  } catch (e) {
    throw new ExitError((e as Error).message, 2);
  }
  await writeFileAtomic(file, serializeProject(project));
  out.stdout(`wrote ${file} from template '${id}'`);
  return 0;
}

function onePositional(positionals: string[], usage: string): string {
  if (positionals.length !== 1) throw new ExitError(`usage: layerloom ${usage}`, 2);
  return positionals[0]!;
}

function intOption(value: string | undefined, name: string, min = -Infinity): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new ExitError(`${name} needs a whole number${min > -Infinity ? ` ≥ ${min}` : ''}, got '${value}'`, 2);
  return n;
}

const COMMANDS: Record<string, (args: string[], out: Out) => Promise<number>> = {
  validate: cmdValidate, train: cmdTrain, export: cmdExport, templates: cmdTemplates, new: cmdNew,
};

export async function runCli(argv: string[], out: Out = { stdout: (s) => console.log(s), stderr: (s) => console.error(s) }): Promise<number> {
  const debug = argv.includes('--debug');
  const args = argv.filter((a) => a !== '--debug');
  const [command, ...rest] = args;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    out.stdout(HELP.main!);
    return command ? 0 : 2;
  }
  const run = COMMANDS[command];
  if (!run) {
    out.stderr(`layerloom: unknown command '${command}' (try 'layerloom --help')`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    out.stdout(HELP[command]!);
    return 0;
  }
  try {
    return await run(rest, out);
  } catch (e) {
    const code = e instanceof ExitError ? e.code : (e as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' || (e as { code?: string }).code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' ? 2 : 1;
    out.stderr(`layerloom ${command}: ${(e as Error).message.split('\n')[0]}`);
    if (debug) out.stderr((e as Error).stack ?? '');
    return code;
  }
}
