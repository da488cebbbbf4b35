// Editor journeys in the web host: build a CNN by dragging layers and wiring ports, see a shape error and fix it,
// undo/redo, copy/paste (and refuse garbage), save and reopen, choose a pretrained base model. Every test ends with no
// console errors.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { root } from '../../scripts/ensure-built.mjs';
import { expect, test } from '../fixtures.js';
import { EditorPage } from '../pages/editor.js';

test.beforeEach(async ({ app }) => {
  await app.goto();
  await expect(new EditorPage(app.page).startHeading).toBeVisible();
});

test.afterEach(async ({ app }) => {
  app.expectNoConsoleErrors();
});

async function buildCnn(ed: EditorPage): Promise<void> {
  await ed.newEmptyProject();
  await expect(ed.page.getByText('This model is empty')).toBeVisible();
  await ed.dragLayer('Input', 300, 60);
  await ed.dragLayer('Conv2D', 300, 170);
  await ed.dragLayer('Flatten', 300, 280);
  await ed.dragLayer('Dense', 300, 390);
  await ed.dragLayer('Output', 300, 500);
  await ed.connect('input', 'conv2d');
  await ed.connect('conv2d', 'flatten');
  await ed.connect('flatten', 'dense');
  await ed.connect('dense', 'output');
}

test('build a small CNN from an empty project by dragging layers and connecting ports', async ({ app }) => {
  const ed = new EditorPage(app.page);
  await buildCnn(ed);
  await expect(ed.noProblems).toBeVisible();
  // Shapes appear on nodes and edges: Input [8, 8, 1] → Conv2D 3×3 valid, 32 filters → 6×6×32 → 1152.
  await expect(ed.node('conv2d')).toContainText('6×6×32');
  await expect(ed.edges.filter({ hasText: '1152' })).toHaveCount(1);
  const summary = await ed.showSummary();
  await expect(summary.getByRole('row', { name: /^flatten Flatten/ })).toContainText('[null, 1152]');
  await expect(summary.getByRole('row', { name: /^Total params/ })).toBeVisible();
  // The inspector edits a param and the shape follows.
  await ed.select('dense');
  await ed.setField('units', '10');
  await expect(ed.node('dense')).toContainText('10');
  await expect(ed.field('units')).toHaveValue('10');
});

test('a shape error shows on the node and in the problems list, and is fixed in the inspector', async ({ app }) => {
  const ed = new EditorPage(app.page);
  await buildCnn(ed);
  await ed.select('conv2d');
  await ed.setField('kernelSize', '9');
  const problem = ed.problem(/Conv2D 'conv2d'/);
  await expect(problem).toBeVisible();
  await expect(ed.node('conv2d').getByRole('button', { name: /problem on conv2d/ })).toBeVisible();
  // Clicking the problem selects the layer (the inspector shows it).
  await ed.canvas.click({ position: { x: 40, y: 40 } });
  await expect(ed.page.getByRole('region', { name: 'Project' })).toBeVisible();
  await problem.click();
  await expect(ed.field('kernelSize')).toHaveValue('9');
  // An invalid value is refused inline and leaves the project as it was.
  await ed.setField('kernelSize', '0');
  await expect(ed.inspector.getByRole('alert')).toContainText('at least 1');
  await ed.setField('kernelSize', '3');
  await expect(ed.noProblems).toBeVisible();
  await expect(ed.node('conv2d').getByRole('button', { name: /problem/ })).toHaveCount(0);
});

test('undo and redo every graph change, a whole drag as one step', async ({ app }) => {
  const ed = new EditorPage(app.page);
  await ed.newEmptyProject();
  await ed.dragLayer('Input', 300, 80);
  await ed.dragLayer('Dense', 300, 260);
  await ed.connect('input', 'dense');
  await expect(ed.edges).toHaveCount(1);

  // Move the Dense node with a mouse drag of many steps: one undo step.
  const box = (await ed.node('dense').boundingBox())!;
  await ed.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await ed.page.mouse.down();
  await ed.page.mouse.move(box.x + box.width / 2 + 150, box.y + box.height / 2 + 30, { steps: 12 });
  await ed.page.mouse.up();
  const moved = (await ed.node('dense').boundingBox())!;
  expect(moved.x).toBeGreaterThan(box.x + 100);
  await expect(ed.node('dense')).toHaveCount(1);

  await ed.page.keyboard.press('ControlOrMeta+z');
  await expect.poll(async () => (await ed.node('dense').boundingBox())!.x).toBeCloseTo(box.x, 0);
  await ed.page.keyboard.press('ControlOrMeta+z');
  await expect(ed.edges).toHaveCount(0);
  await ed.button('Undo').click();
  await expect(ed.nodes).toHaveCount(1);
  await ed.page.keyboard.press('ControlOrMeta+y');
  await expect(ed.nodes).toHaveCount(2);
  await ed.page.keyboard.press('ControlOrMeta+Shift+z');
  await expect(ed.edges).toHaveCount(1);
  await ed.button('Redo').click();
  await expect.poll(async () => (await ed.node('dense').boundingBox())!.x).toBeCloseTo(moved.x, 0);
  await expect(ed.button('Redo')).toBeDisabled();
});

test('copy, paste, duplicate and delete; garbage on the clipboard changes nothing', async ({ app }) => {
  const ed = new EditorPage(app.page);
  await ed.newEmptyProject();
  await ed.dragLayer('Input', 300, 80);
  await ed.dragLayer('Dense', 300, 260);
  await ed.connect('input', 'dense');

  await ed.canvas.click({ position: { x: 30, y: 30 } });
  await ed.page.keyboard.press('ControlOrMeta+a');
  await ed.page.keyboard.press('ControlOrMeta+c');
  await ed.page.keyboard.press('ControlOrMeta+v');
  await expect(ed.nodes).toHaveCount(4);
  await expect(ed.edges).toHaveCount(2);
  await expect(ed.node('input_1')).toBeVisible();
  await expect(ed.node('dense_1')).toBeVisible();

  await ed.select('dense_1');
  await ed.page.keyboard.press('ControlOrMeta+d');
  await expect(ed.nodes).toHaveCount(5);
  await ed.page.keyboard.press('Delete');
  await expect(ed.nodes).toHaveCount(4);

  await ed.pasteText('this is not a layer');
  await expect(ed.notice(/Nothing pasted/)).toBeVisible();
  await ed.pasteText(JSON.stringify({ format: 'layerloom-fragment', version: 1, nodes: [{ id: 'q', kind: 'Quantum', params: {} }], edges: [] }));
  await expect(ed.notice(/unknown layer kind 'Quantum'/)).toBeVisible();
  await expect(ed.nodes).toHaveCount(4);
  await expect(ed.edges).toHaveCount(2);
});

test('save, reopen: the same graph', async ({ app, webHost }) => {
  const ed = new EditorPage(app.page);
  await buildCnn(ed);
  await ed.select('dense');
  await ed.setField('Label', 'classifier');
  await ed.setField('units', '10');
  await expect(ed.dirtyMark).toBeVisible();
  const before = await ed.nodeNames();

  await ed.saveAs('cnn');
  await expect(ed.dirtyMark).toHaveCount(0);
  const file = path.join(webHost.projectsDir, 'cnn.layerloom.json');
  const saved = JSON.parse(readFileSync(file, 'utf8')) as { models: { main: { nodes: { id: string; label?: string; params: Record<string, unknown> }[]; edges: unknown[] } } };
  expect(saved.models.main.nodes).toHaveLength(5);
  expect(saved.models.main.edges).toHaveLength(4);
  expect(saved.models.main.nodes.find((n) => n.id === 'dense')).toMatchObject({ label: 'classifier', params: { units: 10 } });

  await ed.button('Start screen').click();
  await expect(ed.startHeading).toBeVisible();
  await ed.open('cnn.layerloom.json');
  await expect(ed.nodes).toHaveCount(5);
  expect(await ed.nodeNames()).toEqual(before);
  await expect(ed.edges).toHaveCount(4);
  await expect(ed.noProblems).toBeVisible();
  await expect(ed.dirtyMark).toHaveCount(0);
});

test('a project with an unknown layer and a bad param opens with the rest intact; a broken file is refused with the reason', async ({ app, webHost }) => {
  const ed = new EditorPage(app.page);
  const nodes = [
    { id: 'input', kind: 'Input', params: { shape: [4] }, position: { x: 0, y: 0 } },
    { id: 'mystery', kind: 'QuantumLayer', params: { qubits: 3 }, position: { x: 0, y: 120 } },
    { id: 'dense', kind: 'Dense', params: { units: 'many' }, position: { x: 0, y: 240 } },
    { id: 'output', kind: 'Output', params: {}, position: { x: 0, y: 360 } },
  ];
  const edges = [
    { id: 'e1', source: 'input', sourcePort: 'out', target: 'mystery', targetPort: 'in' },
    { id: 'e2', source: 'mystery', sourcePort: 'out', target: 'dense', targetPort: 'in' },
    { id: 'e3', source: 'dense', sourcePort: 'out', target: 'output', targetPort: 'in' },
  ];
  const write = (name: string, n: unknown[]) => writeFileSync(path.join(webHost.projectsDir, name), JSON.stringify({
    format: 'layerloom-project', version: 1, name, models: { main: { nodes: n, edges } },
  }));
  write('damaged.layerloom.json', nodes);
  write('broken.layerloom.json', [...nodes, { kind: 'Dense' }]);

  await ed.open('broken.layerloom.json');
  await expect(ed.notice(/Could not open broken\.layerloom\.json/)).toBeVisible();
  await expect(ed.startHeading).toBeVisible();

  await ed.open('damaged.layerloom.json');
  await expect(ed.canvas).toBeVisible();
  await expect(ed.nodes).toHaveCount(4);
  await expect(ed.edges).toHaveCount(3);
  await expect(ed.problem(/unknown layer kind 'QuantumLayer'/)).toBeVisible();
  await expect(ed.problem(/parameter 'units'/)).toBeVisible();
  await ed.select('mystery');
  await expect(ed.inspector).toContainText('not a layer kind this version knows');
  await expect(ed.inspector).toContainText('qubits');
  await ed.select('dense');
  await expect(ed.field('units')).toHaveAttribute('aria-invalid', 'true');
  await ed.setField('units', '8');
  await expect(ed.problem(/parameter 'units'/)).toHaveCount(0);
});

test('a wire dropped on empty canvas offers the layers that fit, added already connected', async ({ app }) => {
  const ed = new EditorPage(app.page);
  await ed.newEmptyProject();
  await ed.paletteItem('Input').click();
  const h = (await ed.outputPort('input').boundingBox())!;
  await ed.page.mouse.move(h.x + h.width / 2, h.y + h.height / 2);
  await ed.page.mouse.down();
  await ed.page.mouse.move(h.x + 30, h.y + 120, { steps: 6 });
  await ed.page.mouse.up();
  await ed.page.getByRole('searchbox', { name: 'Find a layer to add' }).fill('flat');
  await ed.page.getByRole('option', { name: /Flatten/ }).click();
  await expect(ed.node('flatten')).toBeVisible();
  await expect(ed.edges).toHaveCount(1);
  await expect(ed.node('flatten')).toContainText('64');
});

test('unsaved work is autosaved and offered back after a reload', async ({ app }) => {
  const ed = new EditorPage(app.page);
  await ed.newEmptyProject();
  await ed.paletteItem('Input').click();
  await ed.paletteItem('Dense').click();
  await expect(ed.edges).toHaveCount(1);
  // The autosave runs every few seconds.
  await app.page.waitForTimeout(5000);
  await app.page.reload();
  await expect(ed.startHeading).toBeVisible();
  await app.page.getByRole('button', { name: 'Restore unsaved work' }).click();
  await expect(ed.nodes).toHaveCount(2);
  await expect(ed.edges).toHaveCount(1);
  await expect(ed.dirtyMark).toBeVisible();
});

test('a pretrained base model: chosen by name or with the file picker, cut at a layer, its summary recorded for the user', async ({ app, webHost }) => {
  const ed = new EditorPage(app.page);
  const summary = ed.inspector.getByRole('region', { name: 'Base model summary' });

  // The transfer template's base: read from the file, shown as a summary, nothing changed by looking at it.
  await ed.openTemplate('Transfer learning: digits 5–9 from 10 examples each');
  await ed.node('Frozen CNN features (learned on 0–4)').click();
  await expect(summary).toHaveText('8×8×1 → 1024, 18,816 parameters, frozen');
  await expect(ed.field('Base model file')).toHaveValue('layerloom:pretrained/digits-0-4');
  await expect(ed.field('Cut at')).toHaveValue('flatten');
  await expect(ed.field('Cut at').getByRole('option', { name: 'flatten — Flatten → [null, 1024]' })).toBeAttached();
  await expect(ed.field('inputShape')).toHaveCount(0);
  await expect(ed.field('trainable')).not.toBeChecked();
  await expect(ed.inspector.getByRole('alert')).toHaveCount(0);
  await expect(ed.dirtyMark).toHaveCount(0);

  // From an empty project: Input [8, 8, 1] → PretrainedModel → Output.
  await ed.button('Start screen').click();
  await ed.newEmptyProject();
  await ed.paletteItem('Input').click();
  await ed.setField('shape', '8, 8, 1');
  await ed.paletteItem('PretrainedModel').click();
  await ed.paletteItem('Output').click();
  await expect(ed.edges).toHaveCount(2);
  await ed.select('pretrained_model');
  await expect(summary).toHaveText('No base model chosen yet.');

  // A file that is not there: said inline, naming it; the project is unchanged.
  await ed.setField('Base model file', 'no-such-base/model.json');
  await expect(ed.inspector.getByRole('alert')).toContainText("Cannot read the base model 'no-such-base/model.json'");
  await expect(summary).toHaveText('No base model chosen yet.');

  await ed.setField('Base model file', 'layerloom:pretrained/digits-0-4');
  await expect(summary).toHaveText('8×8×1 → 5, 84,741 parameters, frozen');
  await expect(ed.inspector.getByRole('alert')).toHaveCount(0);
  await ed.field('Cut at').selectOption('flatten');
  await expect(summary).toHaveText('8×8×1 → 1024, 18,816 parameters, frozen');
  await expect(ed.node('pretrained_model')).toContainText('1024');
  await expect(ed.inspector.getByTestId('inspector-output-shape')).toHaveText('[null, 1024]');
  await expect(ed.noProblems).toBeVisible();

  // The cut and its summary are one undo step.
  await ed.button('Undo').click();
  await expect(ed.field('Cut at')).toHaveValue('');
  await expect(summary).toHaveText('8×8×1 → 5, 84,741 parameters, frozen');
  await ed.button('Redo').click();
  await expect(summary).toHaveText('8×8×1 → 1024, 18,816 parameters, frozen');

  // Browse…: a folder holding model.json (the project is unsaved, so the path is stored as it is, absolute).
  const folder = path.join(webHost.projectsDir, 'bases', 'digits');
  cpSync(path.join(root, 'templates', 'pretrained', 'digits-0-4'), folder, { recursive: true });
  await ed.button('Browse for the base model').click();
  const picker = ed.page.getByRole('dialog', { name: /Choose the base model/ });
  await picker.getByRole('button', { name: 'Folder bases' }).click();
  await picker.getByRole('button', { name: 'Folder digits' }).click();
  await expect(picker.getByRole('button', { name: 'File model.json' })).toBeVisible();
  await picker.getByRole('button', { name: 'Choose this folder' }).click();
  await expect(picker).toHaveCount(0);
  await expect(ed.field('Base model file')).toHaveValue(folder);
  await expect(ed.field('Cut at')).toHaveValue('flatten');
  await expect(summary).toHaveText('8×8×1 → 1024, 18,816 parameters, frozen');
  await expect(ed.noProblems).toBeVisible();
});
