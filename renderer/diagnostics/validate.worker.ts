// Validation off the UI thread: the editor posts the project after each structural edit and gets the diagnostics,
// shapes and parameter counts back.
import type { Project } from '../../shared/project.js';
import { runValidation } from './run-validation.js';

interface Request {
  id: number;
  project: Project;
}

self.onmessage = (event: MessageEvent<Request>) => {
  const { id, project } = event.data;
  const t0 = performance.now();
  const result = runValidation(project);
  self.postMessage({ id, result, ms: performance.now() - t0 });
};
