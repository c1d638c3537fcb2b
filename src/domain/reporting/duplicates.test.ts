import { describe, expect, it } from 'vitest';
import { CITIES } from '../synth/gazetteer.ts';
import { fingerprintTip, similarity, TipDuplicateIndex, tipIdentifiers, type TipFingerprint } from './duplicates.ts';
import { extractEntities, foldText } from './extract.ts';

const fingerprint = (text: string): TipFingerprint =>
  fingerprintTip(text, extractEntities(text, { defaultCountry: 'GB' }));

/** A small seeded generator (mulberry32), so that the random tips are the same on every run. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = Math.imul(state ^ (state >>> 15), 1 | state);
    value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value;
    return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const VOCABULARY: Readonly<Record<string, string>> = {
  en: `the a man woman girl boy workers van car house flat shop factory farm hotel station night every day
    week money passport phone number advert online job offer agency boss drives takes brings collects says
    they she he looks scared tired young foreign never allowed leave works hours paid cash owes debt lives
    with many people same address street corner behind next door upstairs windows covered late early
    morning evening weekend always again new different group men women car wash nail bar restaurant kitchen`,
  es: `el la un una hombre mujer chica chico trabajadores furgoneta coche casa piso tienda fábrica granja
    hotel estación noche cada día semana dinero pasaporte teléfono anuncio trabajo oferta agencia jefe
    lleva trae recoge dice ellos ella él parece asustada cansada joven extranjera nunca puede salir
    trabaja horas pagan efectivo debe deuda vive con muchas personas misma dirección calle esquina`,
  fr: `le la un une homme femme fille garçon ouvriers camionnette voiture maison appartement magasin usine
    ferme hôtel gare nuit chaque jour semaine argent passeport téléphone annonce travail offre agence
    patron conduit emmène ramène dit ils elle il semble effrayée fatiguée jeune étrangère jamais sortir
    travaille heures payée espèces doit dette vit avec beaucoup gens même adresse rue coin derrière`,
  ar: `الرجل المرأة فتاة ولد العمال شاحنة سيارة بيت شقة محل مصنع مزرعة فندق محطة ليلة كل يوم أسبوع مال
    جواز هاتف رقم إعلان عمل عرض وكالة المدير يأخذ يحضر يقول هم هي هو خائفة متعبة صغيرة أجنبية لا تخرج
    تعمل ساعات نقدا دين تعيش مع كثير ناس نفس العنوان شارع زاوية خلف`,
};
const LANGUAGES = Object.keys(VOCABULARY);

/** A random tip: words of one language, a city, and a phone number of its own. */
function randomTip(random: () => number): string {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const words = (VOCABULARY[pick(LANGUAGES)] ?? '').trim().split(/\s+/u);
  const length = 12 + Math.floor(random() * 30);
  const parts = Array.from({ length }, () => pick(words));
  parts.splice(Math.floor(random() * length), 0, pick(CITIES).name);
  const digits = Array.from({ length: 8 }, () => Math.floor(random() * 10)).join('');
  parts.splice(Math.floor(random() * length), 0, `07${7 + Math.floor(random() * 3)}${digits}`);
  return parts.join(' ');
}

describe('fingerprints', () => {
  it('are deterministic, with the documented defaults', () => {
    const one = fingerprint('A man collects the girls from the flat above the nail bar every night');
    const two = fingerprint('A man collects the girls from the flat above the nail bar every night');
    expect(one.signature).toHaveLength(64);
    expect([...one.signature]).toEqual([...two.signature]);
    // Stored fingerprints must stay comparable across releases: these values may never change.
    expect([...one.signature.slice(0, 4)]).toEqual([90_117_848, 365_452_631, 34_239_246, 47_911_528]);
    expect(fingerprintTip('x', extractEntities('x'), { hashes: 16, shingle: 3 }).signature).toHaveLength(16);
  });

  it('fold case, accents, Arabic diacritics, digits and punctuation', () => {
    expect(similarity(fingerprint('Está en la CALLE Mayor, nº 5!'), fingerprint('esta en la calle mayor no 5'))).toBe(
      1,
    );
    expect(similarity(fingerprint('مُحَمَّد في الشَّقَّة ٥'), fingerprint('محمد في الشقة 5'))).toBe(1);
    expect(foldText('Está, nº ٥')).toBe('esta no 5');
  });

  it('carry the strong identifiers: phones, plates, links with a path, e-mails, handles with a platform', () => {
    const text =
      'Call +44 7911 123456, van AB12 CDE, advert site.com/ad/123 and site.com, mail x@mail.com, instagram: maria_x, @someone';
    expect(tipIdentifiers(extractEntities(text))).toEqual([
      'email:x@mail.com',
      'handle:instagram:maria_x',
      'link:site.com/ad/123',
      'phone:+447911123456',
      'plate:AB12CDE',
    ]);
  });

  it('estimate the Jaccard similarity of the shingles', () => {
    const random = generator(7);
    const shinglesOf = (text: string) => {
      const folded = foldText(text);
      return new Set(
        Array.from({ length: Math.max(0, folded.length - 3) }, (_, start) => folded.slice(start, start + 4)),
      );
    };
    let totalError = 0;
    const pairs = 300;
    for (let pair = 0; pair < pairs; pair++) {
      const a = randomTip(random);
      // Half of the second text is the first one's, so that similarities cover the whole range.
      const b = `${a.slice(0, Math.floor(random() * a.length))} ${randomTip(random)}`;
      const [left, right] = [shinglesOf(a), shinglesOf(b)];
      const common = [...left].filter((shingle) => right.has(shingle)).length;
      const exact = common / (left.size + right.size - common);
      const error = Math.abs(similarity(fingerprint(a), fingerprint(b)) - exact);
      expect(error).toBeLessThan(0.25);
      totalError += error;
    }
    console.log(
      `duplicates: mean error of the similarity estimate over ${pairs} pairs ${(totalError / pairs).toFixed(3)}`,
    );
    expect(totalError / pairs).toBeLessThan(0.06);
  });

  it('of empty texts are similar to nothing', () => {
    expect(similarity(fingerprint(''), fingerprint(''))).toBe(0);
    expect(similarity(fingerprint('...'), fingerprint('hello there'))).toBe(0);
    const index = new TipDuplicateIndex();
    index.add('empty', fingerprint(''));
    expect(index.findSimilar(fingerprint(''))).toEqual([]);
  });
});

describe('finding repeated tips', () => {
  const first =
    'There is a brothel in the flat above the nail bar on Station Road in Leeds, a man called Dan answers 07911 123456';
  const reworded = 'Leeds: girls taken every night to a flat by the manicure place. The guy picks up on 07911123456.';
  const nearlyTheSame =
    'there is a brothel in the flat above the nail bar on station rd in leeds, the man called Dan answers the phone';
  const unrelated = [
    'Workers at the chicken farm near Bradford are driven in at 4am and never paid in cash',
    'Hay una chica en la casa de mi vecino que nunca sale y no habla español',
    "Des hommes dorment dans la camionnette derrière l'usine depuis des semaines",
    'يعمل الأطفال في ورشة الخياطة طوال الليل ولا يذهبون إلى المدرسة',
  ];

  it('finds a reworded tip through the shared phone, whose texts differ', () => {
    const index = new TipDuplicateIndex();
    index.add('first', fingerprint(first));
    const [found, ...rest] = index.findSimilar(fingerprint(reworded));
    expect(rest).toEqual([]);
    expect(found?.id).toBe('first');
    expect(found?.sharedIdentifiers).toEqual(['phone:+447911123456']);
    expect(found?.similarity).toBeLessThan(0.5);
  });

  it('finds a near-identical text with no identifier in common', () => {
    const index = new TipDuplicateIndex();
    index.add('first', fingerprint(first));
    const [found] = index.findSimilar(fingerprint(nearlyTheSame));
    expect(found?.id).toBe('first');
    expect(found?.sharedIdentifiers).toEqual([]);
    expect(found?.similarity).toBeGreaterThanOrEqual(0.5);
  });

  it('does not find unrelated tips', () => {
    const index = new TipDuplicateIndex();
    index.add('first', fingerprint(first));
    for (const [position, text] of unrelated.entries()) index.add(`other-${position}`, fingerprint(text));
    for (const text of unrelated) {
      const found = index.findSimilar(fingerprint(text)).map((tip) => tip.id);
      expect(found).not.toContain('first');
      expect(found).toHaveLength(1);
    }
    expect(index.findSimilar(fingerprint('Something completely different about a car wash in Paris'))).toEqual([]);
  });

  it('forgets removed tips, and replaces a tip added again under the same id', () => {
    const index = new TipDuplicateIndex();
    index.add('first', fingerprint(first));
    index.add('second', fingerprint(unrelated[0] ?? ''));
    expect(index.size).toBe(2);
    index.remove('first');
    index.remove('never-added');
    expect(index.size).toBe(1);
    expect(index.findSimilar(fingerprint(nearlyTheSame))).toEqual([]);
    expect(index.findSimilar(fingerprint(reworded))).toEqual([]);
    expect(index.candidates(fingerprint(first))).toEqual([]);
    index.add('second', fingerprint(first));
    expect(index.findSimilar(fingerprint(reworded)).map((tip) => tip.id)).toEqual(['second']);
    expect(index.findSimilar(fingerprint(unrelated[0] ?? ''))).toEqual([]);
  });

  it('puts shared identifiers first, then the most similar', () => {
    const index = new TipDuplicateIndex();
    index.add('text-only', fingerprint(nearlyTheSame));
    index.add('phone-only', fingerprint(reworded));
    expect(index.findSimilar(fingerprint(first)).map((tip) => tip.id)).toEqual(['phone-only', 'text-only']);
  });

  it('gives fewer than 0.5% false candidates among 10,000 random unrelated tips', () => {
    const random = generator(2024);
    const index = new TipDuplicateIndex();
    const tips = 10_000;
    let flagged = 0;
    let compared = 0;
    const started = performance.now();
    for (let position = 0; position < tips; position++) {
      const text = randomTip(random);
      const tipFingerprint = fingerprint(text);
      compared += index.candidates(tipFingerprint).length;
      if (index.findSimilar(tipFingerprint).length > 0) flagged++;
      index.add(`tip-${position}`, tipFingerprint);
    }
    const elapsed = performance.now() - started;
    const pairs = (tips * (tips - 1)) / 2;
    console.log(
      `duplicates: ${tips} random unrelated tips, ${flagged} flagged as repeats (${((100 * flagged) / tips).toFixed(2)}%), ` +
        `${compared} LSH candidate pairs checked of ${pairs} (${((100 * compared) / pairs).toFixed(3)}%), ` +
        `${(elapsed / tips).toFixed(2)} ms per tip (extraction included)`,
    );
    expect(flagged / tips).toBeLessThan(0.005);
  });
});
