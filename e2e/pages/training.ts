// The Dataset, Training and Export tabs of the dock, found by role and accessible name as a person would find them:
// run controls, the progress bar, live charts, results (confusion matrix, predictions), run history and export.
import { expect, type Locator, type Page } from '@playwright/test';

export class TrainingPage {
  constructor(readonly page: Page) {}

  // ── Tabs ──────────────────────────────────────────────────────────────────────────────────────────────────────

  tab(name: 'Inspector' | 'Dataset' | 'Training' | 'Export'): Locator {
    return this.page.getByRole('tab', { name, exact: true });
  }

  /** The visible dock panel. */
  get panel(): Locator {
    return this.page.getByRole('tabpanel').filter({ visible: true });
  }

  async openTab(name: 'Dataset' | 'Training' | 'Export'): Promise<void> {
    await this.tab(name).click();
    await expect(this.tab(name)).toHaveAttribute('aria-selected', 'true');
  }

  // ── Settings ──────────────────────────────────────────────────────────────────────────────────────────────────

  /** A settings field by its label (Epochs, Batch size, Learning rate, …) in the visible panel. */
  field(label: string): Locator {
    return this.panel.getByLabel(label, { exact: true });
  }

  async setField(label: string, value: string): Promise<void> {
    const f = this.field(label);
    await f.fill(value);
    await expect(f).not.toHaveAttribute('aria-invalid', 'true');
  }

  async chooseOption(label: string, option: string | RegExp): Promise<void> {
    const select = this.field(label);
    const value = await select.locator('option').filter({ hasText: option }).first().getAttribute('value');
    await select.selectOption(value ?? '');
  }

  // ── Run controls ──────────────────────────────────────────────────────────────────────────────────────────────

  get startButton(): Locator {
    return this.page.getByRole('button', { name: 'Start training', exact: true });
  }

  get pauseButton(): Locator {
    return this.page.getByRole('button', { name: 'Pause', exact: true });
  }

  get resumeButton(): Locator {
    return this.page.getByRole('button', { name: 'Resume', exact: true });
  }

  get stopButton(): Locator {
    return this.page.getByRole('button', { name: /^(Stop|Stopping…)$/ });
  }

  get progress(): Locator {
    return this.page.getByRole('progressbar', { name: 'Training progress' });
  }

  get status(): Locator {
    return this.page.getByRole('status', { name: 'Training status' });
  }

  get failure(): Locator {
    return this.panel.getByRole('alert').filter({ hasText: 'Training failed' });
  }

  get blocker(): Locator {
    return this.panel.getByRole('note');
  }

  /** Percent done, from the progress bar's aria-valuenow (0 when not shown). */
  async progressValue(): Promise<number> {
    if (!(await this.progress.count())) return 0;
    return Number((await this.progress.getAttribute('aria-valuenow')) ?? 0);
  }

  chart(name: 'Loss' | 'Accuracy' | string): Locator {
    return this.page.getByRole('figure', { name: `${name} chart`, exact: true });
  }

  /** How many x positions a chart has drawn (grows as batches arrive). */
  async chartPoints(name: string): Promise<number> {
    if (!(await this.chart(name).count())) return 0;
    return Number((await this.chart(name).getAttribute('data-points')) ?? 0);
  }

  async start(): Promise<void> {
    await expect(this.startButton).toBeEnabled();
    await this.startButton.click();
    await expect(this.stopButton).toBeVisible();
  }

  /** Waits until the run has reported at least one batch. */
  async waitForFirstBatch(timeout = 60_000): Promise<void> {
    await expect.poll(() => this.progressValue(), { timeout, intervals: [100] }).toBeGreaterThan(0);
  }

  async waitForEnd(status: 'Finished' | 'Stopped early' | 'Failed', timeout = 90_000): Promise<void> {
    await expect(this.status).toHaveText(status, { timeout });
    await expect(this.startButton).toBeVisible();
  }

  // ── Results ───────────────────────────────────────────────────────────────────────────────────────────────────

  get confusionMatrix(): Locator {
    return this.page.getByRole('table', { name: 'Confusion matrix' });
  }

  get finalMetrics(): Locator {
    return this.page.getByRole('table', { name: 'Final metrics' });
  }

  get cellExamples(): Locator {
    return this.page.getByRole('region', { name: 'Examples of the selected cell' });
  }

  get predictions(): Locator {
    return this.page.getByRole('list', { name: 'Sample predictions' });
  }

  async openRunHistory(): Promise<Locator> {
    const summary = this.panel.locator('summary', { hasText: 'Run history' });
    const details = summary.locator('..');
    if ((await details.getAttribute('open')) === null) await summary.click();
    return this.panel.getByRole('list', { name: 'Runs' });
  }

  // ── Export ────────────────────────────────────────────────────────────────────────────────────────────────────

  get exportOnnxButton(): Locator {
    return this.page.getByRole('button', { name: 'Export ONNX', exact: true });
  }

  get exportResult(): Locator {
    return this.page.getByLabel('Export result', { exact: true });
  }

  get exportProgress(): Locator {
    return this.page.getByRole('progressbar', { name: 'Export progress' });
  }
}
