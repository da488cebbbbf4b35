// Base page object: the whole app in one tab. Panel page objects (e2e/pages/*) hang off it; they find elements by
// role and accessible name only, so the tests read like what a person sees and survive markup changes.
import { expect, type Page } from '@playwright/test';
import { StartPage } from './start-page.js';

export class AppPage {
  /** Console errors and uncaught page errors since this object was made (i.e. during the test). */
  readonly errors: string[] = [];

  constructor(readonly page: Page, readonly url: string) {
    page.on('console', (m) => {
      if (m.type() === 'error') this.errors.push(`console error: ${m.text()}`);
    });
    page.on('pageerror', (e) => this.errors.push(`page error: ${e.message}`));
  }

  async goto(): Promise<void> {
    await this.page.goto(this.url);
  }

  get start(): StartPage {
    return new StartPage(this.page);
  }

  expectNoConsoleErrors(): void {
    expect(this.errors, 'console and page errors during the test').toEqual([]);
  }
}
