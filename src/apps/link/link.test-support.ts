/** Test data of linking: a small CSV of people, and the public labelled sets when ../shared is here. */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The labelled data folder, ../shared/data relative to the repository root. */
export const SHARED_DATA = fileURLToPath(new URL('../../../../shared/data/', import.meta.url));

/** Whether the labelled data is here. */
export const HAS_SHARED_DATA = existsSync(`${SHARED_DATA}febrl/dataset4a.csv`);

/** Why data tests are skipped, for the test names. */
export const SKIP_REASON = HAS_SHARED_DATA ? '' : ` (skipped: no labelled data at ${SHARED_DATA})`;

/** FEBRL's column map (all fields; `national_id` is soc_sec_id). */
export const FEBRL_MAP = {
  id: 'rec_id',
  fields: {
    given_name: 'given_name',
    surname: 'surname',
    street_number: 'street_number',
    address: ['address_1', 'address_2'],
    city: 'suburb',
    postcode: 'postcode',
    region: 'state',
    date_of_birth: 'date_of_birth',
    national_id: 'soc_sec_id',
  },
};

/** The person a FEBRL record id names: `rec-<N>-org` and `rec-<N>-dup-<k>` are person N. */
export function febrlPerson(id: string): string {
  return /^rec-(\d+)-/.exec(id)?.[1] ?? id;
}

const GIVEN = ['ana', 'ivan', 'olena', 'yusuf', 'grace', 'tomas', 'nadia', 'pavel', 'irina', 'samuel'];
const FAMILY = ['popescu', 'kowalski', 'haddad', 'okafor', 'mensah', 'horvat', 'silva', 'nowak'];

/** 40 people p0…p39, and second records d0…d3 of the first four with a typo and a reformatted phone. */
export function peopleCsv(): string {
  const lines = ['id,name,dob,phone'];
  const person = (index: number) => ({
    name: `${GIVEN[index % GIVEN.length] ?? ''} ${FAMILY[(index * 3) % FAMILY.length] ?? ''}`,
    dob: `19${50 + index}-${String(1 + (index % 12)).padStart(2, '0')}-${String(1 + ((index * 7) % 28)).padStart(2, '0')}`,
    phone: `0700 ${String(100_000 + index * 7919).slice(0, 6)}`,
  });
  for (let index = 0; index < 40; index += 1) {
    const { name, dob, phone } = person(index);
    lines.push(`p${index},${name},${dob},${phone}`);
  }
  for (let index = 0; index < 4; index += 1) {
    const { name, dob, phone } = person(index);
    lines.push(`d${index},${name.replace(/a/, 'e')},${dob},${phone.replaceAll(' ', '')}`);
  }
  return `${lines.join('\n')}\n`;
}
