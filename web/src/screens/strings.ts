/** Every screen's strings, each under its own namespace (the screen's folder name). */
import type { ScreenStrings } from '../i18n/messages.ts';
import { strings as admin } from './admin/strings.ts';
import { strings as alerts } from './alerts/strings.ts';
import { strings as cases } from './cases/strings.ts';
import { strings as tips } from './tips/strings.ts';
import { strings as workerVoice } from './worker-voice/strings.ts';
import { strings as entity } from './entity/strings.ts';
import { strings as oversight } from './oversight/strings.ts';
import { strings as search } from './search/strings.ts';
import { strings as network } from './network/strings.ts';
import { strings as notices } from './notices/strings.ts';
import { strings as screening } from './screening/strings.ts';
import { strings as map } from './map/strings.ts';
import { strings as trends } from './trends/strings.ts';

export const SCREEN_STRINGS: Readonly<Record<string, ScreenStrings<unknown>>> = {
  admin,
  oversight,
  alerts,
  cases,
  tips,
  'worker-voice': workerVoice,
  entity,
  search,
  network,
  notices,
  screening,
  map,
  trends,
};
