/**
 * Word lists behind person-name normalisation. They are data, kept apart from the code that
 * applies them so they can be reviewed and extended without reading the algorithm. Entries are
 * folded spellings (ASCII, lowercase) because they are matched after folding.
 */

/** Splits a whitespace-separated list; keeps long word lists readable and formatter-stable. */
function words(list: string): string[] {
  return list.trim().split(/\s+/u);
}

/**
 * Titles, forms of address and generational suffixes dropped from a name. "Sr" is both Spanish
 * "Señor" and English "Senior"; either way it is not part of the name.
 */
export const HONORIFICS: ReadonlySet<string> = new Set(
  words(`
    mr mrs ms miss mx dr doctor prof professor sir dame lord lady rev reverend fr jr jnr snr
    sheikh shaikh sheik shaykh cheikh hajji haji hajj hadji hajja hajjah alhaji alhaja hadj
    frau herr fraulein
    mme mlle madame mademoiselle monsieur
    sr sra srta senor senora senorita sta dona
    sig sigra signor signora signorina dott dottore dottoressa ing avv
    gospodin gospozha
    president presidente prasident
  `),
);

/**
 * Connecting words inside names (Arabic nasab and article, European nobiliary particles). They
 * stay in the token list but weigh little when two names are compared.
 */
export const PARTICLES: ReadonlySet<string> = new Set(
  words(`
    al el ul bin ben ibn bint binti bte ould
    de da di du del della der den van von la le los las dos das do y zu ter ten
  `),
);

/**
 * Standalone spellings of Arabic "ʿAbd" ("servant of"), which binds to the following word:
 * "Abd al-Rahman", "Abdul Rahman" and "Abdulrahman" are one name.
 */
export const ABD_WORDS: ReadonlySet<string> = new Set(
  words('abd abdul abdel abdal abdol abdoul abdu abdou abdur abder abdar abdus'),
);

/** Prefixes "ʿAbd" takes when written as one word, longest first so the longest one wins. */
export const ABD_PREFIXES: readonly string[] = [...ABD_WORDS].sort((a, b) => b.length - a.length);

/**
 * The Arabic article as written when detached, including its assimilated forms ("ar-Rahman",
 * "ad-Din", "as-Salam"); skipped when it follows "Abd".
 */
export const ARABIC_ARTICLES: ReadonlySet<string> = new Set(
  words('al el ul il ar ur er ad ud ed as us es an un en at ut et az uz ez ash ush esh adh ath'),
);

/**
 * Spellings of one name, first entry the canonical key. Mostly Arabic names in their common
 * Latin transliterations, plus the Biblical equivalents that cross languages (Yusuf / Joseph /
 * Giuseppe). "Abd" compounds appear in the `abd` + rest form normalisation produces
 * ("Abdullah" → `abdlah`).
 */
export const NAME_VARIANT_GROUPS: readonly (readonly string[])[] = `
  muhammad mohammed mohamed mohamad mohammad muhammed muhamad muhamed mohamud mohammod mouhamed mouhamad mohamet muhamet muhammet mehmet mehmed mohd muhd mhd
  ahmad ahmed ahmet achmed ahmaad ehmed
  mahmud mahmoud mahmood mahmut mehmood
  husayn hussein hussain husain hossein hosein huseyin hussien housein husein hussin husseyn
  hasan hassan hassen hasen hassane
  ali aly
  umar omar omer oumar umer
  uthman othman osman usman osmane ousmane outhman
  ibrahim ibraheem ebrahim ibrahem ibragim abraham avraham
  yusuf youssef yousef yusef yousuf youssouf yosef yousif yusif joseph josef jozef giuseppe jose iosif
  abdlah abdlla abdalla abdla abdallah abdullah abdulla abdellah
  abdrahman abdrahmane abdrahmen abdrehman
  khalid khaled kalid haled halid
  mustafa mustapha mostafa moustafa mostapha mustafah
  said saeed saied sayeed saiid
  sayyid sayed sayid seyed seyyed syed
  yahya yehia yahia yahiya jahja
  yasin yassin yaseen yassine yacine
  jamal gamal djamel jamel jamaal
  karim kareem karem
  rashid rasheed rachid rashed
  sulayman suleiman sulaiman soliman suleyman sulejman solomon shlomo
  ismail ismael esmail ismayil ismaeel
  musa moussa mousa moses moshe
  isa issa eesa
  fatima fatimah fatma fatme fatemeh
  aisha aysha aicha ayesha aishah ayse
  khadija khadijah khadidja hatice
  zaynab zainab zeinab zenab
  maryam mariam meryem miriam
  hamza hamzah hamsa
  tariq tarik tareq tarek
  faisal faysal feisal faycal
  walid waleed oualid
  nasir nasser naser nassir
  jafar jaafar djafar jafer
  hamid hamed hameed
  majid majeed madjid majed
  mahdi mehdi
  bin ben ibn bn
  abu abou abo
  al el ul
`
  .trim()
  .split('\n')
  .map(words);

/** Each spelling mapped to its group's canonical key. */
export const NAME_VARIANTS: ReadonlyMap<string, string> = new Map(
  NAME_VARIANT_GROUPS.flatMap((group) => group.map((spelling): [string, string] => [spelling, group[0] ?? spelling])),
);

/**
 * Korean surname syllables: the Revised Romanisation that transliteration yields, mapped to the
 * spelling people use in passports and the press ("Gim" → "Kim", "I" → "Lee"). Applied only to
 * syllables that came from Hangul.
 */
export const KOREAN_SURNAME_SPELLINGS: ReadonlyMap<string, string> = new Map(
  words(`
    gim:kim i:lee ri:lee bak:park bag:park choe:choi gang:kang jo:cho yun:yoon im:lim o:oh seo:suh sin:shin
    gwon:kwon gwak:kwak go:ko mun:moon baeg:baek heo:huh no:roh gu:koo u:woo
  `).map((pair): [string, string] => {
    const [romanised = pair, usual = pair] = pair.split(':');
    return [romanised, usual];
  }),
);
