// Writes schema/layerloom-project.schema.json from the runtime schema (the one definition of the format).
import { writeFileSync } from 'node:fs';
import { projectJsonSchema } from '../shared/json-schema.js';

const file = new URL('../schema/layerloom-project.schema.json', import.meta.url);
writeFileSync(file, `${JSON.stringify(projectJsonSchema(), null, 2)}\n`);
console.log(`wrote ${file.pathname}`);
