/**
 * English given-name diminutives, each group led by the formal name it stands for: "Bob",
 * "Bobby", "Rob" and "Robbie" are all Robert on one record or another. Only diminutives that
 * belong to one formal name and are rarely given as names of their own are listed ("Pat" is
 * Patrick or Patricia, "Sam" Samuel or Samantha, "Jack" a name of its own: they stay as written). The formal names are folded ASCII words.
 */
const NICKNAME_GROUPS = `
  robert bob bobby rob robbie robby
  william bill billy will willie
  richard dick rick ricky rich richie
  edward ed eddie eddy ned
  margaret peggy peggie maggie meg marge margie
  elizabeth liz lizzie beth betty bess bessie eliza
  katherine kate katie kathy cathy kath kitty
  jennifer jenny jen
  james jim jimmy
  john johnny
  joseph joe joey
  michael mike mikey mick
  thomas tom tommy
  charles chuck chas
  anthony tony
  daniel dan danny
  david dave davey
  steven steve stevie
  matthew matt
  andrew andy drew
  benjamin ben benny
  nicholas nick nicky
  jonathan jon
  timothy tim timmy
  henry harry hank
  lawrence larry
  gerald gerry
  donald don donnie
  ronald ron ronnie
  kenneth ken kenny
  gregory greg
  raymond ray
  walter walt
  frederick fred freddie freddy
  leonard len lenny
  douglas doug
  howard howie
  patricia patty patsy trish tricia
  susan sue susie suzy
  deborah debbie deb debra
  barbara barb barbie
  dorothy dot dottie
  rebecca becky becca
  jessica jess jessie
  victoria vicky vickie tori
  christine chrissy
  theresa tess tessa
  abigail abby
  pamela pam
  judith judy
  cynthia cindy
  jacqueline jackie
  veronica ronnie
`
  .trim()
  .split('\n')
  .map((line) => line.trim().split(/\s+/));

const FORMAL: ReadonlyMap<string, string> = (() => {
  const formal = new Map<string, string>();
  const ambiguous = new Set<string>();
  for (const [head, ...rest] of NICKNAME_GROUPS) {
    if (head === undefined) continue;
    for (const nickname of rest) {
      // A diminutive listed under two formal names (Ronnie: Ronald, Veronica) is left as written.
      if (formal.has(nickname) && formal.get(nickname) !== head) ambiguous.add(nickname);
      formal.set(nickname, head);
    }
  }
  for (const nickname of ambiguous) formal.delete(nickname);
  return formal;
})();

/** The formal name a diminutive stands for ("bobby" → "robert"), or the word itself. */
export function formalGivenName(word: string): string {
  return FORMAL.get(word) ?? word;
}

/** Each formal name's other initials: those of its diminutives that begin with another letter (Robert: "b" for Bob). */
const OTHER_INITIALS: ReadonlyMap<string, string> = (() => {
  const initials = new Map<string, string>();
  for (const [nickname, head] of FORMAL) {
    const initial = nickname.charAt(0);
    const known = initials.get(head) ?? '';
    if (initial !== head.charAt(0) && !known.includes(initial)) initials.set(head, known + initial);
  }
  return initials;
})();

/**
 * The initials that may stand for a given name: its first letter, and that of each of its
 * diminutives that begins otherwise ("rb" for Robert: "B. Smith" is Robert Smith who goes by Bob).
 * The name is read by its first word.
 */
export function initialsFor(name: string): string {
  if (name === '') return '';
  const first = name.split(' ', 1)[0] ?? '';
  return name.charAt(0) + (OTHER_INITIALS.get(first) ?? '');
}

/** Whether a one-letter initial may stand for a given name (see {@link initialsFor}). */
export function initialMayStandFor(initial: string, name: string): boolean {
  return initial !== '' && initialsFor(name).includes(initial);
}
