// Finds the dock panels: renderer/panels/<dataset|training|export>/index.tsx, each default-exporting a component
// that takes DockPanelProps. Loaded lazily (a panel's code and libraries load when its tab first opens).
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { DockPanelProps } from './types.js';

type PanelModule = { default: ComponentType<DockPanelProps> };

const modules = import.meta.glob<PanelModule>('./*/index.tsx');

const cache = new Map<string, LazyExoticComponent<ComponentType<DockPanelProps>>>();

/** The panel component for a dock tab, or null when that panel is not built yet. */
export function panelFor(name: string): LazyExoticComponent<ComponentType<DockPanelProps>> | null {
  const load = modules[`./${name}/index.tsx`];
  if (!load) return null;
  let component = cache.get(name);
  if (!component) {
    component = lazy(load);
    cache.set(name, component);
  }
  return component;
}
