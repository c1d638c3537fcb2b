/**
 * The taxonomy that travels with the model, aligned with the Counter-Trafficking Data
 * Collaborative (CTDC) and the Human Trafficking Case Data Standard (HTCDS).
 */

/** Forms of exploitation (CTDC `typeOfExploit*`, HTCDS exploitation types). */
export const EXPLOITATION_TYPES = [
  'sexual_exploitation',
  'forced_labour',
  'domestic_servitude',
  'forced_criminality',
  'forced_begging',
  'forced_marriage',
  'organ_removal',
  'child_soldiering',
  'other',
] as const;

/** How victims were recruited (CTDC `recruiterRelation*` and HTCDS recruitment methods). */
export const RECRUITMENT_METHODS = [
  'false_job_offer',
  'false_promise_of_marriage',
  'intimate_partner',
  'family_member',
  'friend_or_acquaintance',
  'online_advert',
  'social_media',
  'recruitment_agency',
  'abduction',
  'sold_by_family',
  'debt',
  'other',
] as const;

/** How people were moved. */
export const TRANSPORT_METHODS = ['air', 'bus', 'rail', 'car', 'ride_hailing', 'boat', 'on_foot', 'other'] as const;

/** Means of control (CTDC `meansOfControl*`). */
export const CONTROL_METHODS = [
  'debt_bondage',
  'takes_earnings',
  'threats',
  'physical_abuse',
  'sexual_abuse',
  'psychological_abuse',
  'false_promises',
  'psychoactive_substances',
  'restricts_movement',
  'restricts_medical_care',
  'excessive_working_hours',
  'uses_children',
  'threat_of_law_enforcement',
  'withholds_necessities',
  'withholds_documents',
  'isolation',
  'other',
] as const;

/** The eleven ILO indicators of forced labour. */
export const ILO_FORCED_LABOUR_INDICATORS = [
  'abuse_of_vulnerability',
  'deception',
  'restriction_of_movement',
  'isolation',
  'physical_and_sexual_violence',
  'intimidation_and_threats',
  'retention_of_identity_documents',
  'withholding_of_wages',
  'debt_bondage',
  'abusive_working_and_living_conditions',
  'excessive_overtime',
] as const;

/** The sectors organisations and records belong to. */
export const SECTORS = [
  'law_enforcement',
  'coordination',
  'transport',
  'accommodation',
  'communications',
  'finance',
  'supply_chain',
  'ngo',
  'public_administration',
  'oversight',
  'public',
] as const;

/** A sector. */
export type Sector = (typeof SECTORS)[number];

/** Categories of business, so that typologies can say "nail salon" or "recruitment agency". */
export const BUSINESS_CATEGORIES = [
  'hotel',
  'short_let',
  'nail_salon',
  'massage',
  'spa',
  'bar_or_nightclub',
  'restaurant',
  'recruitment_agency',
  'transport_company',
  'airline',
  'bus_company',
  'ride_hailing',
  'classifieds',
  'social_network',
  'bank',
  'money_transfer',
  'construction',
  'agriculture',
  'fishing',
  'factory',
  'mine',
  'domestic_work_agency',
  'car_wash',
  'retail',
  'other',
] as const;
