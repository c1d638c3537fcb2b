#!/usr/bin/env node
// Entry point of the `weft` command: loads the TypeScript sources through tsx so that
// `npx weft` works straight after `npm install`, with no build step.
import { register } from 'tsx/esm/api';

register();
await import('../src/apps/cli/main.ts');
