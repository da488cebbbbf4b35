// Light and dark themes: follow the system by default, or a choice the user made (remembered in localStorage).
// The resolved theme is written to <html data-theme> for the CSS and handed to React Flow.
import { useSyncExternalStore } from 'react';

export type ThemePreference = 'system' | 'light' | 'dark';
export type ResolvedTheme = 'light' | 'dark';

const KEY = 'layerloom.theme';

function readPreference(): ThemePreference {
  try {
    const v = globalThis.localStorage?.getItem(KEY);
    return v === 'light' || v === 'dark' ? v : 'system';
  } catch {
    return 'system';
  }
}

class ThemeStore {
  private preference: ThemePreference = readPreference();
  private media = typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : null;
  private listeners = new Set<() => void>();
  private resolved: ResolvedTheme = this.resolve();

  constructor() {
    this.media?.addEventListener?.('change', () => this.update());
    this.apply();
  }

  private resolve(): ResolvedTheme {
    if (this.preference !== 'system') return this.preference;
    return this.media?.matches ? 'dark' : 'light';
  }

  private apply(): void {
    if (typeof document === 'undefined') return;
    document.documentElement.dataset.theme = this.resolved;
    document.documentElement.style.colorScheme = this.resolved;
  }

  private update(): void {
    this.resolved = this.resolve();
    this.apply();
    for (const l of [...this.listeners]) l();
  }

  getPreference = (): ThemePreference => this.preference;
  getResolved = (): ResolvedTheme => this.resolved;

  setPreference(p: ThemePreference): void {
    this.preference = p;
    try {
      if (p === 'system') globalThis.localStorage?.removeItem(KEY);
      else globalThis.localStorage?.setItem(KEY, p);
    } catch {
      // storage may be unavailable (private mode); the choice then lasts for this session
    }
    this.update();
  }

  /** Flips between light and dark (from the system theme the first time). */
  toggle(): void {
    this.setPreference(this.resolved === 'dark' ? 'light' : 'dark');
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
}

export const theme = new ThemeStore();

export function useResolvedTheme(): ResolvedTheme {
  return useSyncExternalStore(theme.subscribe, theme.getResolved);
}

export function useThemePreference(): ThemePreference {
  return useSyncExternalStore(theme.subscribe, theme.getPreference);
}
