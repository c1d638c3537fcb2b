import { describe, expect, it } from 'vitest';
import { noticeProblems, unamendable } from './content.ts';
import { distributionOf, reaches } from './distribution.ts';
import { recordQuery } from './record-query.ts';

describe('what a notice must say', () => {
  it('asks each type for what it is found by, and a narrowed distribution for whom', () => {
    expect(noticeProblems({ noticeType: 'wanted', title: 'x' })).toEqual([
      { field: 'name', message: 'a wanted notice names the person wanted' },
    ]);
    expect(noticeProblems({ noticeType: 'stolen_document', documentNumber: ['  '] }).map((p) => p.field)).toEqual([
      'documentNumber',
    ]);
    expect(noticeProblems({ noticeType: 'warning', distribution: 'groups' }).map((p) => p.field)).toEqual([
      'distributionGroups',
    ]);
    expect(noticeProblems({ noticeType: 'missing_person', name: ['Ana'], distribution: 'all_members' })).toEqual([]);
  });

  it('lets a published notice change where and when, never who is looked for; a final one not at all', () => {
    expect(unamendable('published', ['lastSeenPlace', 'expiresAt'])).toEqual([]);
    expect(unamendable('published', ['lastSeenPlace', 'name', 'distribution'])).toEqual(['name', 'distribution']);
    expect(unamendable('draft', ['name', 'status'])).toEqual(['status']);
    expect(unamendable('withdrawn', ['circumstances'])).toEqual(['circumstances']);
  });
});

describe('whom a notice reaches', () => {
  const hotel = { organisationId: 'hotel', sector: 'accommodation', groups: ['jit-1'] };
  it('reaches every member by default, and only the sectors or groups named when narrowed, and always its owner', () => {
    expect(reaches(distributionOf({}), 'police', hotel)).toBe(true);
    const airlines = distributionOf({ distribution: 'sectors', distributionSectors: ['transport'] });
    expect(reaches(airlines, 'police', hotel)).toBe(false);
    expect(reaches(airlines, 'hotel', hotel)).toBe(true);
    expect(reaches(distributionOf({ distribution: 'groups', distributionGroups: ['jit-1'] }), 'police', hotel)).toBe(
      true,
    );
    expect(reaches(distributionOf({ distribution: 'groups', distributionGroups: [] }), 'police', hotel)).toBe(false);
  });
});

describe('what of a record is screened', () => {
  it('reads people’s names, dates and documents, and the identifiers any record carries', () => {
    expect(
      recordQuery({
        type: 'Person',
        properties: {
          name: ['Ana Popescu'],
          alias: ['Ani'],
          birthDate: ['1999-04'],
          gender: 'female',
          phone: ['+40 721 000 111'],
        },
      }),
    ).toEqual({
      names: ['Ana Popescu', 'Ani'],
      birthDates: ['1999-04'],
      nationalities: [],
      documents: [],
      phones: ['+40721000111'],
      emails: [],
      gender: 'female',
    });
    expect(
      recordQuery({
        type: 'IdentityDocument',
        properties: { number: 'p 123-456', issuingCountry: 'GB', holderName: ['A B'] },
      }),
    ).toMatchObject({ names: ['A B'], documents: [{ number: 'P123456', country: 'GB' }] });
    // A phone written in an advert's text without its country code, read in the holder's country.
    const advert = { type: 'Advert', properties: { site: 'x', body: 'new in town, call 07700 900123' } };
    expect(recordQuery(advert, 'GB')).toMatchObject({ names: [], phones: ['+447700900123'] });
  });

  it('screens no organisation’s name as a person’s, and no notice or case at all', () => {
    expect(recordQuery({ type: 'Organization', properties: { name: ['Viktor Petrenko Ltd'] } })).toBeUndefined();
    expect(recordQuery({ type: 'Notice', properties: { name: ['Viktor Petrenko'] } })).toBeUndefined();
    expect(recordQuery({ type: 'Site', properties: { name: 'Harbour Inn' } })).toBeUndefined();
  });
});
