// Runs the shared validation and never throws: a bug in a layer kind's shape inference becomes a diagnostic on the
// model instead of breaking the editor.
import { z } from 'zod';
import type { Project } from '../../shared/project.js';
import { validate, type ValidationResult } from '../../shared/validate.js';

// zod's JIT probes `new Function`, which a strict Content-Security-Policy reports as a console error.
z.config({ jitless: true });

export function runValidation(project: Project): ValidationResult {
  try {
    return validate(project);
  } catch (e) {
    const model = Object.keys(project.models)[0] ?? 'main';
    return {
      valid: false,
      models: {},
      diagnostics: [{
        model, severity: 'error', code: 'BAD_PARAM',
        message: `Validation stopped on an internal error: ${(e as Error)?.message ?? String(e)}`,
      }],
    };
  }
}
