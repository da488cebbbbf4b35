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
  private readonly out: string | undefined;
  private readonly tmp: string | undefined;
  private started = false;

  constructor(out: string | undefined, private readonly project: Project) {
    this.out = out && path.resolve(out);
    this.tmp = this.out && `${this.out}.partial-${process.pid}`;
  }

  record(e: TrainingEvent): void {
    if (this.out) this.events.push(e);
  }

  private async begin(): Promise<string> {
    if (!this.started) {
      await rm(this.tmp!, { recursive: true, force: true });
      await mkdir(this.tmp!, { recursive: true });
      this.started = true;
    }
    return this.tmp!;
  }

  /** Saves the models as they are now into `checkpoints/epoch-N/` of the artifact; returns where, or undefined. */
  async checkpoint(tf: typeof tfjs, models: Record<string, tfjs.LayersModel>, epoch: number): Promise<string | undefined> {
    if (!this.out) return undefined;
    const rel = path.join('checkpoints', `epoch-${epoch + 1}`);
    const dir = path.join(await this.begin(), rel);
    for (const [name, model] of Object.entries(models)) await saveLayersModel(tf, model, path.join(dir, 'models', name));
    return path.join(this.out, rel);
  }

  /** Writes the artifact (when an out folder was given) and sends the done event with its path. */
  async finish(tf: typeof tfjs, models: Record<string, tfjs.LayersModel>, done: TrainingEvent & { event: 'done' }, send: (e: TrainingEvent) => void): Promise<void> {
    if (!this.out) {
      send(done);
      return;
    }
    try {
      const tmp = await this.begin();
      await writeFile(path.join(tmp, 'project.layerloom.json'), serializeProject(this.project));
      for (const [name, model] of Object.entries(models)) await saveLayersModel(tf, model, path.join(tmp, 'models', name));
      const final = { ...done, out: this.out };
      const lines = [...this.events, final].map((e) => JSON.stringify(e)).join('\n');
      await writeFile(path.join(tmp, 'metrics.jsonl'), `${lines}\n`);
      await rm(this.out, { recursive: true, force: true });
      await rename(tmp, this.out);
      send(final);
    } catch (e) {
      await this.abort();
      throw e;
    }
  }

  /** Removes what a failed run wrote. */
  async abort(): Promise<void> {
    if (this.started) await rm(this.tmp!, { recursive: true, force: true });
  }
}
