import { theme, useThemePreference, type ThemePreference } from './theme.js';

export function ThemeSelect() {
  const preference = useThemePreference();
  return (
    <label className="ll-theme-select" title="Colour theme">
      <span className="ll-visually-hidden">Theme</span>
      <select aria-label="Theme" value={preference} onChange={(e) => theme.setPreference(e.target.value as ThemePreference)}>
        <option value="system">System theme</option>
        <option value="light">Light</option>
        <option value="dark">Dark</option>
      </select>
    </label>
  );
}
