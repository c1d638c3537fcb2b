// eslint-disable-next-line no-restricted-imports -- a test reading shared benchmark data, not domain code at run time
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseName } from '../resolution/normalise/index.ts';
import { legalFormFamily, markFormWords, nameForms, rewriteName, withinOneEdit } from './name-forms.ts';
import { prepareFields } from './prepare.ts';
import { scoreEntry } from './score.ts';
import { DEFAULT_SCREENING_THRESHOLD } from './screening-index.ts';

const SHARED_DATA = fileURLToPath(new URL('../../../../shared/data/', import.meta.url));
const NAME_BENCH = `${SHARED_DATA}name_bench/cases.csv`;
const CROSS_SCRIPT = `${SHARED_DATA}cross_script_names/cross_script_pairs.csv`;

for (const file of [NAME_BENCH, CROSS_SCRIPT]) {
  if (!existsSync(file))
    console.warn(`name forms quality: skipping, ${file} is absent (../shared/data is not part of a clone)`);
}

/** The screening score of two names alone, as the screening bench computes it. */
const screeningScore = (a: string, b: string): number =>
  scoreEntry(prepareFields({ names: [a] }), prepareFields({ names: [b] })).score;

const tokensOf = (name: string) => markFormWords(normaliseName(rewriteName(name)).parts);

describe('rewriting legal forms', () => {
  it.each([
    ['Siemens Aktiengesellschaft', 'Siemens AG'],
    ['Volkswagen Gesellschaft mit beschränkter Haftung', 'Volkswagen GmbH'],
    ['Volkswagen Bank G.m.b.H.', 'Volkswagen Bank GmbH'],
    ['Vodafone Limited', 'Vodafone Ltd'],
    ['Trafigura Group Pte. Ltd.', 'Trafigura Group Ltd.'],
    ['Apple Incorporated', 'Apple Inc'],
    ['Microsoft Corporation', 'Microsoft Corp'],
    ['Homs Refinery Company', 'Homs Refinery Co'],
    ['Stripe Limited Liability Company', 'Stripe LLC'],
    ['Bowne Global Solutions, L.L.C.', 'Bowne Global Solutions, LLC'],
    ['Lloyds Banking Group Public Limited Company', 'Lloyds Banking Group PLC'],
    ['HSBC Holdings p.l.c.', 'HSBC Holdings PLC'],
    ['Open Joint Stock Company Gazprom', 'OJSC Gazprom'],
    ['Tactical Missiles Corporation Joint-Stock Company', 'Tactical Missiles Corp JSC'],
    ['Открытое акционерное общество «Газпром»', 'OAO «Газпром»'],
    ['Общество с ограниченной ответственностью "Бай"', 'OOO "Бай"'],
    ['Société Générale Société Anonyme', 'Société Générale SA'],
    ['Banco Santander S.A.', 'Banco Santander SA'],
    ['Bowne Global Solutions, S.A.R.L.', 'Bowne Global Solutions, SARL'],
    ['Societatea cu Răspundere Limitată Pro Traffic', 'SRL Pro Traffic'],
    ['Fiat Società per Azioni', 'Fiat SpA'],
    ['Faberlic Europe Sp. z o.o.', 'Faberlic Europe SpZoo'],
    ['Faberlic Spółka z ograniczoną odpowiedzialnością', 'Faberlic SpZoo'],
    ['Škoda Společnost s ručením omezeným', 'Škoda sro'],
    ['Mol Korlátolt Felelősségű Társaság', 'Mol Kft'],
    ['Koç Anonim Şirketi', 'Koç AS'],
    ['Mendez Denmark A/S', 'Mendez Denmark AS'],
    ['Volvo Aktiebolag', 'Volvo AB'],
    ['Stellantis Naamloze Vennootschap', 'Stellantis NV'],
    ['Astra Perseroan Terbatas', 'Astra PT'],
  ])('%s → %s', (name, rewritten) => {
    expect(rewriteName(name).replace(/\.$/u, '')).toBe(rewritten.replace(/\.$/u, ''));
  });

  it('reads a legal form with one letter wrong in a long word', () => {
    expect(rewriteName('Siemens Aktiengeselschaft')).toBe('Siemens AG');
    expect(rewriteName('Tactical Missiles Joynt Stock Compan')).toBe('Tactical Missiles JSC');
    // A short word one edit from a legal form is a name ("Behrad" is not "Berhad").
    expect(rewriteName('Behrad Ahmadi')).toBe('Behrad Ahmadi');
  });
});

describe('rewriting numbers, abbreviations and punctuation', () => {
  it.each([
    ['Brigade Forty-Four', 'Brigade 44'],
    ['Brigade Fourty-four', 'Brigade 44'],
    ['Brigade Forty 4', 'Brigade 44'],
    ['Three Percenters', '3 Percenters'],
    ['First International Bank', '1 International Bank'],
    ['1st International Bank', '1 International Bank'],
    ['Twenty-First Century Fox', '21 Century Fox'],
    ['Nineteenth Brigade', '19 Brigade'],
    ['First Bank Int’l', '1 Bank International'],
    ['Nat’l Assn of Mfg', 'National Association of Manufacturing'],
    ['Co-op Bank', 'Cooperative Bank'],
    ['Procter & Gamble', 'Procter and Gamble'],
    ['Deutsche Bank’s AG', 'Deutsche Bank AG'],
    ['The Coca-Cola Company', 'Coca-Cola Co'],
    ['The World Bank', 'World Bank'],
    ['A.B.C. Company', 'ABC. Co'],
    ['L.X.C Aviation', 'LXC Aviation'],
    ['Ig0r Sech1n', 'Igor Sechin'],
  ])('%s → %s', (name, rewritten) => {
    expect(rewriteName(name)).toBe(rewritten);
  });

  it('leaves people’s names, initials, other scripts and numbers in names alone', () => {
    for (const name of [
      'J.R. Smith',
      'U.S. Department of State',
      "Sean O'Brien",
      'Anne ten Boom',
      'Владимир Путин',
      'عبد الفتاح السيسي',
      '习近平',
      '김정은',
      'Zu Zag Bong 6',
      'Goldman Sachs Mortgage Loan Trust 2004-1',
      'G4S',
      'Constructor toString Ltd',
      '',
    ]) {
      expect(rewriteName(name)).toBe(name);
    }
  });

  it('keeps "The" when it is the whole name', () => {
    expect(rewriteName('The')).toBe('The');
    expect(rewriteName('The The Band')).toBe('Band');
  });
});

describe('forms of a name', () => {
  it('adds each alternative a slash separates, and never splits a legal form or "s/o"', () => {
    expect(nameForms("Al-Qa'ida/Islamic Army")).toEqual(["Al-Qa'ida/Islamic Army", "Al-Qa'ida", 'Islamic Army']);
    expect(nameForms('Mendez Norge A/S')).toEqual(['Mendez Norge AS']);
    expect(nameForms('Ram Kumar s/o Shyam Kumar')).toEqual(['Ram Kumar s/o Shyam Kumar']);
  });
});

describe('weighing legal forms and connecting words', () => {
  it('makes legal forms and connecting words particles, legal forms keyed by family', () => {
    const tokens = tokensOf('Bank of China OAO');
    expect(tokens.map((token) => [token.text, token.key, token.particle])).toEqual([
      ['bank', 'bank', false],
      ['of', 'of', true],
      ['china', 'china', false],
      ['oao', 'jsc', true],
    ]);
    expect(tokensOf('Gazprom JSC')[1]?.key).toBe('jsc');
    expect(tokensOf('Apple Inc')[1]?.key).toBe(tokensOf('Apple Corporation')[1]?.key);
    expect(tokensOf('Deutsche Bank AG').map(legalFormFamily)).toEqual([undefined, undefined, 'ag']);
  });

  it('leaves a name that is only legal forms and connecting words, and syllables of names, at full weight', () => {
    expect(tokensOf('The Company').every((token) => !token.particle)).toBe(true);
    expect(tokensOf('AT&T Inc').map((token) => [token.text, token.particle])).toEqual([
      ['at', false],
      ['and', true],
      ['t', false],
      ['inc', true],
    ]);
    expect(tokensOf('Ao Jun').every((token) => !token.particle)).toBe(true);
    expect(tokensOf('Kim Sa Rang').every((token) => !token.particle)).toBe(true);
  });
});

describe('one edit apart', () => {
  it('accepts one insertion, deletion, substitution or swap and nothing more', () => {
    expect(withinOneEdit('company', 'compan')).toBe(true);
    expect(withinOneEdit('joint', 'joynt')).toBe(true);
    expect(withinOneEdit('berhad', 'behrad')).toBe(true);
    expect(withinOneEdit('limited', 'limiter')).toBe(true);
    expect(withinOneEdit('limited', 'lmitde')).toBe(false);
    expect(withinOneEdit('company', 'compass')).toBe(false);
  });
});

describe('properties of the rewrite', () => {
  const words = fc.constantFrom(
    'The',
    'the',
    'Company',
    'Co',
    'Limited',
    'Liability',
    'Joint',
    'Stock',
    'Open',
    'Public',
    'Aktiengesellschaft',
    'Gesellschaft',
    'mit',
    'beschränkter',
    'Haftung',
    'S',
    'A',
    'R',
    'L',
    'o',
    'Sp',
    'z',
    'Forty',
    'Four',
    'four',
    'First',
    '1st',
    '4',
    'Int’l',
    'op',
    'Bank',
    'Ig0r',
    'Deutsche',
    'Bank’s',
    'Общество',
    'акционерное',
    '&',
    'Al',
    'Qa’ida',
  );
  const separators = fc.constantFrom(' ', '-', '.', '. ', '/', ', ', '  ', '(', ')');
  const names = fc
    .array(fc.tuple(words, separators), { maxLength: 12 })
    .map((parts) => parts.map(([word, separator]) => word + separator).join(''));

  it('is idempotent: rewriting twice is rewriting once', () => {
    fc.assert(
      fc.property(fc.oneof(names, fc.string({ unit: 'grapheme', maxLength: 40 })), (name) => {
        const once = rewriteName(name);
        expect(rewriteName(once)).toBe(once);
      }),
      { numRuns: 2000 },
    );
  });

  it('never leaves a name with a full word without one, nor changes its number of tokens', () => {
    fc.assert(
      fc.property(names, (name) => {
        const tokens = normaliseName(rewriteName(name)).parts;
        const marked = markFormWords(tokens);
        expect(marked).toHaveLength(tokens.length);
        if (tokens.some((token) => !token.particle && !token.initial)) {
          expect(marked.some((token) => !token.particle && !token.initial)).toBe(true);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('scores a name against itself as 1, whatever forms it holds', () => {
    fc.assert(
      fc.property(names, (name) => {
        // A name of initials or particles only scores low against itself already (by design).
        fc.pre(normaliseName(rewriteName(name)).parts.some((token) => !token.initial && !token.particle));
        expect(screeningScore(name, name)).toBeCloseTo(1, 9);
      }),
      { numRuns: 500 },
    );
  });
});

interface BenchCase {
  readonly schema: string;
  readonly name1: string;
  readonly name2: string;
  readonly is_match: string;
  readonly quality: string;
}

function figures(rows: readonly { score: number; match: boolean }[], threshold: number) {
  let truePositive = 0;
  let falsePositive = 0;
  let falseNegative = 0;
  for (const row of rows) {
    const predicted = row.score >= threshold;
    if (predicted && row.match) truePositive++;
    else if (predicted) falsePositive++;
    else if (row.match) falseNegative++;
  }
  const p = truePositive / Math.max(1, truePositive + falsePositive);
  const r = truePositive / Math.max(1, truePositive + falseNegative);
  return { p, r, f1: (2 * p * r) / Math.max(1e-9, p + r) };
}

describe.skipIf(!existsSync(NAME_BENCH))(
  'name_bench pairs as screening scores them (opensanctions/nomenklatura)',
  () => {
    it('reaches F1 ≥ 0.85 at the screening threshold and scores every STRONG match above it', () => {
      const cases = parse<BenchCase>(readFileSync(NAME_BENCH), { columns: true });
      const scored = cases.map((row) => ({
        ...row,
        score: screeningScore(row.name1, row.name2),
        match: row.is_match === 'true',
      }));
      const threshold = DEFAULT_SCREENING_THRESHOLD;
      const all = figures(scored, threshold);
      const strong = scored.filter((row) => row.quality === 'STRONG' && row.match);
      const strongMissed = strong.filter((row) => row.score < threshold);
      const lines = [
        `name_bench, ${scored.length} pairs at ${threshold}: P ${all.p.toFixed(3)} R ${all.r.toFixed(3)} F1 ${all.f1.toFixed(3)}; ` +
          `STRONG matches ≥ ${threshold}: ${strong.length - strongMissed.length} of ${strong.length}`,
        ...[...new Set(scored.map((row) => row.schema))].map((schema) => {
          const rows = scored.filter((row) => row.schema === schema);
          const each = figures(rows, threshold);
          return `  ${schema}: ${rows.length} pairs, P ${each.p.toFixed(3)} R ${each.r.toFixed(3)} F1 ${each.f1.toFixed(3)}`;
        }),
        ...strongMissed.map((row) => `  STRONG missed: ${row.score.toFixed(3)} ${row.name1} | ${row.name2}`),
      ];
      console.log(lines.join('\n'));
      expect(scored.length).toBeGreaterThan(800);
      expect(all.f1).toBeGreaterThanOrEqual(0.85);
      expect(strongMissed).toEqual([]);
    });
  },
);

describe.skipIf(!existsSync(CROSS_SCRIPT))(
  'cross-script name pairs as screening scores them (moov-io/watchman)',
  () => {
    it('still matches at least 18 of the 22 pairs', () => {
      const pairs = readFileSync(CROSS_SCRIPT, 'utf8')
        .split('\n')
        .filter((line) => line.trim() !== '' && !line.startsWith('#'))
        .map((line) => line.split(','));
      const matched = pairs.filter(
        ([query = '', expected = '']) => screeningScore(query, expected) >= DEFAULT_SCREENING_THRESHOLD,
      );
      console.log(
        `cross-script, screening scores: ${matched.length} of ${pairs.length} pairs ≥ ${DEFAULT_SCREENING_THRESHOLD}`,
      );
      expect(pairs).toHaveLength(22);
      expect(matched.length).toBeGreaterThanOrEqual(18);
    });
  },
);
