/**
 * The policy engine against the reference model: every combination of role, organisation
 * relation and type, TLP, confidentiality and clearance, subject category and purpose, then
 * 100,000 random cases. Prints its figures; any mismatch fails.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decide, ROLES, type PolicyMarking, type Subject } from '../../src/domain/policy/index.ts';
import { referenceView, type RefAsker, type RefPurpose, type RefRecord } from './policy-reference.ts';

const TLPS = [null, 'CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'] as const;
const LEVELS = ['restricted', 'confidential', 'secret'] as const;
const CATEGORIES = ['suspect', 'victim', 'witness', 'informant', 'other'] as const;
const PURPOSES = ['investigation', 'screening', 'crime_analysis', 'victim_support', 'oversight'] as const;
const ORG_TYPES = ['coordinator', 'law_enforcement', 'company', 'ngo', 'oversight'] as const;
const SECTORS = ['coordination', 'law_enforcement', 'finance', 'ngo', 'oversight', 'transport'] as const;
const SECTOR_OF = {
  coordinator: 'coordination',
  law_enforcement: 'law_enforcement',
  company: 'finance',
  ngo: 'ngo',
  oversight: 'oversight',
} as const;

interface Case {
  asker: RefAsker;
  purpose: RefPurpose;
  record: RefRecord;
}

function engineView({ asker, purpose, record }: Case): string[] | undefined {
  const subject: Subject = {
    organisationId: asker.org,
    organisationType: asker.orgType,
    sector: asker.sector as Subject['sector'],
    roles: asker.roles,
    clearance: asker.clearance,
    groups: asker.groups,
    userId: asker.user,
  };
  const marking: PolicyMarking = {
    ownerOrganisation: record.owner,
    subjectCategory: record.subjectCategory,
    purposes: record.purposes,
    tlp: record.tlp,
    confidentiality: record.confidentiality,
    sharingGroups: record.sharingGroups,
    recipients: record.recipients,
    fieldRestrictions: record.fieldRestrictions as PolicyMarking['fieldRestrictions'],
  };
  const decision = decide(subject, purpose, marking);
  return decision.visible ? [...decision.hiddenFields] : undefined;
}

function* matrix(): Generator<Case> {
  const restrictions = { iban: ['finance'], name: ['law_enforcement', 'coordination'] };
  for (const orgType of ORG_TYPES)
    for (const relation of ['owner', 'member', 'outsider'] as const)
      for (const groups of [[], ['g1', 'g2']])
        for (const tlp of TLPS)
          for (const confidentiality of LEVELS)
            for (const clearance of LEVELS)
              for (const subjectCategory of CATEGORIES)
                for (const purpose of PURPOSES)
                  for (const purposes of [[...PURPOSES], ['victim_support' as const]])
                    for (const named of [false, true])
                      for (const role of ROLES) {
                        yield {
                          asker: {
                            org: relation === 'owner' ? 'owner-org' : 'other-org',
                            orgType,
                            sector: SECTOR_OF[orgType],
                            roles: [role],
                            clearance,
                            groups: relation === 'member' ? ['g2', 'g9'] : ['g9'],
                            user: 'u1',
                          },
                          purpose,
                          record: {
                            owner: 'owner-org',
                            subjectCategory,
                            purposes,
                            tlp,
                            confidentiality,
                            sharingGroups: groups,
                            recipients: named ? ['u5', 'u1'] : ['u5'],
                            fieldRestrictions: restrictions,
                          },
                        };
                      }
}

const group = fc.constantFrom('g1', 'g2', 'g3', 'g4');
const randomCase: fc.Arbitrary<Case> = fc.record({
  asker: fc.record({
    org: fc.constantFrom('a', 'b', 'c'),
    orgType: fc.constantFrom(...ORG_TYPES),
    sector: fc.constantFrom(...SECTORS),
    roles: fc.uniqueArray(fc.constantFrom(...ROLES), { maxLength: 3 }),
    clearance: fc.constantFrom(...LEVELS),
    groups: fc.uniqueArray(group, { maxLength: 3 }),
    user: fc.constantFrom(null, 'u1', 'u2'),
  }),
  purpose: fc.constantFrom(...PURPOSES),
  record: fc.record({
    owner: fc.constantFrom('a', 'b', 'c'),
    subjectCategory: fc.constantFrom(...CATEGORIES),
    purposes: fc.uniqueArray(fc.constantFrom(...PURPOSES), { minLength: 1, maxLength: 5 }),
    tlp: fc.constantFrom(...TLPS),
    confidentiality: fc.constantFrom(...LEVELS),
    sharingGroups: fc.uniqueArray(group, { maxLength: 3 }),
    recipients: fc.uniqueArray(fc.constantFrom('u1', 'u2', 'u3'), { maxLength: 2 }),
    fieldRestrictions: fc.dictionary(
      fc.constantFrom('name', 'phone', 'iban', 'birthDate'),
      fc.uniqueArray(fc.constantFrom(...SECTORS), { minLength: 1, maxLength: 3 }),
    ),
  }),
});

function compare(cases: Iterable<Case>): { cases: number; visible: number; mismatched: number; mismatches: Case[] } {
  let count = 0;
  let visible = 0;
  let mismatched = 0;
  const mismatches: Case[] = [];
  for (const example of cases) {
    count += 1;
    const engine = engineView(example);
    const reference = referenceView(example.asker, example.purpose, example.record);
    if (engine !== undefined) visible += 1;
    if (JSON.stringify(engine) === JSON.stringify(reference)) continue;
    mismatched += 1;
    // The first few are enough to see what went wrong.
    if (mismatches.length < 5) mismatches.push(example);
  }
  return { cases: count, visible, mismatched, mismatches };
}

describe('the policy engine, against the reference model', () => {
  it('agrees on every combination of the matrix', () => {
    const result = compare(matrix());
    console.log(
      `policy matrix: ${result.cases.toLocaleString('en')} cases, ${result.visible.toLocaleString('en')} visible, ${result.mismatched} mismatches`,
    );
    expect(result.mismatches).toEqual([]);
    expect(result.mismatched).toBe(0);
    // Neither side may pass by denying or allowing everything.
    expect(result.visible).toBeGreaterThan(result.cases / 20);
    expect(result.visible).toBeLessThan(result.cases / 2);
  });

  it('agrees on 100,000 random cases', () => {
    const cases = fc.sample(randomCase, { numRuns: 100_000 });
    const result = compare(cases);
    console.log(
      `policy random: ${result.cases.toLocaleString('en')} cases, ${result.visible.toLocaleString('en')} visible, ${result.mismatched} mismatches`,
    );
    expect(result.cases).toBe(100_000);
    expect(result.mismatches).toEqual([]);
    expect(result.mismatched).toBe(0);
    expect(result.visible).toBeGreaterThan(1_000);
  });
});
