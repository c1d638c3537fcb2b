import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractEntities, foldText, MAX_ENTITIES_PER_KIND, type Gazetteer } from './extract.ts';

const phonesOf = (text: string, country?: string) =>
  extractEntities(text, country === undefined ? {} : { defaultCountry: country }).phones.map((phone) => phone.e164);

/**
 * The processor time this test's process has used, in milliseconds: the work an input costs. Time
 * by the clock would also count the moments other processes of a shared machine took the
 * processor, and the bound of a second is on the work.
 */
function cpuMilliseconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1_000;
}

describe('folding text for matching', () => {
  it('removes case, accents, Arabic diacritics and punctuation, and folds digits', () => {
    expect(foldText('Constanța, IAȘI!')).toBe('constanta iasi');
    expect(foldText('مُحَمَّد ـ أحمد')).toBe('محمد احمد');
    expect(foldText('٠٧٩ ０７ 1️⃣')).toBe('079 07 1');
  });
});

describe('extracting phones', () => {
  it('reads obfuscated numbers in English text', () => {
    const [phone] = extractEntities('call 2ONE6-SIX2TWO-O4 8 7 now', { defaultCountry: 'US' }).phones;
    expect(phone).toEqual({ raw: '2ONE6-SIX2TWO-O4 8 7', e164: '+12166220487' });
    expect(phonesOf('WhatsApp +44 7911 123456 any time')).toEqual(['+447911123456']);
  });

  it('reads numbers spelled in Spanish and French, and Arabic-Indic and keycap digits', () => {
    expect(phonesOf('llama al seis uno dos tres cuatro cinco seis siete ocho', 'ES')).toEqual(['+34612345678']);
    expect(phonesOf('appelez le zéro six un deux trois quatre cinq six sept huit', 'FR')).toEqual(['+33612345678']);
    expect(phonesOf('اتصل على ٠٧٩١١ ١٢٣٤٥٦', 'GB')).toEqual(['+447911123456']);
    expect(phonesOf('0️⃣7️⃣9️⃣1️⃣1️⃣ 1️⃣2️⃣3️⃣4️⃣5️⃣6️⃣', 'GB')).toEqual(['+447911123456']);
  });

  it('finds a number in a long text, and lists each number once', () => {
    const filler = 'The man comes every evening and takes the girls away in a car. '.repeat(60);
    expect(phonesOf(`${filler} His number is 07911 123456. ${filler} Again: 07911123456.`, 'GB')).toEqual([
      '+447911123456',
    ]);
  });

  it('does not read years, dates, prices, counts or links as phones', () => {
    expect(phonesOf('In 2023 she paid 500 euros for 3 nights, on 14/05/2023', 'GB')).toEqual([]);
    expect(phonesOf('En 2023 pagó 500 euros por 3 noches', 'ES')).toEqual([]);
    expect(phonesOf('Elle a payé 500 euros le 14/05/2023', 'FR')).toEqual([]);
    expect(phonesOf('دفعت ٥٠٠ يورو في ٢٠٢٣', 'GB')).toEqual([]);
    expect(phonesOf('advert at site.com/ad/2125550123 and ann2125550123@mail.com', 'US')).toEqual([]);
  });
});

describe('extracting e-mail addresses', () => {
  it('finds and normalises addresses in the four languages', () => {
    expect(extractEntities('mail him at Bad.Guy+ads@gmail.com today').emails).toEqual(['badguy@gmail.com']);
    expect(extractEntities('correo: juan (arroba) hotmail (punto) com').emails).toEqual(['juan@hotmail.com']);
    expect(extractEntities('écrire à marie.dupont@orange.fr.').emails).toEqual(['marie.dupont@orange.fr']);
    expect(extractEntities('البريد ahmed@yahoo.com شكرا').emails).toEqual(['ahmed@yahoo.com']);
  });

  it('does not take handles, half addresses or spelled-out words for addresses', () => {
    expect(extractEntities('instagram @maria_x, write to a@b, or name at gmail').emails).toEqual([]);
    expect(extractEntities('escribe a @juan o juan@ o @hotmail.com').emails).toEqual([]);
    expect(extractEntities('il est à la gare @ 10h').emails).toEqual([]);
    expect(extractEntities('راسلني على @ahmed').emails).toEqual([]);
  });
});

describe('extracting links', () => {
  it('finds URLs and bare domains, with their host', () => {
    expect(extractEntities('see https://www.Example.org/x?y=1.').links).toEqual([
      { url: 'https://www.example.org/x?y=1', host: 'example.org' },
    ]);
    expect(extractEntities('the advert is site.com/ad/123').links).toEqual([
      { url: 'http://site.com/ad/123', host: 'site.com' },
    ]);
    expect(extractEntities('anuncio en milanuncios.com/anuncio/55 (mira)').links).toEqual([
      { url: 'http://milanuncios.com/anuncio/55', host: 'milanuncios.com' },
    ]);
    expect(extractEntities('annonce sur www.vivastreet.fr/abc').links).toEqual([
      { url: 'http://www.vivastreet.fr/abc', host: 'vivastreet.fr' },
    ]);
    expect(extractEntities('الرابط: https://t.me/boss_man').links.map((link) => link.host)).toEqual(['t.me']);
  });

  it('does not take abbreviations, file names, numbers or e-mail addresses for links', () => {
    expect(extractEntities('e.g. file.txt, 3.5 km, Mr.Smith, etc. mail x@site.com').links).toEqual([]);
    expect(extractEntities('p.ej. 2.000 euros, archivo.pdf').links).toEqual([]);
    expect(extractEntities('c.-à-d. 3.50 €, photo.jpg').links).toEqual([]);
    expect(extractEntities('أي 1.5 كم').links).toEqual([]);
  });
});

describe('extracting handles', () => {
  it('reads mentions, labelled handles and profile links', () => {
    const found = extractEntities('Insta: maria_pop, @other_one, t.me/boss_man, tiktok.com/@Dancer.1');
    expect(found.handles).toEqual([
      { platform: 'telegram', handle: 'boss_man' },
      { platform: 'tiktok', handle: 'dancer.1' },
      { platform: 'instagram', handle: 'maria_pop' },
      // The platform named before the comma belongs to the first handle, not to the next mention.
      { platform: null, handle: 'other_one' },
    ]);
  });

  it('reads wa.me links as both a handle and a phone', () => {
    const found = extractEntities('escribe a wa.me/447911123456');
    expect(found.handles).toEqual([{ platform: 'whatsapp', handle: '+447911123456' }]);
    expect(found.phones.map((phone) => phone.e164)).toEqual(['+447911123456']);
  });

  it('names the platform from the words before a mention, in each language', () => {
    expect(extractEntities('su insta es @maria_x').handles).toEqual([{ platform: 'instagram', handle: 'maria_x' }]);
    expect(extractEntities('Snapchat : julie.b').handles).toEqual([{ platform: 'snapchat', handle: 'julie.b' }]);
    expect(extractEntities('انستغرام @layla_22').handles).toEqual([{ platform: 'instagram', handle: 'layla_22' }]);
    expect(extractEntities('he posts as @the_boss').handles).toEqual([{ platform: null, handle: 'the_boss' }]);
  });

  it('does not take e-mail addresses, domains or numbers for handles', () => {
    expect(extractEntities('write x@y.com or @gmail.com').handles).toEqual([]);
    expect(extractEntities('whatsapp: 07911 123456, signal: 447911123456').handles).toEqual([]);
    expect(extractEntities('instagram.com/p/abc123').handles).toEqual([]);
    expect(extractEntities('correo ana@correo.es').handles).toEqual([]);
  });
});

describe('extracting vehicle plates', () => {
  it('reads plates in common formats and after cue words, in the four languages', () => {
    expect(extractEntities('a white van, reg AB12 CDE, and a car B-123-XYZ').plates).toEqual(['AB12CDE', 'B123XYZ']);
    expect(extractEntities('la matrícula es 1234 BCD').plates).toEqual(['1234BCD']);
    expect(extractEntities('matricula 1234-bcd').plates).toEqual(['1234BCD']);
    expect(extractEntities('plaque AB-123-CD, 500 € par semaine').plates).toEqual(['AB123CD']);
    expect(extractEntities('voiture immatriculée ab-123-cd').plates).toEqual(['AB123CD']);
    expect(extractEntities('سيارة بيضاء لوحة 4821').plates).toEqual(['4821']);
    expect(extractEntities('the plate was ab12cde').plates).toEqual(['AB12CDE']);
  });

  it('does not take phones, years, amounts or times for plates', () => {
    expect(
      extractEntities('plate? call 07911 123456 in 2023, paid 1500 GBP or €500', { defaultCountry: 'GB' }).plates,
    ).toEqual([]);
    expect(extractEntities('the car had 3 men, the van at 10pm, car 10:30').plates).toEqual([]);
    expect(extractEntities('el coche de 2019 costó 3000 euros').plates).toEqual([]);
    expect(extractEntities('la voiture de 2019 a coûté 3000 euros').plates).toEqual([]);
    expect(extractEntities('لوحة السيارة ٢٠٢٣ رقم 07911123456', { defaultCountry: 'GB' }).plates).toEqual([]);
  });
});

describe('extracting amounts', () => {
  const amounts = (text: string) =>
    extractEntities(text).amounts.map(({ raw, minor, currency }) => `${raw}=${minor}${currency ?? '?'}`);

  it('reads symbols, codes and currency words before and after the number', () => {
    expect(amounts('he took €500 and $1,200, then 500 € more')).toEqual(['€500=50000EUR', '$1,200=120000USD']);
    expect(amounts('she owes 2.000 EUR and 300 pounds')).toEqual(['2.000 EUR=200000EUR', '300 pounds=30000GBP']);
    expect(amounts('pagó 300 dólares y 5 mil euros')).toEqual(['300 dólares=30000USD', '5 mil euros=500000EUR']);
    expect(amounts('elle paie 12,50 € et 2k € par mois')).toEqual(['12,50 €=1250EUR', '2k €=200000EUR']);
    expect(amounts('دفعت ٥٠٠ دولار و 200 درهم')).toEqual(['٥٠٠ دولار=50000USD', '200 درهم=20000?']);
  });

  it('does not read counts, years, phones or unknown words as amounts', () => {
    expect(amounts('500 people, 3 nights in 2023, call 07911 123456')).toEqual([]);
    expect(amounts('500 personas, 3 noches')).toEqual([]);
    expect(amounts('500 personnes, 3 nuits, 500 try')).toEqual([]);
    expect(amounts('٥٠٠ شخص')).toEqual([]);
  });
});

describe('extracting places', () => {
  const places = (text: string, gazetteer?: Gazetteer) =>
    extractEntities(text, gazetteer === undefined ? {} : { gazetteer }).places.map((place) => place.name);

  it('matches gazetteer places accent- and case-insensitively, in the four languages', () => {
    expect(places('she is in london near the station, from Constanta')).toEqual(['London', 'Constanța']);
    expect(places('trabaja en Londres, viene de Ho Chi Minh')).toEqual(['London', 'Ho Chi Minh City']);
    expect(places('à Bruxelles puis à Saint-Pétersbourg')).toEqual(['Brussels', 'Saint Petersburg']);
    expect(places('في لندن ثم بالقاهرة')).toEqual(['London', 'Cairo']);
  });

  it('matches whole words only, and not a name after a naming cue', () => {
    expect(places('a Parisian girl, Romeo, Sofiane, Leedsway')).toEqual([]);
    expect(places('una chica llamada Sofia')).toEqual([]);
    expect(places('Parisienne, Romane')).toEqual([]);
    expect(places('لندنية')).toEqual([]);
  });

  it('uses the gazetteer it is given', () => {
    const gazetteer: Gazetteer = { places: [{ name: 'Nice', country: 'FR', aliases: ['Niza'] }] };
    expect(places('a flat in Niza, not London', gazetteer)).toEqual(['Nice']);
    expect(extractEntities('a flat in Niza', { gazetteer }).places).toEqual([{ name: 'Nice', country: 'FR' }]);
  });
});

describe('extracting names', () => {
  const names = (text: string) => extractEntities(text).names;

  it('reads runs of capitalised words and names after cues, in the four languages', () => {
    expect(names('I saw Maria Popescu with a man named Ion, and Mr Brown')).toEqual(['Maria Popescu', 'Ion', 'Brown']);
    expect(names('Mi prima vive con Juan de la Cruz; se llama Ana García')).toEqual(['Juan de la Cruz', 'Ana García']);
    expect(names("Elle s'appelle Fatima, son patron est Jean-Pierre Martin")).toEqual(['Jean-Pierre Martin', 'Fatima']);
    expect(names('اسمها فاطمة أحمد في لندن')).toEqual(['فاطمة أحمد']);
  });

  it('leaves out single words, places, months, weekdays and common words', () => {
    expect(names('Yesterday in London on Monday. The Hotel Ritz. Please Help')).toEqual([]);
    expect(names('Maria is there. I called the police')).toEqual([]);
    expect(names('El Lunes en Madrid. Ayer Por Favor')).toEqual([]);
    expect(names('Le Mardi à Paris en Janvier')).toEqual([]);
    expect(names('ذهبت في الصباح إلى السوق')).toEqual([]);
  });
});

describe('extracting from hostile text', () => {
  it('reads only the first 20,000 characters', () => {
    const padding = 'a '.repeat(10_000);
    expect(extractEntities(`${padding}maria@gmail.com`).emails).toEqual([]);
    expect(extractEntities(`${padding.slice(20)}maria@gmail.com`).emails).toEqual(['maria@gmail.com']);
  });

  it(`keeps at most ${MAX_ENTITIES_PER_KIND} of each kind`, () => {
    const many = Array.from({ length: 200 }, (_, index) => `user${index}@mail.com`).join(' ');
    expect(extractEntities(many).emails).toHaveLength(MAX_ENTITIES_PER_KIND);
  });

  it('stays fast on the longest pathological texts', () => {
    const longest = (piece: string) => piece.repeat(Math.ceil(25_000 / piece.length));
    const pieces = [
      '1 ',
      'one two ',
      '12-',
      'o1',
      '07911 123456 ',
      'a@b.',
      'Abc ',
      '1 000 ',
      'plate AB12 ',
      '٥',
      '1️⃣',
      '\ud800',
    ];
    extractEntities('warm up 07911 123456', { defaultCountry: 'GB' });
    let slowest = 0;
    for (const piece of pieces) {
      const started = cpuMilliseconds();
      extractEntities(longest(piece), { defaultCountry: 'GB' });
      slowest = Math.max(slowest, cpuMilliseconds() - started);
    }
    console.log(`extract: slowest 20,000-character pathological text took ${slowest.toFixed(0)} ms`);
    // No input may take more than a second (SECURITY.md: parsers survive hostile input).
    expect(slowest).toBeLessThan(1_000);
  });

  it('never throws and answers each random text in under a second', () => {
    const tokens = fc.constantFrom(
      '@',
      'http://',
      'www.',
      '.com',
      '/',
      '€',
      '$',
      '500',
      '٥٠٠',
      'euros',
      'دولار',
      'plate',
      'matrícula',
      'لوحة',
      'AB12 CDE',
      'named',
      'se llama',
      'اسمه',
      'Maria',
      'London',
      'لندن',
      'two',
      'six',
      'O',
      '0️⃣',
      '+44',
      '07911',
      '[at]',
      '(dot)',
      'instagram:',
      't.me/',
      'wa.me/',
      ' ',
      '\n',
      ',',
      '-',
    );
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 400 }),
      fc.string({ unit: 'grapheme', maxLength: 400 }),
      fc.array(fc.oneof(tokens, fc.string({ maxLength: 4 })), { maxLength: 120 }).map((parts) => parts.join('')),
    );
    extractEntities('warm up 07911 123456', { defaultCountry: 'GB' });
    let slowest = 0;
    let slowestInput = '';
    let total = 0;
    let runs = 0;
    fc.assert(
      fc.property(text, fc.constantFrom(undefined, 'GB', 'ES', 'FR', 'EG', 'XX'), (input, country) => {
        const options = country === undefined ? {} : { defaultCountry: country };
        const started = cpuMilliseconds();
        const found = extractEntities(input, options);
        const elapsed = cpuMilliseconds() - started;
        if (elapsed > slowest) slowestInput = JSON.stringify([input, country]);
        slowest = Math.max(slowest, elapsed);
        total += elapsed;
        runs++;
        expect(Array.isArray(found.phones) && Array.isArray(found.names)).toBe(true);
      }),
      { numRuns: 5_000 },
    );
    console.log(
      `extract: ${runs} random texts, mean ${(total / runs).toFixed(2)} ms, slowest ${slowest.toFixed(1)} ms per call`,
    );
    // No input may take more than a second (SECURITY.md: parsers survive hostile input).
    expect(slowest, slowestInput).toBeLessThan(1_000);
  });
});
