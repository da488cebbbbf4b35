// The benchmark output protocol shared by bench/*.bench.ts and scripts/bench.mjs: each result is one JSON object on
// its own stdout line; everything else a benchmark says goes to stderr.
export interface BenchRow {
  bench: string;
  /** What ran: a tfjs backend name, or a reference such as `pytorch`. */
  backend: string;
  /** Training throughput, wall clock. */
  samples_per_s?: number;
  /** Wall-clock throughput of the epochs after the first (JIT and WASM tier-up done). */
  after_first_epoch?: number;
  /** Training throughput per second of this process's CPU time (steadier than wall time on a shared machine). */
  samples_per_cpu_s?: number;
  samples?: number;
  epochs?: number;
  seconds?: number;
  val_acc?: number;
  /** samples_per_s divided by the PyTorch reference's, measured in the same run. */
  vs_pytorch?: number;
  /** samples_per_cpu_s divided by the PyTorch reference's. */
  vs_pytorch_cpu?: number;
  note?: string;
  /** Set instead of the figures when this row could not be measured, saying why. */
  unavailable?: string;
}

export function emit(row: BenchRow | Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(row)}\n`);
}
