// The engine jobs themselves, run inside the engine-jobs process. One at a time, so two jobs never race on tfjs'
// global backend; only the pure-JS `cpu` backend is used (tfjs-node stays in the training process, DESIGN §1).
import type { Project } from '../../../shared/project.js';
import type { DatasetInput } from '../data/index.js';
import type { ExportRequest } from '../export-project.js';

async function cpuTf() {
  const { initBackend } = await import('../backend/index.js');
  return (await initBackend('cpu')).tf;
}

export const jobs = {
  async exportOnnx(project: Project, req: ExportRequest & { out: string }) {
    const { exportProjectOnnx } = await import('../export-project.js');
    return exportProjectOnnx(await cpuTf(), project, req);
  },
  async exportTfjs(project: Project, req: ExportRequest & { out: string }) {
    const { exportProjectTfjs } = await import('../export-project.js');
    return exportProjectTfjs(await cpuTf(), project, req);
  },
  async previewDataset(dataset: DatasetInput, baseDir: string, count: number) {
    const data = await import('../data/index.js');
    return data.previewDataset(dataset, baseDir, count);
  },
  async describePretrained(file: string, baseDir: string, model?: string, cutAt?: string) {
    const { describePretrained } = await import('../pretrained.js');
    return describePretrained(await cpuTf(), file, baseDir, model, cutAt);
  },
};

export type Jobs = typeof jobs;
