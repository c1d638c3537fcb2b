/** Every screen's strings, each under its own namespace (the screen's folder name). */
import type { ScreenStrings } from '../i18n/messages.ts';
import { strings as alerts } from './alerts/strings.ts';

export const SCREEN_STRINGS: Readonly<Record<string, ScreenStrings<unknown>>> = {
  alerts,
};
