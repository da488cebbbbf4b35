// Editor timings with a 500-node graph in Chromium, driven as a user drives it: the real web host, Debian's Chromium
// through playwright-core, the project opened with the "Open project…" dialog.
//
//   npx tsx bench/editor.bench.ts          (or: npm run bench -- editor)
//
// Measured, on a generated 500-node graph (residual Dense blocks, bench/lib/graphs.ts, laid out in columns):
//   open → drawn      from the click on Open in the file dialog (opened from the start screen) to the first frame in
//                     which every node is rendered, visible and inside the canvas (the fitted view); median of 3;
//   drag              frame times (requestAnimationFrame deltas, recorded in the page) while the mouse drags a node
//                     in 60 small steps over ~1 s, at a working zoom (0.7, the view centred on the middle of the graph)
//                     and with the whole graph fitted: p50/p95 ms and frames per second; `seconds` is how long the 60
//                     moves took (1 s when the page takes each move in time, longer when input waits on slow frames);
//   edit → shape      typing a new `units` into the inspector for a Dense node in view, until the frame that shows the
//                     node's new output shape (validation runs debounced, in a Web Worker); median of 6 edits
//                     alternating 48 and 32 (on the 500-node graph 48 breaks the block's Add: the shapes below it and
//                     the problems change too). `worker_ms` is the status bar's "validated in" figure.
// and, in the same run, the same steps on a 5-node graph (Input → 3 Dense → Output) as the reference:
// `vs_small_graph` is the 500-node figure over the 5-node one (ms for open and edit, p95 for drags).
//
// Rows go to stdout (bench/lib/rows.ts), progress to stderr. Without Chromium (LAYERLOOM_CHROMIUM, else
// /usr/bin/chromium) it prints one `unavailable` row and exits 0.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { serializeProject, type Project } from '../shared/project.js';
import { buildReason, root } from '../scripts/ensure-built.mjs';
import { generatedProject } from './lib/graphs.js';
import { chromiumPath, closeBrowser, launchChromium, percentile, startWebHost, type WebHost } from './lib/browser.js';
import { emit } from './lib/rows.js';

const BENCH = 'editor-500-nodes';
const NODES = 500;
const SMALL = 5;
const WORKING_ZOOM = 0.7;
const OPENS = 3;
const EDIT_VALUES = [48, 32, 48, 32, 48, 32];
const DRAG = { steps: 60, ms: 1000, dx: 200, dy: 80 };
/** The whole measurement (not the build) must finish within this. */
const WATCHDOG_MS = 100_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const round = (v: number, digits = 1) => Math.round(v * 10 ** digits) / 10 ** digits;
const median = (values: number[]) => percentile(values, 0.5);
const log = (s: string) => console.error(`${BENCH}: ${s}`);

// ── In the page ─────────────────────────────────────────────────────────────────────────────────────────────────
// Plain JavaScript installed with addInitScript and called with string expressions (functions compiled by tsx would
// carry helpers that do not exist in the page). Every wait in it has a deadline.
const PAGE_SCRIPT = String.raw`(() => {
  if (window.__llBench) return;
  const raf = () => new Promise((r) => requestAnimationFrame(r));
  const pane = () => document.querySelector('.react-flow');
  const nodeEl = (id) => document.querySelector('.react-flow__node[data-id="' + CSS.escape(id) + '"]');
  const transform = () => document.querySelector('.react-flow__viewport')?.style.transform ?? '';
  const zoom = () => { const m = /scale\(([^)]+)\)/.exec(transform()); return m ? Number(m[1]) : NaN; };
  let frames = null;
  window.__llBench = {
    zoom,
    startFrames() {
      const rec = { deltas: [], last: null, on: true };
      frames = rec;
      const loop = (t) => {
        if (!rec.on) return;
        if (rec.last !== null) rec.deltas.push(t - rec.last);
        rec.last = t;
        requestAnimationFrame(loop);
      };
      requestAnimationFrame(loop);
    },
    stopFrames() {
      const rec = frames;
      frames = null;
      if (!rec) return [];
      rec.on = false;
      return rec.deltas;
    },
    /** Until the viewport has not moved for 8 frames (true), or ms passed (false). */
    async settle(ms) {
      const end = performance.now() + ms;
      let last = transform(), same = 0;
      while (performance.now() < end) {
        await raf();
        const now = transform();
        same = now === last ? same + 1 : 0;
        last = now;
        if (same >= 8) return true;
      }
      return false;
    },
    /** Nodes at least partly inside the canvas. */
    inView() {
      const box = pane()?.getBoundingClientRect();
      if (!box) return 0;
      let n = 0;
      for (const el of document.querySelectorAll('.react-flow__node')) {
        const r = el.getBoundingClientRect();
        if (r.width > 0 && r.right > box.left && r.left < box.right && r.bottom > box.top && r.top < box.bottom) n++;
      }
      return n;
    },
    /** The id of the node (of this kind, if given) nearest the middle of the canvas. */
    nearest(kind) {
      const box = pane().getBoundingClientRect();
      const cx = box.left + box.width / 2, cy = box.top + box.height / 2;
      let best = null, bestD = Infinity;
      for (const el of document.querySelectorAll('.react-flow__node')) {
        if (kind && !el.querySelector('.ll-node[data-kind="' + kind + '"]')) continue;
        const r = el.getBoundingClientRect();
        if (r.width === 0) continue;
        const d = Math.hypot(r.left + r.width / 2 - cx, r.top + r.height / 2 - cy);
        if (d < bestD) { bestD = d; best = el.getAttribute('data-id'); }
      }
      return best;
    },
    /** From the next click (Open) to the first frame showing a new canvas with all expected nodes visible and inside it. */
    armOpen(expected, ms) {
      const old = pane();
      this.openDone = new Promise((resolve, reject) => {
        const timer = setTimeout(() => { dead = true; reject(new Error('no fitted canvas with ' + expected + ' visible nodes within ' + ms + ' ms')); }, ms);
        let dead = false;
        const check = (t0) => {
          if (dead) return;
          const p = pane();
          const nodes = document.querySelectorAll('.react-flow__node');
          if (p && p !== old && nodes.length === expected) {
            const box = p.getBoundingClientRect();
            let ok = true;
            for (const n of nodes) if (n.style.visibility === 'hidden') { ok = false; break; }
            if (ok) for (const n of nodes) {
              const r = n.getBoundingClientRect();
              if (r.width === 0 || r.left < box.left - 1 || r.top < box.top - 1 || r.right > box.right + 1 || r.bottom > box.bottom + 1) { ok = false; break; }
            }
            if (ok) {
              clearTimeout(timer);
              resolve({ ms: performance.now() - t0, zoom: zoom() });
              return;
            }
          }
          requestAnimationFrame(() => check(t0));
        };
        document.addEventListener('click', () => { const t0 = performance.now(); requestAnimationFrame(() => check(t0)); }, { capture: true, once: true });
      });
    },
    /** From the next input event to the frame after the node's output-shape text changed. Returns the text before. */
    armEdit(id, ms) {
      const shape = () => nodeEl(id)?.querySelector('.ll-node__shape')?.textContent ?? null;
      const before = shape();
      this.editDone = new Promise((resolve, reject) => {
        let t0 = null;
        document.addEventListener('input', () => { t0 = performance.now(); }, { capture: true, once: true });
        const observer = new MutationObserver(() => {
          if (t0 === null) return;
          const now = shape();
          if (now === null || now === before) return;
          observer.disconnect();
          clearTimeout(timer);
          requestAnimationFrame(() => {
            const status = document.querySelector('[title="Time the last validation took"]')?.textContent ?? '';
            resolve({ ms: performance.now() - t0, before, after: now, status });
          });
        });
        const timer = setTimeout(() => { observer.disconnect(); reject(new Error('the shape of ' + id + ' did not change within ' + ms + ' ms')); }, ms);
        observer.observe(document.querySelector('.react-flow__nodes') ?? document.body, { subtree: true, childList: true, characterData: true });
      });
      return before;
    },
  };
})();`;

interface FrameStats {
  p50: number;
  p95: number;
  fps: number;
  frames: number;
  seconds: number;
}

interface GraphResult {
  open: number;
  working: FrameStats & { zoom: number; inView: number };
  fitted: FrameStats & { zoom: number; inView: number };
  edit: { ms: number; worker: number };
}

// ── Project files ───────────────────────────────────────────────────────────────────────────────────────────────

/** The generated graph laid out in columns of 20, 260 × 180 px apart, in graph order (so edges mostly run down). */
function writeProject(dir: string, nodes: number): string {
  const project: Project = generatedProject(nodes);
  project.name = `bench ${nodes} nodes`;
  const rows = 20;
  project.models.main!.nodes.forEach((n, i) => {
    n.position = { x: Math.floor(i / rows) * 260, y: (i % rows) * 180 };
  });
  const file = path.join(dir, `graph-${nodes}.layerloom.json`);
  writeFileSync(file, serializeProject(project));
  return file;
}

// ── Steps, as a user does them ──────────────────────────────────────────────────────────────────────────────────

const bench = (page: Page, expr: string) => page.evaluate(`window.__llBench.${expr}`);

/** From the start screen (going back to it first, discarding changes, if a project is open), as a session starts. */
async function openTimed(page: Page, file: string, count: number): Promise<number> {
  const startHeading = page.getByRole('heading', { name: 'Start a project' });
  const home = page.getByRole('button', { name: /^Start screen/ });
  const discard = page.getByRole('button', { name: 'Discard changes', exact: true });
  if (await home.isVisible()) {
    await home.click();
    await startHeading.or(discard).first().waitFor();
    if (await discard.isVisible()) await discard.click();
  }
  await startHeading.waitFor();
  await sleep(200);
  await page.getByRole('button', { name: /^Open project…/ }).first().click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('heading', { name: 'Open project' }).waitFor();
  await dialog.getByLabel('File path').fill(file);
  await bench(page, `armOpen(${count}, 30000)`);
  await dialog.getByRole('button', { name: 'Open', exact: true }).click();
  const r = (await bench(page, 'openDone')) as { ms: number; zoom: number };
  await dialog.waitFor({ state: 'detached' });
  await page.getByTitle('Time the last validation took').waitFor();
  await bench(page, 'settle(5000)');
  return r.ms;
}

async function setZoom(page: Page, target: number): Promise<number> {
  const pane = await page.locator('.react-flow').boundingBox();
  if (!pane) throw new Error('the canvas is not visible');
  await page.mouse.move(pane.x + pane.width / 2, pane.y + pane.height / 2);
  let k = (await bench(page, 'zoom()')) as number;
  for (let i = 0; i < 8 && Math.abs(k / target - 1) > 0.02; i++) {
    // React Flow zooms by 2^(-deltaY × 0.002) per wheel event, about the pointer.
    await page.mouse.wheel(0, -Math.log2(target / k) / 0.002);
    await bench(page, 'settle(3000)');
    k = (await bench(page, 'zoom()')) as number;
  }
  if (Math.abs(k / target - 1) > 0.05) throw new Error(`could not zoom to ${target} (at ${k})`);
  return k;
}

async function fitView(page: Page): Promise<number> {
  await page.getByRole('button', { name: /^Fit view/ }).click();
  await sleep(100);
  await bench(page, 'settle(3000)');
  return (await bench(page, 'zoom()')) as number;
}

/** Drags the node nearest the middle of the canvas along a wave, 60 mouse moves over ~1 s; frame times meanwhile. */
async function dragFrames(page: Page): Promise<FrameStats & { zoom: number; inView: number }> {
  await bench(page, 'settle(3000)');
  const id = (await bench(page, 'nearest()')) as string | null;
  if (!id) throw new Error('no node in view to drag');
  const zoom = (await bench(page, 'zoom()')) as number;
  const inView = (await bench(page, 'inView()')) as number;
  const node = page.locator(`.react-flow__node[data-id="${id}"]`);
  const box = await node.boundingBox();
  if (!box) throw new Error(`node ${id} is not visible`);
  const x0 = box.x + box.width / 2;
  const y0 = box.y + box.height / 2;
  await page.mouse.move(x0, y0);
  await page.mouse.down();
  await page.mouse.move(x0 + 2, y0 + 1); // past the drag threshold: the drag has started
  await bench(page, 'startFrames()');
  const start = performance.now();
  for (let i = 1; i <= DRAG.steps; i++) {
    const t = i / DRAG.steps;
    await page.mouse.move(x0 + 2 + DRAG.dx * t, y0 + 1 + DRAG.dy * Math.sin(2 * Math.PI * t));
    const wait = start + (i * DRAG.ms) / DRAG.steps - performance.now();
    if (wait > 0) await sleep(wait);
  }
  const deltas = ((await bench(page, 'stopFrames()')) as number[]).slice(1); // the first includes the recorder's start
  const seconds = (performance.now() - start) / 1000;
  await page.mouse.up();
  const after = await node.boundingBox();
  const moved = after ? after.x - box.x : NaN;
  if (!(Math.abs(moved - DRAG.dx - 2) < 24)) throw new Error(`dragging ${id} moved it ${moved} px instead of ~${DRAG.dx} px`);
  const total = deltas.reduce((a, b) => a + b, 0);
  log(`  dragged ${id} ${Math.round(moved)} px at zoom ${zoom.toFixed(2)} (${inView} nodes in view) in ${seconds.toFixed(2)} s: ${deltas.length} frames`);
  return { p50: percentile(deltas, 0.5), p95: percentile(deltas, 0.95), fps: (deltas.length * 1000) / total, frames: deltas.length, seconds, zoom, inView };
}

/** Selects the Dense node nearest the middle of the canvas and types new `units` values into the inspector. */
async function editRoundTrips(page: Page): Promise<{ ms: number; worker: number }> {
  const id = (await bench(page, `nearest('Dense')`)) as string | null;
  if (!id) throw new Error('no Dense node in view');
  await page.locator(`.react-flow__node[data-id="${id}"]`).click();
  const inspector = page.getByRole('tabpanel', { name: 'Inspector' });
  const label = inspector.getByRole('textbox', { name: 'Label' });
  for (let i = 0; (await label.getAttribute('placeholder').catch(() => null)) !== id; i++) {
    if (i > 50) throw new Error(`the inspector does not show ${id}`);
    await sleep(100);
  }
  const field = inspector.getByLabel('units', { exact: true });
  const times: number[] = [];
  const worker: number[] = [];
  for (const v of EDIT_VALUES) {
    await bench(page, `armEdit(${JSON.stringify(id)}, 10000)`);
    await field.fill(String(v));
    const r = (await bench(page, 'editDone')) as { ms: number; before: string; after: string; status: string };
    if (!r.after.includes(String(v))) throw new Error(`${id} shows "${r.after}" after units = ${v}`);
    times.push(r.ms);
    const m = /validated in ([\d.]+) ms/.exec(r.status);
    if (m) worker.push(Number(m[1]));
    await sleep(250); // a pause between keystrokes, as a person makes
  }
  log(`  edited ${id}.units ${EDIT_VALUES.join(', ')}: ${times.map((t) => t.toFixed(1)).join(', ')} ms (worker ${worker.join(', ')} ms)`);
  return { ms: median(times), worker: median(worker) };
}

/** Drag at the working zoom, edits, drag with the whole graph fitted, on the graph that is open. */
async function editorSteps(page: Page, count: number): Promise<Omit<GraphResult, 'open'>> {
  log(`${count}-node graph: drag, edit, drag fitted…`);
  await setZoom(page, WORKING_ZOOM);
  const working = await dragFrames(page);
  const edit = await editRoundTrips(page);
  await fitView(page);
  const fitted = await dragFrames(page);
  return { working, fitted, edit };
}

// ── Main ────────────────────────────────────────────────────────────────────────────────────────────────────────

function build(): void {
  const reason = buildReason();
  if (!reason || (process.env.LAYERLOOM_SKIP_BUILD && !reason.endsWith('missing'))) return;
  log(`building Layerloom (${reason})…`);
  // The build's output goes to stderr: stdout carries the rows.
  const r = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: ['ignore', 2, 2] });
  if (r.status !== 0) throw new Error('the build failed (see above)');
}

function rows(big: GraphResult, small: GraphResult): Record<string, unknown>[] {
  const ratio = (a: number, b: number) => round(a / b, 2);
  const drag = (label: string, s: FrameStats & { zoom: number; inView: number }) => ({
    backend: `${label} (zoom ${s.zoom.toFixed(2)}, ${s.inView} in view)`, p50_ms: round(s.p50), p95_ms: round(s.p95), fps: round(s.fps),
    seconds: round(s.seconds, 2),
  });
  const note = 'input event → frame showing the new shape; includes the validation debounce';
  return [
    { backend: 'open → drawn', ms: round(big.open), vs_small_graph: ratio(big.open, small.open) },
    { ...drag('drag, working zoom', big.working), vs_small_graph: ratio(big.working.p95, small.working.p95) },
    { ...drag('drag, whole graph fitted', big.fitted), vs_small_graph: ratio(big.fitted.p95, small.fitted.p95) },
    { backend: 'edit units → shape shown', ms: round(big.edit.ms), worker_ms: round(big.edit.worker), vs_small_graph: ratio(big.edit.ms, small.edit.ms), note },
    { backend: `reference: ${SMALL} nodes, open → drawn`, ms: round(small.open) },
    { ...drag(`reference: ${SMALL} nodes, drag`, small.working) },
    { ...drag(`reference: ${SMALL} nodes, drag fitted`, small.fitted) },
    { backend: `reference: ${SMALL} nodes, edit → shape`, ms: round(small.edit.ms), worker_ms: round(small.edit.worker) },
  ].map((r) => ({ bench: BENCH, ...r }));
}

async function main(): Promise<number> {
  const exe = chromiumPath();
  if (!exe) {
    emit({
      bench: BENCH, backend: 'chromium',
      unavailable: `no Chromium at ${process.env.LAYERLOOM_CHROMIUM || '/usr/bin/chromium'}: apt-get install -y chromium (or set LAYERLOOM_CHROMIUM)`,
    });
    return 0;
  }
  build();

  let host: WebHost | undefined;
  let browser: Browser | undefined;
  const cleanup = async () => {
    await closeBrowser(browser);
    await host?.stop();
  };
  const watchdog = setTimeout(() => {
    console.error(`${BENCH}: gave up after ${WATCHDOG_MS / 1000} s`);
    void cleanup().finally(() => process.exit(1));
  }, WATCHDOG_MS);
  try {
    host = await startWebHost();
    const big = writeProject(host.projectsDir, NODES);
    const small = writeProject(host.projectsDir, SMALL);
    browser = await launchChromium(exe);
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (e) => console.error(`${BENCH}: page error: ${e.message}`));
    await page.addInitScript(PAGE_SCRIPT);
    await page.goto(host.url);
    await page.getByRole('heading', { name: 'Start a project' }).waitFor();
    log(`Chromium ${browser.version()}, web host ${host.url.replace(/\?.*/, '')}`);
    // Opens alternate between the graphs, each from the start screen. The 5-node steps come first: they also warm up
    // the page's code, so that the large graph is not charged for first use.
    const opens = { big: [] as number[], small: [] as number[] };
    for (let i = 0; i < OPENS; i++) {
      opens.big.push(await openTimed(page, big, NODES));
      opens.small.push(await openTimed(page, small, SMALL));
    }
    log(`open → drawn: ${NODES} nodes ${opens.big.map((t) => t.toFixed(0)).join(', ')} ms; ${SMALL} nodes ${opens.small.map((t) => t.toFixed(0)).join(', ')} ms`);
    const smallResult = { open: median(opens.small), ...(await editorSteps(page, SMALL)) };
    await openTimed(page, big, NODES);
    const bigResult = { open: median(opens.big), ...(await editorSteps(page, NODES)) };
    for (const r of rows(bigResult, smallResult)) emit(r);
    return 0;
  } catch (e) {
    console.error(`${BENCH}: ${(e as Error).stack ?? String(e)}`);
    if (host) console.error(`${BENCH}: web host log:\n${host.log().slice(-2000)}`);
    return 1;
  } finally {
    clearTimeout(watchdog);
    await cleanup();
  }
}

process.exitCode = await main();
