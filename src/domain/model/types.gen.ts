// Generated from the entity model by `npm run generate`. Do not edit.

/** A reference to another record as the API returns it: its Weft id. */
export type RecordReference = string;

/** A natural person named in a record. */
export interface PersonProperties {
  /** Full name */
  name: string[];
  /** Alias or nickname */
  alias?: string[];
  /** Given name */
  firstName?: string[];
  /** Family name */
  lastName?: string[];
  /** Date of birth */
  birthDate?: string[];
  /** Place of birth */
  birthPlace?: string[];
  /** Gender */
  gender?: 'male' | 'female' | 'other' | 'unknown';
  /** Nationality */
  nationality?: string[];
  /** Country of residence */
  country?: string[];
  /** Phone number */
  phone?: string[];
  /** Email address */
  email?: string[];
  /** Identity document number */
  idNumber?: string[];
  /** Address as written */
  address?: string[];
  /** Protected victim: never the subject of an enforcement alert */
  protectedVictim?: boolean;
  /** Description */
  description?: string;
}

/** A legal or informal organisation, including businesses with a category. */
export interface OrganizationProperties {
  /** Name */
  name: string[];
  /** Other name */
  alias?: string[];
  /** Business category */
  category?:
    | 'hotel'
    | 'short_let'
    | 'nail_salon'
    | 'massage'
    | 'spa'
    | 'bar_or_nightclub'
    | 'restaurant'
    | 'recruitment_agency'
    | 'transport_company'
    | 'airline'
    | 'bus_company'
    | 'ride_hailing'
    | 'classifieds'
    | 'social_network'
    | 'bank'
    | 'money_transfer'
    | 'construction'
    | 'agriculture'
    | 'fishing'
    | 'factory'
    | 'mine'
    | 'domestic_work_agency'
    | 'car_wash'
    | 'retail'
    | 'other';
  /** Sector */
  sector?:
    | 'law_enforcement'
    | 'coordination'
    | 'transport'
    | 'accommodation'
    | 'communications'
    | 'finance'
    | 'supply_chain'
    | 'ngo'
    | 'public_administration'
    | 'oversight'
    | 'public';
  /** Registration number */
  registrationNumber?: string[];
  /** Country */
  country?: string[];
  /** Address as written */
  address?: string[];
  /** Phone number */
  phone?: string[];
  /** Email address */
  email?: string[];
  /** Website */
  website?: string[];
  /** Opening hours as written */
  openingHours?: string;
  /** Date of incorporation */
  incorporationDate?: string;
  /** Description */
  description?: string;
}

/** A telephone number (FollowTheMoney holds phones only as properties). */
export interface PhoneProperties {
  /** Number as written */
  number: string;
  /** Country of the number */
  country?: string;
  /** Line type */
  lineType?: 'mobile' | 'landline' | 'voip' | 'unknown';
  /** Carrier */
  carrier?: string;
  /** First seen */
  firstSeenAt?: string;
  /** Last seen */
  lastSeenAt?: string;
}

/** An email address. */
export interface EmailProperties {
  /** Address */
  address: string;
  /** Provider */
  provider?: string;
  /** First seen */
  firstSeenAt?: string;
  /** Last seen */
  lastSeenAt?: string;
}

/** An account on an online service. */
export interface OnlineAccountProperties {
  /** Service */
  service: string;
  /** Username or handle */
  username?: string[];
  /** Display name */
  displayName?: string[];
  /** Profile address */
  profileUrl?: string[];
  /** Email address */
  email?: string[];
  /** Phone number */
  phone?: string[];
  /** Owner */
  owner?: RecordReference;
  /** Created */
  createdAt?: string;
}

/** A passport, identity card, visa, residence permit or other identity document. */
export interface IdentityDocumentProperties {
  /** Document type */
  documentType?:
    'passport' | 'national_id' | 'residence_permit' | 'visa' | 'driving_licence' | 'travel_document' | 'other';
  /** Document number */
  number: string;
  /** Issuing country */
  issuingCountry?: string;
  /** Issuing authority */
  issuingAuthority?: string;
  /** Date of issue */
  issueDate?: string;
  /** Date of expiry */
  expiryDate?: string;
  /** Status */
  status?: 'valid' | 'expired' | 'lost' | 'stolen' | 'revoked' | 'fraudulent' | 'unknown';
  /** Holder */
  holder?: RecordReference;
  /** Name on the document */
  holderName?: string[];
  /** Date of birth on the document */
  holderBirthDate?: string;
  /** Nationality on the document */
  holderNationality?: string;
  /** Machine-readable zone */
  mrz?: string;
}

/** An account at a bank, money-transfer or mobile-money provider. */
export interface BankAccountProperties {
  /** IBAN */
  iban?: string;
  /** Account number */
  accountNumber?: string;
  /** BIC */
  bic?: string;
  /** Institution */
  bankName?: string;
  /** Account type */
  accountType?: 'current' | 'savings' | 'business' | 'mobile_money' | 'prepaid' | 'other';
  /** Country */
  country?: string;
  /** Currency */
  currency?: string;
  /** Holder */
  holder?: RecordReference;
  /** Name of the holder */
  holderName?: string[];
  /** Opened */
  openingDate?: string;
  /** Closed */
  closingDate?: string;
}

/** A card, mobile wallet or crypto wallet, identified by a fingerprint rather than its number. */
export interface PaymentInstrumentProperties {
  /** Instrument type */
  instrumentType?: 'debit_card' | 'credit_card' | 'prepaid_card' | 'mobile_wallet' | 'crypto_wallet' | 'other';
  /** Fingerprint (a keyed hash of the number) */
  fingerprint: string;
  /** Last four digits */
  lastDigits?: string;
  /** Issuer */
  issuer?: string;
  /** Country of issue */
  country?: string;
  /** Holder */
  holder?: RecordReference;
  /** Name of the holder */
  holderName?: string[];
  /** Funding account */
  account?: RecordReference;
}

/** A postal address or a named place, with coordinates when known. */
export interface AddressProperties {
  /** Address as written */
  full?: string;
  /** Place name */
  name?: string;
  /** Street */
  street?: string;
  /** Postal code */
  postalCode?: string;
  /** City */
  city?: string;
  /** Region */
  region?: string;
  /** Country */
  country?: string;
  /** Latitude */
  latitude?: number;
  /** Longitude */
  longitude?: number;
  /** Kind of place */
  placeType?: 'residence' | 'business' | 'accommodation' | 'transport_hub' | 'border_crossing' | 'other';
}

/** A road vehicle, boat or aircraft. */
export interface VehicleProperties {
  /** Registration plate */
  registrationNumber?: string;
  /** Type */
  vehicleType?: 'car' | 'van' | 'truck' | 'bus' | 'motorcycle' | 'boat' | 'aircraft' | 'other';
  /** Make */
  make?: string;
  /** Model */
  model?: string;
  /** Colour */
  colour?: string;
  /** Country of registration */
  country?: string;
  /** Owner */
  owner?: RecordReference;
  /** Operator */
  operator?: RecordReference;
}

/** An online or printed advert, with what it says and how to reach the advertiser. */
export interface AdvertProperties {
  /** Title */
  title?: string;
  /** Text */
  body?: string;
  /** Address */
  url?: string[];
  /** Site or platform */
  site: string;
  /** Category */
  category?: 'escort' | 'massage' | 'job_offer' | 'housing' | 'travel' | 'dating' | 'other';
  /** Posted */
  postedAt?: string;
  /** City */
  city?: string[];
  /** Country */
  country?: string[];
  /** Phone number */
  phone?: string[];
  /** Email address */
  email?: string[];
  /** Messaging handle */
  handle?: string[];
  /** Price in minor units */
  price?: number;
  /** Currency */
  currency?: string;
  /** Age claimed */
  ageClaimed?: number;
  /** Perceptual hash of an image */
  imageHash?: string[];
  /** Advertiser */
  advertiser?: RecordReference;
}

/** A stay at accommodation: who booked, who stayed, where, when and how it was paid. */
export interface BookingProperties {
  /** Booking reference */
  bookingReference?: string;
  /** Accommodation */
  accommodation?: RecordReference;
  /** Accommodation name */
  accommodationName?: string;
  /** Address as written */
  address?: string;
  /** City */
  city?: string;
  /** Country */
  country?: string;
  /** Check-in */
  checkIn: string;
  /** Check-out */
  checkOut?: string;
  /** Guests */
  guests?: RecordReference[];
  /** Guest names as written */
  guestNames?: string[];
  /** Number of guests */
  guestCount?: number;
  /** Booked by */
  bookedBy?: RecordReference;
  /** Paid with */
  paidWith?: RecordReference;
  /** Amount in minor units */
  amount?: number;
  /** Currency */
  currency?: string;
  /** Channel */
  channel?: 'direct' | 'platform' | 'agency' | 'walk_in' | 'other';
}

/** One leg of a journey: mode, origin, destination, times, carrier and passengers. */
export interface TripProperties {
  /** Mode */
  mode: 'air' | 'bus' | 'rail' | 'car' | 'ride_hailing' | 'boat' | 'on_foot' | 'other';
  /** Origin */
  origin: string;
  /** Origin country */
  originCountry?: string;
  /** Origin place */
  originPlace?: RecordReference;
  /** Destination */
  destination: string;
  /** Destination country */
  destinationCountry?: string;
  /** Destination place */
  destinationPlace?: RecordReference;
  /** Departure */
  departureAt: string;
  /** Arrival */
  arrivalAt?: string;
  /** Carrier */
  carrier?: string;
  /** Carrier organisation */
  carrierOrganization?: RecordReference;
  /** Flight, route or ride number */
  serviceNumber?: string;
  /** Booking reference */
  bookingReference?: string;
  /** Passengers */
  passengers?: RecordReference[];
  /** Passenger names as written */
  passengerNames?: string[];
  /** Vehicle */
  vehicle?: RecordReference;
  /** Paid with */
  paidWith?: RecordReference;
}

/** A payment: amount in minor units, currency, time, payer, payee, merchant category and channel. */
export interface PaymentProperties {
  /** Payer */
  payer?: RecordReference;
  /** Payee */
  payee?: RecordReference;
  /** Payer account */
  payerAccount?: RecordReference;
  /** Payee account */
  payeeAccount?: RecordReference;
  /** Name of the payer as written (a depositor, a sender) */
  payerName?: string;
  /** Name of the payee as written (a beneficiary, a passenger) */
  payeeName?: string;
  /** Country the payment was sent from */
  payerCountry?: string;
  /** Country the payment was sent to */
  payeeCountry?: string;
  /** Amount in minor units */
  amount: number;
  /** Currency */
  currency: string;
  /** Time */
  occurredAt: string;
  /** Merchant category code (ISO 18245) */
  merchantCategory?: string;
  /** Merchant name */
  merchantName?: string;
  /** Channel */
  channel?:
    | 'card_present'
    | 'card_not_present'
    | 'transfer'
    | 'wire'
    | 'cash'
    | 'prepaid'
    | 'mobile_money'
    | 'crypto'
    | 'cheque'
    | 'other';
  /** Transaction reference */
  reference?: string;
  /** Purpose as written */
  description?: string;
  /** City */
  city?: string;
  /** Country */
  country?: string;
  /** Device identifier */
  deviceId?: string;
}

/** A report from the public, a worker or a victim, by web, SMS, USSD or phone. */
export interface TipProperties {
  /** Received */
  receivedAt: string;
  /** Channel */
  channel: 'web' | 'sms' | 'ussd' | 'phone' | 'email' | 'in_person' | 'other';
  /** Language */
  language?: string;
  /** Summary */
  summary?: string;
  /** What was reported */
  text?: string;
  /** Where */
  place?: string;
  /** City */
  city?: string;
  /** Country */
  country?: string;
  /** Someone is in danger now */
  inDanger?: boolean;
  /** Suspected exploitation */
  exploitationType?: (
    | 'sexual_exploitation'
    | 'forced_labour'
    | 'domestic_servitude'
    | 'forced_criminality'
    | 'forced_begging'
    | 'forced_marriage'
    | 'organ_removal'
    | 'child_soldiering'
    | 'other'
  )[];
  /** Phone numbers mentioned */
  phone?: string[];
  /** Online links mentioned */
  url?: string[];
  /** Vehicles mentioned */
  vehicle?: string[];
  /** Records it mentions */
  mentions?: RecordReference[];
}

/** A case gathering subjects and records, described with HTCDS categories. */
export interface CaseProperties {
  /** Title */
  title: string;
  /** Reference */
  reference?: string;
  /** Status */
  status?: 'open' | 'referred' | 'closed';
  /** Opened */
  openedAt?: string;
  /** Closed */
  closedAt?: string;
  /** Exploitation */
  exploitationType?: (
    | 'sexual_exploitation'
    | 'forced_labour'
    | 'domestic_servitude'
    | 'forced_criminality'
    | 'forced_begging'
    | 'forced_marriage'
    | 'organ_removal'
    | 'child_soldiering'
    | 'other'
  )[];
  /** Recruitment */
  recruitmentMethod?: (
    | 'false_job_offer'
    | 'false_promise_of_marriage'
    | 'intimate_partner'
    | 'family_member'
    | 'friend_or_acquaintance'
    | 'online_advert'
    | 'social_media'
    | 'recruitment_agency'
    | 'abduction'
    | 'sold_by_family'
    | 'debt'
    | 'other'
  )[];
  /** Means of control */
  controlMethod?: (
    | 'debt_bondage'
    | 'takes_earnings'
    | 'threats'
    | 'physical_abuse'
    | 'sexual_abuse'
    | 'psychological_abuse'
    | 'false_promises'
    | 'psychoactive_substances'
    | 'restricts_movement'
    | 'restricts_medical_care'
    | 'excessive_working_hours'
    | 'uses_children'
    | 'threat_of_law_enforcement'
    | 'withholds_necessities'
    | 'withholds_documents'
    | 'isolation'
    | 'other'
  )[];
  /** Transport */
  transportMethod?: ('air' | 'bus' | 'rail' | 'car' | 'ride_hailing' | 'boat' | 'on_foot' | 'other')[];
  /** Country of exploitation */
  countryOfExploitation?: string[];
  /** Country of origin */
  countryOfOrigin?: string[];
  /** Subjects */
  subjects?: RecordReference[];
  /** Description */
  description?: string;
}

/** A notice modelled on INTERPOL's: who or what to look for, and why. */
export interface NoticeProperties {
  /** Notice type */
  noticeType: 'wanted' | 'missing_person' | 'modus_operandi' | 'warning' | 'information' | 'stolen_document';
  /** Title */
  title: string;
  /** Reference */
  reference?: string;
  /** Status */
  status?: 'draft' | 'in_review' | 'published' | 'expired' | 'withdrawn' | 'cancelled';
  /** Subject */
  subject?: RecordReference;
  /** Names */
  name?: string[];
  /** Date of birth */
  birthDate?: string[];
  /** Gender */
  gender?: 'male' | 'female' | 'other' | 'unknown';
  /** Nationality */
  nationality?: string[];
  /** Concerns a child */
  child?: boolean;
  /** Document numbers */
  documentNumber?: string[];
  /** Issuing country of the documents */
  documentCountry?: string;
  /** Phone numbers */
  phone?: string[];
  /** Email addresses */
  email?: string[];
  /** Photo references */
  photoReference?: string[];
  /** Last seen */
  lastSeenAt?: string;
  /** Last seen at */
  lastSeenPlace?: string;
  /** Circumstances */
  circumstances?: string;
  /** Modus operandi */
  modusOperandi?: string;
  /** Issuing authority */
  issuingAuthority?: string;
  /** Expires */
  expiresAt?: string;
  /** Distribution */
  distribution?: 'all_members' | 'sectors' | 'groups';
  /** Distributed to sectors */
  distributionSectors?: (
    | 'law_enforcement'
    | 'coordination'
    | 'transport'
    | 'accommodation'
    | 'communications'
    | 'finance'
    | 'supply_chain'
    | 'ngo'
    | 'public_administration'
    | 'oversight'
    | 'public'
  )[];
  /** Distributed to sharing groups */
  distributionGroups?: string[];
}

/** A workplace in a supply chain, where worker-voice surveys run. */
export interface SiteProperties {
  /** Name */
  name: string;
  /** Kind of workplace */
  category?:
    | 'hotel'
    | 'short_let'
    | 'nail_salon'
    | 'massage'
    | 'spa'
    | 'bar_or_nightclub'
    | 'restaurant'
    | 'recruitment_agency'
    | 'transport_company'
    | 'airline'
    | 'bus_company'
    | 'ride_hailing'
    | 'classifieds'
    | 'social_network'
    | 'bank'
    | 'money_transfer'
    | 'construction'
    | 'agriculture'
    | 'fishing'
    | 'factory'
    | 'mine'
    | 'domestic_work_agency'
    | 'car_wash'
    | 'retail'
    | 'other';
  /** Operator */
  operator?: RecordReference;
  /** Brands or buyers supplied */
  buyers?: RecordReference[];
  /** Address as written */
  address?: string;
  /** City */
  city?: string;
  /** Country */
  country: string;
  /** Latitude */
  latitude?: number;
  /** Longitude */
  longitude?: number;
  /** Number of workers */
  workerCount?: number;
  /** Products */
  product?: string[];
}

/** A worker's anonymous answers to a worker-voice survey, with the ILO indicators they show. */
export interface SurveyResponseProperties {
  /** Site */
  site: RecordReference;
  /** Survey campaign */
  campaign: string;
  /** Answered */
  respondedAt: string;
  /** Channel */
  channel?: 'sms' | 'ussd' | 'web' | 'interview' | 'other';
  /** Language */
  language?: string;
  /** Answers, as question=answer lines */
  answers?: string;
  /** ILO indicators shown */
  indicators?: (
    | 'abuse_of_vulnerability'
    | 'deception'
    | 'restriction_of_movement'
    | 'isolation'
    | 'physical_and_sexual_violence'
    | 'intimidation_and_threats'
    | 'retention_of_identity_documents'
    | 'withholding_of_wages'
    | 'debt_bondage'
    | 'abusive_working_and_living_conditions'
    | 'excessive_overtime'
  )[];
  /** Risk score */
  score?: number;
  /** Free comment */
  comment?: string;
}

/** A person, organisation, online account or advert uses a phone number. */
export interface UsesPhoneProperties {
  /** User */
  holder: RecordReference;
  /** Phone */
  phone: RecordReference;
  /** Role or nature of the link */
  role?: string;
  /** From */
  startDate?: string;
  /** Until */
  endDate?: string;
  /** Description */
  description?: string;
}

/** A person, organisation, online account or advert uses an email address. */
export interface UsesEmailProperties {
  /** User */
  holder: RecordReference;
  /** Email */
  email: RecordReference;
  /** Role or nature of the link */
  role?: string;
  /** From */
  startDate?: string;
  /** Until */
  endDate?: string;
  /** Description */
  description?: string;
}

/** A person holds or travelled on an identity document. */
export interface HoldsDocumentProperties {
  /** Holder */
  holder: RecordReference;
  /** Document */
  document: RecordReference;
  /** Role or nature of the link */
  role?: string;
  /** From */
  startDate?: string;
  /** Until */
  endDate?: string;
  /** Description */
  description?: string;
}

/** A person or organisation owns or controls an account, card, vehicle, online account or business. */
export interface OwnershipProperties {
  /** Owner */
  owner: RecordReference;
  /** Asset */
  asset: RecordReference;
  /** Role or nature of the link */
  role?: string;
  /** From */
  startDate?: string;
  /** Until */
  endDate?: string;
  /** Description */
  description?: string;
}

/** A person stayed during an accommodation booking, or at a place. */
export interface StayedAtProperties {
  /** Guest */
  guest: RecordReference;
  /** Booking or place */
  stay: RecordReference;
  /** Role or nature of the link */
  role?: string;
  /** From */
  startDate?: string;
  /** Until */
  endDate?: string;
  /** Description */
  description?: string;
}

/** A person travelled on a trip leg. */
export interface TravelledOnProperties {
  /** Passenger */
  passenger: RecordReference;
  /** Trip */
  trip: RecordReference;
  /** Role or nature of the link */
  role?: string;
  /** From */
  startDate?: string;
  /** Until */
  endDate?: string;
  /** Description */
  description?: string;
  /** Seat */
  seat?: string;
  /** Document used */
  document?: RecordReference;
}

/** An advert was placed by a person, online account, organisation or phone. */
export interface AdvertisedByProperties {
  /** Advert */
  advert: RecordReference;
  /** Advertiser */
  advertiser: RecordReference;
  /** Role or nature of the link */
  role?: string;
  /** From */
  startDate?: string;
  /** Until */
  endDate?: string;
  /** Description */
  description?: string;
}

/** A person works at an organisation or site; read backwards, the employer employs them. */
export interface EmploymentProperties {
  /** Employee */
  employee: RecordReference;
  /** Employer */
  employer: RecordReference;
  /** Role or nature of the link */
  role?: string;
  /** From */
  startDate?: string;
  /** Until */
  endDate?: string;
  /** Description */
  description?: string;
  /** Wage in minor units */
  wage?: number;
  /** Currency */
  currency?: string;
  /** Recruitment fee in minor units */
  recruitmentFee?: number;
}

/** A person lives or is housed at an address. */
export interface LivesAtProperties {
  /** Resident */
  resident: RecordReference;
  /** Address */
  address: RecordReference;
  /** Role or nature of the link */
  role?: string;
  /** From */
  startDate?: string;
  /** Until */
  endDate?: string;
  /** Description */
  description?: string;
}

/** Two people are associated: recruiter and victim, controller and worker, accomplices. */
export interface AssociateProperties {
  /** Person */
  person: RecordReference;
  /** Associate */
  associate: RecordReference;
  /** Role or nature of the link */
  role?: string;
  /** From */
  startDate?: string;
  /** Until */
  endDate?: string;
  /** Description */
  description?: string;
  /** Nature of the association */
  relationship?: string;
}

/** Two people are related by family. */
export interface FamilyProperties {
  /** Person */
  person: RecordReference;
  /** Relative */
  relative: RecordReference;
  /** Role or nature of the link */
  role?: string;
  /** From */
  startDate?: string;
  /** Until */
  endDate?: string;
  /** Description */
  description?: string;
  /** Kinship */
  relationship?: string;
}

/** A person or organisation belongs to an organisation or group. */
export interface MembershipProperties {
  /** Member */
  member: RecordReference;
  /** Organisation */
  organization: RecordReference;
  /** Role or nature of the link */
  role?: string;
  /** From */
  startDate?: string;
  /** Until */
  endDate?: string;
  /** Description */
  description?: string;
}

/** Any other link between two records; the role says what it is. */
export interface UnknownLinkProperties {
  /** Subject */
  subject: RecordReference;
  /** Object */
  object: RecordReference;
  /** Role or nature of the link */
  role?: string;
  /** From */
  startDate?: string;
  /** Until */
  endDate?: string;
  /** Description */
  description?: string;
}

/** Properties of each entity type, by type name. */
export interface EntityProperties {
  Person: PersonProperties;
  Organization: OrganizationProperties;
  Phone: PhoneProperties;
  Email: EmailProperties;
  OnlineAccount: OnlineAccountProperties;
  IdentityDocument: IdentityDocumentProperties;
  BankAccount: BankAccountProperties;
  PaymentInstrument: PaymentInstrumentProperties;
  Address: AddressProperties;
  Vehicle: VehicleProperties;
  Advert: AdvertProperties;
  Booking: BookingProperties;
  Trip: TripProperties;
  Payment: PaymentProperties;
  Tip: TipProperties;
  Case: CaseProperties;
  Notice: NoticeProperties;
  Site: SiteProperties;
  SurveyResponse: SurveyResponseProperties;
  UsesPhone: UsesPhoneProperties;
  UsesEmail: UsesEmailProperties;
  HoldsDocument: HoldsDocumentProperties;
  Ownership: OwnershipProperties;
  StayedAt: StayedAtProperties;
  TravelledOn: TravelledOnProperties;
  AdvertisedBy: AdvertisedByProperties;
  Employment: EmploymentProperties;
  LivesAt: LivesAtProperties;
  Associate: AssociateProperties;
  Family: FamilyProperties;
  Membership: MembershipProperties;
  UnknownLink: UnknownLinkProperties;
}

/** The name of an entity type. */
export type EntityTypeName = keyof EntityProperties;
