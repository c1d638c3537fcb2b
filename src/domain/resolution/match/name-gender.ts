/**
 * The gender a given name tells, for the names that tell it plainly: "Mark" and "Marsha", "Jim"
 * and "Jane" are not one person written twice, however alike the rest of their records (twins,
 * a couple at one address). Only names given almost always to one sex are listed; names given to
 * both (Alex, Sam, Chris, Jordan, Robin, Jean, Andrea, Nicola…) are not, and an unlisted name
 * tells nothing. Names are folded ASCII words; a diminutive counts as its formal name (Jim as
 * James).
 */
import { formalGivenName } from './nicknames.ts';

const FEMALE = `
  abigail ada adele agnes aisha alice alicia alison amanda amelia amy anastasia angela angelina anita
  ann anna anne annabelle annette antonia april audrey barbara beatrice belinda bernadette beth
  bethany bianca brenda bridget brittany camilla carla carmen carol carole caroline
  carolyn catherine cecilia charlotte chloe christina christine claire clara claudia colleen
  constance cynthia daisy daniela danielle daphne darla darlene daria deborah debra denise diana
  diane dolores donna doris dorothy edith eileen elaine eleanor elena elise eliza elizabeth ella
  ellen eloise elsie emily emma erica esther eva fatima fiona florence gabriela gabrielle
  gemma georgia geraldine gillian gina gloria grace gwendolyn hannah harriet hazel heather helen
  helena holly ida imogen irene iris isabel isabella isabelle jacqueline jane janet janice
  jasmine jeanette jennifer jessica jill joan joanna joanne josephine joy joyce judith julia juliana
  julie juliet june karen katherine kathleen kathryn katrina kayla kimberly kirsty laura lauren leah
  lila lillian lily linda lisa lois lorraine louisa louise lucia lucy lydia mabel madeleine
  madison margaret margarita maria marian marie marilyn marjorie marsha martha mary matilda
  maureen maxine megan melanie melissa michelle mildred miriam molly monica muriel nadia nancy
  naomi natalie natasha nicole nina nora norma olga olivia pamela patricia paula pauline pearl
  penelope phoebe phyllis priscilla rachel rebecca regina rita roberta rosa rosalind rose rosemary
  ruth sabrina sally samantha sandra sarah sharon sheila shirley silvia sofia sonia sophia sophie
  stella stephanie susan suzanne sylvia tamara tanya teresa theresa tina valerie vanessa vera
  veronica victoria violet virginia wanda wendy yolanda yvonne zoe
`;

const MALE = `
  aaron abdul abraham adam adrian ahmad ahmed alan albert alexander alfred allan alvin andrew
  angus anthony antonio archibald arnold arthur barry benjamin bernard bradley brandon brendan
  brian bruce bryan calvin carl carlos cecil charles christopher clarence clifford clive colin
  conrad craig curtis cyril damian daniel darren david dean dennis derek desmond dominic donald
  douglas duncan dustin dwight earl edgar edmund edward edwin elliot eric ernest eugene felix
  fernando francisco frank franklin frederick gareth gary geoffrey george gerald gilbert glen
  gordon graham grant gregory gustav harold harvey hassan hector henry herbert howard hugh hugo
  ian isaac ivan jacob james jason jeffrey jeremy jerome joel john jonathan jorge jose joseph
  joshua juan julian justin karl keith kenneth kevin kurt lance lawrence leonard leroy lewis
  lionel louis lucas luke malcolm marcus mario mark martin matthew maurice melvin michael miguel
  mohamed mohammed muhammad nathan nathaniel neil nicholas nigel norman oliver omar oscar owen
  patrick paul pedro percy peter philip phillip ralph raymond reginald richard robert roderick
  roger roland ronald roy rupert russell samuel scott sean sebastian seth simon stanley stephen
  steven stuart terence theodore thomas timothy trevor tristan victor vincent walter warren wayne
  wesley wilfred william
`;

const words = (list: string): string[] => list.trim().split(/\s+/);

const GENDER_OF: ReadonlyMap<string, 'f' | 'm'> = new Map([
  ...words(FEMALE).map((name) => [name, 'f'] as const),
  ...words(MALE).map((name) => [name, 'm'] as const),
]);

/**
 * The gender a prepared given name tells, as a prepared gender is written ('f', 'm'), or '' when
 * it tells none: its first word's, or the formal name's when that word is a diminutive.
 */
export function givenNameGender(given: string): 'f' | 'm' | '' {
  const space = given.indexOf(' ');
  const first = space === -1 ? given : given.slice(0, space);
  if (first.length < 2) return '';
  return GENDER_OF.get(first) ?? GENDER_OF.get(formalGivenName(first)) ?? '';
}

/** The names listed, for tests: each must be listed once, under one gender. */
export const LISTED_NAMES = { female: words(FEMALE), male: words(MALE) } as const;
