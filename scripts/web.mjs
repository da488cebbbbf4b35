#!/usr/bin/env node
// `npm run web [-- --port N --no-open --root DIR]`: builds if needed, then runs the web host (dist/web.mjs), which
// prints `Layerloom web host: http://127.0.0.1:PORT/?token=…`.
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { ensureBuilt, root } from './ensure-built.mjs';

ensureBuilt();
await import(pathToFileURL(path.join(root, 'dist', 'web.mjs')).href);
