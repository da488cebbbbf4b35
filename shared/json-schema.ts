// The published JSON Schema of the project format, generated from the runtime schema (never edited by hand).
import { z } from 'zod';
import { ProjectSchema } from './project.js';

export function projectJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(ProjectSchema, { io: 'input', unrepresentable: 'any' }),
    $id: 'https://layerloom.org/schema/layerloom-project-1.json',
    title: 'Layerloom project file, format version 1',
  };
}
