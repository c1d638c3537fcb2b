// Generated from the entity model by `npm run generate`. Do not edit.
/* eslint-disable @typescript-eslint/no-non-null-assertion -- every key is a registered entity type */
import { entityTables } from './schema.ts';

/** Properties of Person records. */
export const entityPerson = entityTables['Person']!;
/** Properties of Organization records. */
export const entityOrganization = entityTables['Organization']!;
/** Properties of Phone records. */
export const entityPhone = entityTables['Phone']!;
/** Properties of Email records. */
export const entityEmail = entityTables['Email']!;
/** Properties of OnlineAccount records. */
export const entityOnlineAccount = entityTables['OnlineAccount']!;
/** Properties of IdentityDocument records. */
export const entityIdentityDocument = entityTables['IdentityDocument']!;
/** Properties of BankAccount records. */
export const entityBankAccount = entityTables['BankAccount']!;
/** Properties of PaymentInstrument records. */
export const entityPaymentInstrument = entityTables['PaymentInstrument']!;
/** Properties of Address records. */
export const entityAddress = entityTables['Address']!;
/** Properties of Vehicle records. */
export const entityVehicle = entityTables['Vehicle']!;
/** Properties of Advert records. */
export const entityAdvert = entityTables['Advert']!;
/** Properties of Booking records. */
export const entityBooking = entityTables['Booking']!;
/** Properties of Trip records. */
export const entityTrip = entityTables['Trip']!;
/** Properties of Payment records. */
export const entityPayment = entityTables['Payment']!;
/** Properties of Tip records. */
export const entityTip = entityTables['Tip']!;
/** Properties of Case records. */
export const entityCase = entityTables['Case']!;
/** Properties of Notice records. */
export const entityNotice = entityTables['Notice']!;
/** Properties of Site records. */
export const entitySite = entityTables['Site']!;
/** Properties of SurveyResponse records. */
export const entitySurveyResponse = entityTables['SurveyResponse']!;
/** Properties of UsesPhone records. */
export const entityUsesPhone = entityTables['UsesPhone']!;
/** Properties of UsesEmail records. */
export const entityUsesEmail = entityTables['UsesEmail']!;
/** Properties of HoldsDocument records. */
export const entityHoldsDocument = entityTables['HoldsDocument']!;
/** Properties of Ownership records. */
export const entityOwnership = entityTables['Ownership']!;
/** Properties of StayedAt records. */
export const entityStayedAt = entityTables['StayedAt']!;
/** Properties of TravelledOn records. */
export const entityTravelledOn = entityTables['TravelledOn']!;
/** Properties of AdvertisedBy records. */
export const entityAdvertisedBy = entityTables['AdvertisedBy']!;
/** Properties of Employment records. */
export const entityEmployment = entityTables['Employment']!;
/** Properties of LivesAt records. */
export const entityLivesAt = entityTables['LivesAt']!;
/** Properties of Associate records. */
export const entityAssociate = entityTables['Associate']!;
/** Properties of Family records. */
export const entityFamily = entityTables['Family']!;
/** Properties of Membership records. */
export const entityMembership = entityTables['Membership']!;
/** Properties of UnknownLink records. */
export const entityUnknownLink = entityTables['UnknownLink']!;
