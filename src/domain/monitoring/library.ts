/**
 * The open library of trafficking and smuggling typologies: each versioned, documented with its
 * sources, its thresholds parameters a configuration may set within their bands.
 */
import type { Typology } from './typology.ts';
import { cycle } from './typologies/cycle.ts';
import { fanIn } from './typologies/fan-in.ts';
import { structuring } from './typologies/structuring.ts';

export const LIBRARY: readonly Typology[] = [structuring, fanIn, cycle];
