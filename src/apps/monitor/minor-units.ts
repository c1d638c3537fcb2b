/** Amounts as the monitoring reads them: a sum in major units turned into the currency's minor units. */

/** Currencies whose minor unit is not the hundredth (ISO 4217 exponents). */
const EXPONENTS: Readonly<Record<string, number>> = {
  BIF: 0,
  CLP: 0,
  DJF: 0,
  GNF: 0,
  ISK: 0,
  JPY: 0,
  KMF: 0,
  KRW: 0,
  PYG: 0,
  RWF: 0,
  UGX: 0,
  UYI: 0,
  VND: 0,
  VUV: 0,
  XAF: 0,
  XOF: 0,
  XPF: 0,
  BHD: 3,
  IQD: 3,
  JOD: 3,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  TND: 3,
};

/** A sum in major units (12.50) in the minor units of its currency (1250 cents; hundredths when unknown). */
export function minorUnits(major: number, currency: string | undefined): number {
  return Math.round(major * 10 ** (EXPONENTS[currency ?? ''] ?? 2));
}
