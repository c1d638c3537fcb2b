/** Small synthetic people with duplicate records and typing noise, for the engine's tests. */
import { seededRandom } from './random.ts';
import type { LinkRecord } from './roles.ts';

const GIVEN = [
  'ana',
  'maria',
  'ivan',
  'olena',
  'mohammed',
  'fatima',
  'li',
  'wei',
  'john',
  'grace',
  'amina',
  'tomas',
  'sara',
  'yusuf',
  'elena',
  'david',
  'nadia',
  'pavel',
  'irina',
  'samuel',
];
const FAMILY = [
  'popescu',
  'ivanova',
  'kowalski',
  'haddad',
  'zhang',
  'okafor',
  'smith',
  'tran',
  'garcia',
  'mensah',
  'novak',
  'horvat',
  'rossi',
  'silva',
  'kaya',
  'nowak',
  'ahmed',
  'khan',
  'lopez',
  'petrov',
];

/**
 * `people` people, each with one to three records (person 0 always two, sharing a phone), ids
 * `p<person>-<k>`. Duplicates carry typos in names, a changed date part or missing fields.
 */
export function syntheticPeople(people: number, seed: number): LinkRecord[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const typo = (word: string) => {
    if (word.length < 3) return word;
    const at = 1 + Math.floor(random() * (word.length - 2));
    return random() < 0.5
      ? `${word.slice(0, at)}${word[at + 1] ?? ''}${word[at] ?? ''}${word.slice(at + 2)}`
      : `${word.slice(0, at)}${pick(['a', 'e', 'o', 'r', 'n'])}${word.slice(at + 1)}`;
  };
  const records: LinkRecord[] = [];
  for (let person = 0; person < people; person += 1) {
    const given = pick(GIVEN);
    const surname = pick(FAMILY);
    const year = 1950 + Math.floor(random() * 50);
    const month = 1 + Math.floor(random() * 12);
    const day = 1 + Math.floor(random() * 28);
    const phone = `07${String(Math.floor(random() * 1e9)).padStart(9, '0')}`;
    const postcode = String(1000 + Math.floor(random() * 9000));
    const document = random() < 0.5 ? `P${String(Math.floor(random() * 1e7)).padStart(7, '0')}` : undefined;
    const copies = person === 0 ? 2 : 1 + Math.floor(random() * 3);
    for (let copy = 0; copy < copies; copy += 1) {
      const noisy = copy > 0;
      const date =
        noisy && random() < 0.2 ? `${year}-${month}-${day === 28 ? 27 : day + 1}` : `${year}-${month}-${day}`;
      records.push({
        id: `p${person}-${copy}`,
        source: 0,
        fields: {
          given_name: noisy && random() < 0.3 ? typo(given) : given,
          surname: noisy && random() < 0.3 ? typo(surname) : surname,
          ...(noisy && random() < 0.15 ? {} : { date_of_birth: date }),
          ...(noisy && random() < 0.3 && person !== 0 ? {} : { phone }),
          ...(noisy && random() < 0.2 ? {} : { postcode }),
          ...(document === undefined || (noisy && random() < 0.4) ? {} : { document_number: document }),
        },
      });
    }
  }
  return records;
}
