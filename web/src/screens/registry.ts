/**
 * The workbench's screens: where each lives, who sees it in the menu, and its strings. Heavy
 * screens (the graph, the map, the charts) load with their first visit.
 */
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { Me } from '../session.tsx';

export interface ScreenDefinition {
  /** The menu entry's key under `nav`, or undefined for a screen reached only by link. */
  readonly nav?: string;
  /** The path patterns the screen answers (the first is the menu's link). */
  readonly paths: readonly string[];
  readonly component: LazyExoticComponent<ComponentType<{ readonly params: Record<string, string> }>>;
  /** Whether the signed-in user has any use for the screen (the API decides what they see in it). */
  readonly shownTo: (me: Me) => boolean;
}

const can = (permission: string) => (me: Me) => me.permissions.includes(permission);

export const SCREENS: readonly ScreenDefinition[] = [
  {
    nav: 'alerts',
    paths: ['/alerts'],
    component: lazy(() => import('./alerts/alerts.tsx')),
    shownTo: can('records:read'),
  },
];
