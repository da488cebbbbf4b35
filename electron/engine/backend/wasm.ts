// Starts tfjs-backend-wasm in Node from the .wasm files on disk (no network) and adds our training kernels.
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Tf } from './index.js';
import { registerWasmTrainingKernels } from './kernels/index.js';

/** The folder holding tfjs-backend-wasm's .wasm binaries (its dist/ folder), with a trailing separator. */
export function wasmDistDir(): string {
  // import.meta.url is empty once bundled to CommonJS; __filename exists there instead.
  const base = import.meta.url || (typeof __filename === 'string' ? __filename : path.join(process.cwd(), 'index.js'));
  const req = createRequire(base);
  return path.dirname(req.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm')) + path.sep;
}

export async function loadWasmBackend(tf: Tf): Promise<void> {
  // Importing the package registers the `wasm` backend factory and its flags.
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  if (tf.getBackend() !== 'wasm' && !tf.engine().registry['wasm']) {
    // Not initialised yet. The threaded build cannot start in Node (its workers come from blob: URLs, which Node
    // refuses), so we rule it out; the backend then picks the single-threaded SIMD binary.
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    let dir: string;
    try {
      dir = wasmDistDir();
    } catch (e) {
      throw new Error(`the wasm backend's binaries were not found: ${(e as Error).message.split('\n')[0]}`);
    }
    wasm.setWasmPaths(dir);
  }
  if (!(await tf.setBackend('wasm'))) throw new Error('the wasm backend failed to start (see the warning above)');
  registerWasmTrainingKernels();
}
