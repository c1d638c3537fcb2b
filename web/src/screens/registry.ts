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
    nav: 'search',
    paths: ['/search'],
    component: lazy(() => import('./search/search.tsx')),
    shownTo: can('records:read'),
  },
  {
    nav: 'network',
    paths: ['/network'],
    component: lazy(() => import('./network/network.tsx')),
    shownTo: can('records:read'),
  },
  {
    nav: 'map',
    paths: ['/map'],
    component: lazy(() => import('./map/map.tsx')),
    shownTo: can('records:read'),
  },
  {
    nav: 'trends',
    paths: ['/trends'],
    component: lazy(() => import('./trends/trends.tsx')),
    shownTo: can('records:read'),
  },
  {
    paths: ['/entities/:id'],
    component: lazy(() => import('./entity/entity.tsx')),
    shownTo: can('records:read'),
  },
  {
    nav: 'alerts',
    paths: ['/alerts'],
    component: lazy(() => import('./alerts/alerts.tsx')),
    shownTo: can('records:read'),
  },
  {
    nav: 'notices',
    paths: ['/notices', '/notices/:id'],
    component: lazy(() => import('./notices/notices.tsx')),
    shownTo: can('records:read'),
  },
  {
    nav: 'screening',
    paths: ['/screening'],
    component: lazy(() => import('./screening/screening.tsx')),
    shownTo: can('records:read'),
  },
  {
    nav: 'cases',
    paths: ['/cases', '/cases/:id'],
    component: lazy(() => import('./cases/cases.tsx')),
    shownTo: can('records:read'),
  },
  {
    nav: 'tips',
    paths: ['/tips', '/tips/:id'],
    component: lazy(() => import('./tips/tips.tsx')),
    // Mostly for the tip line's people: the API gives each organisation only the tips it received.
    shownTo: can('records:read'),
  },
  {
    nav: 'workerVoice',
    paths: ['/worker-voice'],
    component: lazy(() => import('./worker-voice/worker-voice.tsx')),
    // Mostly for brands: the API gives each organisation only its own supply sites.
    shownTo: can('records:read'),
  },
  {
    nav: 'admin',
    paths: ['/admin', '/admin/:tab'],
    component: lazy(() => import('./admin/admin.tsx')),
    shownTo: can('admin'),
  },
  {
    nav: 'oversight',
    paths: ['/oversight'],
    component: lazy(() => import('./oversight/oversight.tsx')),
    // An administrator reads their own organisation's ledger entries.
    shownTo: (me) => can('audit:read')(me) || can('admin')(me),
  },
];
