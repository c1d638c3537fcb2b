/** Vitest's global set-up: the web workbench built once (only when its sources changed) before any test serves it. */
import { buildWorkbench } from '../../scripts/build-web.ts';

export default async function setup(): Promise<void> {
  await buildWorkbench();
}
