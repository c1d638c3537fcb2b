/**
 * Vitest's global set-up: the web workbench built once (only when its sources changed) before any
 * test serves it, and a fresh folder for the run's demo world snapshot (see demo-snapshot.ts),
 * removed when the run ends.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildWorkbench } from '../../scripts/build-web.ts';

export default async function setup(project: TestProject): Promise<() => void> {
  await buildWorkbench();
  const folder = mkdtempSync(join(tmpdir(), 'weft-demo-snapshot-'));
  project.provide('demoSnapshotFolder', folder);
  return () => {
    rmSync(folder, { recursive: true, force: true });
  };
}
