// The trained artifact of DESIGN.md §6, written to a temporary sibling folder and renamed into place at the end so
// that a failed or interrupted run never leaves a folder that looks complete.
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type * as tfjs from '@tensorflow/tfjs';
import type { TrainingEvent } from '../../../shared/events.js';
import { serializeProject, type Project } from '../../../shared/project.js';
import { saveLayersModel } from '../model-io.js';

export class ArtifactWriter {
  private events: TrainingEvent[] = [];

  constructor(private readonly out: string | undefined, private readonly project: Project) {}

  record(e: TrainingEvent): void {
    if (this.out) this.events.push(e);
  }

  /** Writes the artifact (when an out folder was given) and sends the done event with its path. */
  async finish(tf: typeof tfjs, models: Record<string, tfjs.LayersModel>, done: TrainingEvent & { event: 'done' }, send: (e: TrainingEvent) => void): Promise<void> {
    if (!this.out) {
      send(done);
      return;
    }
    const out = path.resolve(this.out);
    const tmp = `${out}.partial-${process.pid}`;
    await rm(tmp, { recursive: true, force: true });
    try {
      await mkdir(tmp, { recursive: true });
      await writeFile(path.join(tmp, 'project.layerloom.json'), serializeProject(this.project));
      for (const [name, model] of Object.entries(models)) await saveLayersModel(tf, model, path.join(tmp, 'models', name));
      const final = { ...done, out };
      const lines = [...this.events, final].map((e) => JSON.stringify(e)).join('\n');
      await writeFile(path.join(tmp, 'metrics.jsonl'), `${lines}\n`);
      await rm(out, { recursive: true, force: true });
      await rename(tmp, out);
      send(final);
    } catch (e) {
      await rm(tmp, { recursive: true, force: true });
      throw e;
    }
  }
}
