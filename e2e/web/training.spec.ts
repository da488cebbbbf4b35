// Training, evaluation and export journeys in the web host, on the CNN template (8×8 digits, trains in seconds):
// train with live charts and a moving progress bar, read the confusion matrix, export ONNX verified by ONNX Runtime;
// stop a second run early and compare the two; and the bad inputs: data that does not fit the model, a loss that
// becomes NaN, closing the project while it trains. Every test ends with no console errors.
import { copyFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { root } from '../../scripts/ensure-built.mjs';
import { expect, test } from '../fixtures.js';
import { EditorPage } from '../pages/editor.js';
import { TrainingPage } from '../pages/training.js';

const CNN = /^Open template Digits CNN/;
const SINE = /^Open template Sine/;

test.beforeEach(async ({ app }) => {
  await app.goto();
  await expect(new EditorPage(app.page).startHeading).toBeVisible();
});

async function open(app: { page: import('@playwright/test').Page }, template: RegExp): Promise<TrainingPage> {
  await new EditorPage(app.page).openTemplate(template);
  return new TrainingPage(app.page);
}

test.afterEach(async ({ app }) => {
  app.expectNoConsoleErrors();
});

test('train the CNN template for 2 epochs: the charts grow, the progress bar advances, the confusion matrix shows; export ONNX verified', async ({ app, webHost }) => {
  const t = await open(app, CNN);
  await t.openTab('Training');
  await expect(t.progress).toHaveCount(0);
  await t.setField('Epochs', '2');
  // Small batches: more steps to watch.
  await t.setField('Batch size', '4');

  await t.start();
  await t.waitForFirstBatch();
  // Pause to look at it: a point on the way, with some of the loss curve drawn.
  await t.pauseButton.click();
  await expect(t.status).toHaveText('Paused');
  await expect(t.resumeButton).toBeVisible();
  const midway = await t.progressValue();
  expect(midway).toBeGreaterThan(0);
  expect(midway).toBeLessThan(100);
  await expect(t.progress).toHaveAttribute('aria-valuetext', /Epoch [12] of 2 · batch \d+ of \d+/);
  await expect(t.panel.getByText(/^backend: (wasm|cpu|tensorflow)$/)).toBeVisible();
  await expect.poll(() => t.chartPoints('Loss')).toBeGreaterThan(0);
  const pointsMidway = await t.chartPoints('Loss');
  await t.resumeButton.click();
  await expect(t.status).toHaveText(/^(Training|Finished)$/);
  // The progress bar advances and the charts grow while it runs.
  await expect.poll(() => t.progressValue(), { timeout: 60_000 }).toBeGreaterThan(midway);
  await expect.poll(() => t.chartPoints('Loss'), { timeout: 60_000 }).toBeGreaterThan(pointsMidway);

  await t.waitForEnd('Finished');
  expect(await t.progressValue()).toBe(100);
  await expect(t.chart('Accuracy')).toBeVisible();
  await expect(t.finalMetrics.getByRole('row', { name: /^val_accuracy/ })).toContainText('%');

  // The confusion matrix: 10 × 10 over the validation set; a cell shows its samples.
  await expect(t.confusionMatrix).toBeVisible();
  await expect(t.confusionMatrix.getByRole('row')).toHaveCount(11);
  const diagonal = t.confusionMatrix.getByRole('button', { name: /^true 3, predicted 3: \d+ samples?/ });
  await diagonal.click();
  await expect(diagonal).toHaveAttribute('aria-pressed', 'true');
  await expect(t.cellExamples).toContainText('3 recognised correctly');
  await expect(t.predictions.getByRole('listitem').first()).toBeVisible();

  // Export the trained run to ONNX, verified in ONNX Runtime.
  await t.openTab('Export');
  await expect(t.field('Weights')).toHaveValue(/^run:/);
  await expect(t.field('Opset')).toHaveValue('13');
  await expect(t.field('Verify')).toBeChecked();
  await t.exportOnnxButton.click();
  await expect(t.exportResult).toContainText('ONNX model exported', { timeout: 60_000 });
  await expect(t.exportResult).toContainText('Verification passed');
  const file = (await t.exportResult.locator('code').textContent())!;
  expect(file).toMatch(/\.onnx$/);
  expect(file.startsWith(webHost.projectsDir)).toBe(true);
  expect(existsSync(file)).toBe(true);
});

test('a second run stopped in the middle of an epoch ends cleanly and can be compared with the first', async ({ app }) => {
  const t = await open(app, CNN);
  await t.openTab('Training');
  await t.setField('Epochs', '1');
  await t.start();
  await t.waitForEnd('Finished');

  await t.setField('Epochs', '50');
  await t.setField('Batch size', '4');
  await t.start();
  await t.waitForFirstBatch();
  await t.stopButton.click();
  await t.waitForEnd('Stopped early');
  const stoppedAt = await t.progressValue();
  expect(stoppedAt).toBeGreaterThan(0);
  expect(stoppedAt).toBeLessThan(100);
  // The run still reports its metrics, evaluation and artifact.
  await expect(t.finalMetrics).toBeVisible();
  await expect(t.confusionMatrix).toBeVisible();
  await expect(t.panel.getByText(/^Saved to/)).toBeVisible();

  const runs = await t.openRunHistory();
  await expect(runs.getByRole('listitem')).toHaveCount(2);
  await expect(runs.getByRole('listitem').first()).toContainText('stopped early');
  await expect(runs.getByRole('listitem').nth(1)).toContainText('finished');
  await app.page.getByRole('checkbox', { name: 'Compare Run 1' }).check();
  await app.page.getByRole('checkbox', { name: 'Compare Run 2' }).check();
  const compare = app.page.getByRole('table', { name: 'Run comparison table' });
  await expect(compare).toBeVisible();
  await expect(compare.getByRole('row', { name: /^Epochs 1 50/ })).toBeVisible();
  await expect(app.page.getByRole('figure', { name: 'Run comparison chart' })).toBeVisible();
  // The editor stayed usable all along.
  await t.openTab('Dataset');
  await expect(t.field('Validation split')).toBeEditable();
});

test('a dataset that does not fit the model is named at once, and training cannot start until it is fixed', async ({ app, webHost }) => {
  const t = await open(app, CNN);
  await t.openTab('Dataset');
  await expect(t.panel.getByRole('list', { name: 'First samples' }).getByRole('img')).toHaveCount(16);
  await expect(t.panel.getByRole('list', { name: 'Class counts' }).getByRole('listitem')).toHaveCount(10);

  await t.chooseOption('Dataset', 'Iris');
  await expect(t.panel.getByRole('list', { name: 'Fit with the model' })).toContainText(/Samples have shape \[4\].*\[8, 8, 1\]/);
  await t.openTab('Training');
  await expect(t.startButton).toBeDisabled();
  await expect(t.blocker).toContainText(/iris samples have shape \[4\]/);

  // A missing file is reported at its field.
  await t.openTab('Dataset');
  await t.chooseOption('Source', 'CSV file');
  await t.field('CSV file').fill('no-such-data.csv');
  const csvField = t.field('CSV file');
  await expect(csvField).toHaveAttribute('aria-invalid', 'true', { timeout: 15_000 });
  await expect(t.panel.getByRole('alert').filter({ hasText: 'no-such-data.csv' }).first()).toBeVisible();

  // A real CSV chosen in the file browser: previewed as rows, and its 4 features do not fit the 8×8 input.
  copyFileSync(path.join(root, 'templates', 'data', 'iris.csv'), path.join(webHost.projectsDir, 'flowers.csv'));
  await t.panel.getByRole('button', { name: 'Browse for the csv file' }).click();
  const picker = app.page.getByRole('dialog', { name: 'Choose the csv file' });
  await picker.getByRole('button', { name: 'File flowers.csv' }).click();
  await picker.getByRole('button', { name: 'Choose file' }).click();
  await expect(csvField).toHaveValue('flowers.csv');
  await t.field('Header row').check();
  await expect(t.panel.getByRole('table', { name: 'First samples' }).getByRole('row')).toHaveCount(17);
  await expect(t.panel.getByRole('list', { name: 'Fit with the model' })).toContainText('Samples have shape [4]');
  await t.openTab('Training');
  await expect(t.panel.getByRole('list', { name: 'Dataset check' })).toContainText("set the last Dense layer's units to 3");
  await t.openTab('Dataset');

  // Back to the digits: training can start again.
  await t.chooseOption('Source', 'Built-in dataset');
  await t.chooseOption('Dataset', 'Digits');
  await t.openTab('Training');
  await expect(t.startButton).toBeEnabled();
});

test('a loss that becomes NaN ends the run with a clear message, and the app stays usable', async ({ app }) => {
  // The sine forecaster (regression, linear output): plain SGD with a huge step diverges within a few batches.
  const t = await open(app, SINE);
  await t.openTab('Training');
  await t.chooseOption('Optimizer', /^SGD$/);
  await t.setField('Learning rate', '100');
  await t.setField('Epochs', '3');
  await t.start();
  await t.waitForEnd('Failed');
  await expect(t.failure).toContainText(/loss became NaN at epoch 1, batch \d+: lower the learning rate/);
  await expect(t.chart('Loss')).toBeVisible();
  // Fix it and train again.
  await t.chooseOption('Optimizer', /^Adam$/);
  await t.setField('Learning rate', '0.005');
  await t.setField('Epochs', '1');
  await t.start();
  await t.waitForEnd('Finished');
  const runs = await t.openRunHistory();
  await expect(runs.getByRole('listitem')).toHaveCount(2);
  await expect(runs.getByRole('listitem').nth(1)).toContainText('failed');
});

test('closing the project while it trains stops the run: no training process is left behind', async ({ app }) => {
  const t = await open(app, CNN);
  const ed = new EditorPage(app.page);
  await t.openTab('Training');
  await t.setField('Epochs', '200');
  await t.start();
  await t.waitForFirstBatch();
  // Structure edits wait for the run; the editor itself still answers.
  await app.page.getByRole('button', { name: 'Start screen' }).click();
  await app.page.getByRole('button', { name: 'Discard changes' }).click();
  await expect(ed.startHeading).toBeVisible();

  // Reopen the same template: the closed run shows up in its history as stopped early — its process finished.
  await ed.openTemplate(CNN);
  await t.openTab('Training');
  await expect(t.startButton).toBeEnabled({ timeout: 30_000 });
  const runs = await t.openRunHistory();
  await expect(runs.getByRole('listitem')).toHaveCount(1, { timeout: 30_000 });
  await expect(runs.getByRole('listitem').first()).toContainText('stopped early');
});
