// Short engine jobs the handlers run: ONNX/tfjs export, dataset preview, pretrained model description.
// They run in the host process for now (a small model exports in well under a second), one at a time so two jobs
// never race on tfjs' global backend. tfjs is imported on first use, so hosts start without loading it; only the
// pure-JS `cpu` backend is used here (tfjs-node stays in the training process, DESIGN §1).
import type { Project } from '../../shared/project.js';
import type { DatasetInput } from '../engine/data/index.js';

let chain: Promise<unknown> = Promise.resolve();

function serial<T>(job: () => Promise<T>): Promise<T> {
  const run = chain.then(job, job);
  chain = run.catch(() => undefined);
  return run;
}

async function cpuTf() {
  const { initBackend } = await import('../engine/backend/index.js');
  return (await initBackend('cpu')).tf;
}

export interface ExportJob {
  baseDir: string;
  weights?: string;
  model?: string;
  output?: string;
  out: string;
}

export function exportOnnx(project: Project, req: ExportJob & { opset: number; verify: boolean }) {
  return serial(async () => {
    const { exportProjectOnnx } = await import('../engine/export-project.js');
    return exportProjectOnnx(await cpuTf(), project, req);
  });
}

export function exportTfjs(project: Project, req: ExportJob) {
  return serial(async () => {
    const { exportProjectTfjs } = await import('../engine/export-project.js');
    return exportProjectTfjs(await cpuTf(), project, req);
  });
}

export function previewDataset(dataset: DatasetInput, baseDir: string, count: number) {
  return serial(async () => {
    const data = await import('../engine/data/index.js');
    return data.previewDataset(dataset, baseDir, count);
  });
}

export function describePretrained(file: string, baseDir: string, model?: string, cutAt?: string) {
  return serial(async () => {
    const { describePretrained } = await import('../engine/pretrained.js');
    return describePretrained(await cpuTf(), file, baseDir, model, cutAt);
  });
}
