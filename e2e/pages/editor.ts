// The editor: palette, canvas, inspector, problems list, model summary, top bar and file dialogs. Everything is
// found by role and accessible name, as a person would find it.
import { expect, type Locator, type Page } from '@playwright/test';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export class EditorPage {
  constructor(readonly page: Page) {}

  // ── Start screen ──────────────────────────────────────────────────────────────────────────────────────────────

  get startHeading(): Locator {
    return this.page.getByRole('heading', { name: 'Start a project' });
  }

  async newEmptyProject(): Promise<void> {
    await this.page.getByRole('button', { name: 'New empty project' }).click();
    await expect(this.canvas).toBeVisible();
  }

  async openTemplate(name: string | RegExp): Promise<void> {
    const label = typeof name === 'string' ? new RegExp(`^Open template ${escape(name)}`) : name;
    await this.page.getByRole('button', { name: label }).click();
    await expect(this.canvas).toBeVisible();
  }

  // ── Layout ────────────────────────────────────────────────────────────────────────────────────────────────────

  get canvas(): Locator {
    return this.page.getByLabel('Model graph');
  }

  get palette(): Locator {
    return this.page.getByRole('navigation', { name: 'Layer palette' });
  }

  paletteItem(kind: string): Locator {
    return this.palette.getByRole('button', { name: `Add ${kind}`, exact: true });
  }

  /** A layer on the canvas by its display name (label, or id). */
  node(name: string): Locator {
    return this.canvas.getByRole('group', { name: new RegExp(`^${escape(name)} \\(`) });
  }

  get nodes(): Locator {
    return this.canvas.locator('.react-flow__node');
  }

  get edges(): Locator {
    return this.canvas.locator('.react-flow__edge');
  }

  outputPort(name: string): Locator {
    return this.canvas.getByLabel(`Output of ${name}`, { exact: true });
  }

  inputPort(name: string, port = 'in'): Locator {
    return this.canvas.getByLabel(`Input ${port} of ${name}`, { exact: true });
  }

  button(name: string): Locator {
    return this.page.getByRole('button', { name, exact: true });
  }

  // ── Building ──────────────────────────────────────────────────────────────────────────────────────────────────

  /** Drags a layer from the palette onto the canvas at (x, y) relative to the canvas' top-left corner. */
  async dragLayer(kind: string, x: number, y: number): Promise<void> {
    const before = await this.nodes.count();
    await this.paletteItem(kind).dragTo(this.canvas, { targetPosition: { x, y } });
    await expect(this.nodes).toHaveCount(before + 1);
  }

  /** Drags a wire from one layer's output port to another's input port. */
  async connect(from: string, to: string, port = 'in'): Promise<void> {
    const before = await this.edges.count();
    const a = await this.outputPort(from).boundingBox();
    const b = await this.inputPort(to, port).boundingBox();
    if (!a || !b) throw new Error(`ports of ${from} → ${to} are not visible`);
    await this.page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
    await this.page.mouse.down();
    await this.page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 5 });
    await this.page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 5 });
    await this.page.mouse.up();
    await expect(this.edges).toHaveCount(before + 1);
  }

  async select(name: string): Promise<void> {
    await this.node(name).click();
    await expect(this.inspector.getByRole('textbox', { name: 'Label' })).toHaveAttribute('placeholder', name);
  }

  // ── Inspector ─────────────────────────────────────────────────────────────────────────────────────────────────

  get inspector(): Locator {
    return this.page.getByRole('tabpanel', { name: 'Inspector' });
  }

  field(name: string): Locator {
    return this.inspector.getByLabel(name, { exact: true });
  }

  /** Replaces a field's text (as typing would) and waits a moment for validation. */
  async setField(name: string, value: string): Promise<void> {
    await this.field(name).fill(value);
  }

  // ── Problems and summary ─────────────────────────────────────────────────────────────────────────────────────

  get problems(): Locator {
    return this.page.getByRole('list', { name: 'Problems' });
  }

  get noProblems(): Locator {
    return this.page.getByText('No problems: every layer has a shape.');
  }

  problem(text: string | RegExp): Locator {
    return this.problems.getByRole('button', { name: text });
  }

  async showSummary(): Promise<Locator> {
    await this.page.getByRole('tab', { name: 'Model summary' }).click();
    return this.page.getByRole('table');
  }

  async showProblems(): Promise<void> {
    await this.page.getByRole('tab', { name: /^Problems/ }).click();
  }

  // ── Files ─────────────────────────────────────────────────────────────────────────────────────────────────────

  get fileDialog(): Locator {
    return this.page.getByRole('dialog');
  }

  /** Save as, in the browser's path dialog: a file name (relative to the folder shown) or a path. */
  async saveAs(name: string): Promise<void> {
    await this.button('Save as…').click();
    await expect(this.fileDialog.getByRole('heading', { name: 'Save project as' })).toBeVisible();
    await this.fileDialog.getByLabel('File path').fill(name);
    await this.fileDialog.getByRole('button', { name: /^(Save|Replace)$/ }).click();
    await expect(this.fileDialog).toHaveCount(0);
  }

  async open(fileName: string): Promise<void> {
    await this.page.getByRole('button', { name: /^Open project…/ }).click();
    await expect(this.fileDialog.getByRole('heading', { name: 'Open project' })).toBeVisible();
    await this.fileDialog.getByRole('button', { name: `File ${fileName}` }).click();
    await this.fileDialog.getByRole('button', { name: 'Open', exact: true }).click();
    await expect(this.fileDialog).toHaveCount(0);
  }

  get dirtyMark(): Locator {
    return this.page.getByRole('status', { name: 'Unsaved changes' });
  }

  /** The messages shown at the bottom (info) and errors (alerts). */
  notice(text: string | RegExp): Locator {
    return this.page.locator('.ll-toast').filter({ hasText: text });
  }

  /** Sends a paste of `text` as the system clipboard would (no clipboard permission needed). */
  async pasteText(text: string): Promise<void> {
    await this.page.evaluate((t) => {
      const data = new DataTransfer();
      data.setData('text/plain', t);
      document.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, text);
  }

  /** The node names on the canvas, sorted. */
  async nodeNames(): Promise<string[]> {
    const labels = await this.nodes.evaluateAll((ns) => ns.map((n) => n.getAttribute('aria-label') ?? ''));
    return labels.sort();
  }
}
