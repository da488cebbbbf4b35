// The start screen: shown when the app opens without a project (template gallery, open a file).
import type { Locator, Page } from '@playwright/test';

export class StartPage {
  readonly heading: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Start a project' });
  }
}
