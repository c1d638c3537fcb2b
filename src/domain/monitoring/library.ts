/**
 * The open library of trafficking and smuggling typologies: each versioned, documented with its
 * sources, its thresholds parameters a configuration may set within their bands.
 */
import type { Typology } from './typology.ts';
import { afterHours } from './typologies/after-hours.ts';
import { classifiedAdPayments } from './typologies/classified-ads.ts';
import { cycle } from './typologies/cycle.ts';
import { fanIn } from './typologies/fan-in.ts';
import { funnelAccount } from './typologies/funnel.ts';
import { onePayerManyStays } from './typologies/one-payer-stays.ts';
import { payrollDeductions } from './typologies/payroll.ts';
import { prepaidLoads } from './typologies/prepaid-loads.ts';
import { debtBondageRemittances } from './typologies/remittances.ts';
import { smugglingCorridor } from './typologies/corridor.ts';
import { staysManyCities } from './typologies/stays-many-cities.ts';
import { structuring } from './typologies/structuring.ts';
import { thirdPartyTravel } from './typologies/third-party-travel.ts';

export const LIBRARY: readonly Typology[] = [
  afterHours,
  funnelAccount,
  classifiedAdPayments,
  staysManyCities,
  onePayerManyStays,
  thirdPartyTravel,
  structuring,
  prepaidLoads,
  debtBondageRemittances,
  payrollDeductions,
  smugglingCorridor,
  fanIn,
  cycle,
];
