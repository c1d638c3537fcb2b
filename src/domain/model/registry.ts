import type { EntityDefinition } from './entity.ts';
import { Address } from './entities/address.schema.ts';
import { Advert } from './entities/advert.schema.ts';
import { BankAccount } from './entities/bank-account.schema.ts';
import { Booking } from './entities/booking.schema.ts';
import { Case } from './entities/case.schema.ts';
import { Email } from './entities/email.schema.ts';
import { IdentityDocument } from './entities/identity-document.schema.ts';
import { Notice } from './entities/notice.schema.ts';
import { OnlineAccount } from './entities/online-account.schema.ts';
import { Organization } from './entities/organization.schema.ts';
import { PaymentInstrument } from './entities/payment-instrument.schema.ts';
import { Payment } from './entities/payment.schema.ts';
import { Person } from './entities/person.schema.ts';
import { Phone } from './entities/phone.schema.ts';
import { RELATIONSHIPS } from './entities/relationships.schema.ts';
import { Site } from './entities/site.schema.ts';
import { SurveyResponse } from './entities/survey-response.schema.ts';
import { Tip } from './entities/tip.schema.ts';
import { Trip } from './entities/trip.schema.ts';
import { Vehicle } from './entities/vehicle.schema.ts';

/** Every entity type Weft knows, in a stable order (the order of tables and documents). */
export const ENTITY_TYPES: readonly EntityDefinition[] = [
  Person,
  Organization,
  Phone,
  Email,
  OnlineAccount,
  IdentityDocument,
  BankAccount,
  PaymentInstrument,
  Address,
  Vehicle,
  Advert,
  Booking,
  Trip,
  Payment,
  Tip,
  Case,
  Notice,
  Site,
  SurveyResponse,
  ...RELATIONSHIPS,
];

const byName = new Map(ENTITY_TYPES.map((definition) => [definition.name, definition]));

/** The names of every entity type. */
export const ENTITY_TYPE_NAMES: readonly string[] = ENTITY_TYPES.map((definition) => definition.name);

/** Looks up an entity type by name; undefined when there is none. */
export function entityType(name: string): EntityDefinition | undefined {
  return byName.get(name);
}

// Checked once at load: every reference range names a declared type.
for (const definition of ENTITY_TYPES) {
  for (const [property, declared] of Object.entries(definition.properties)) {
    for (const target of declared.range ?? []) {
      if (!byName.has(target)) throw new Error(`${definition.name}.${property} refers to unknown type ${target}`);
    }
  }
}
