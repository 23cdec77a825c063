import { describe, expect, it } from 'vitest';
import { policyProfile } from '../../rules/policies/policyProfiles.ts';
import { monthlyReturns } from '../../rules/returns/monthlyReturns.ts';
import { csvField, returnsCsv, schoolsReturnsCsv } from '../../rules/returns/returnsCsv.ts';
import { AUTUMN_2024 } from '../support/autumn2024.ts';
import { makeRegister, type FixturePupil } from '../support/registerFixture.ts';

const register = (...pupils: FixturePupil[]) => makeRegister({ calendar: AUTUMN_2024, pupils });
const owed = (reg: ReturnType<typeof register>, month: string, policy = 'national', asOf?: string) =>
  monthlyReturns(reg, { month, policy: policyProfile(policy), asOf }).returns;

describe('monthly attendance returns', () => {
  it('owe November’s return for a run of 4-15 November by a pupil back on the 18th', () => {
    const rows = owed(register({ givenName: 'Amy', spans: [['2024-11-04', '2024-11-15', 'O']] }), '2024-11');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      kind: 'attendance',
      pupilName: 'Amy Test',
      from: '2024-11-04',
      to: '2024-11-15',
      schoolDays: 10,
      returnFor: '2024-11-04',
      dueOn: '2024-11-15',
    });
    expect(rows[0].reason).toMatch(/back after Fri, 15 Nov 2024/);
    expect(rows[0].citation.where).toMatch(/10 school days/);
  });

  it('owe a run of exactly 10 school days and not one of 9', () => {
    const rows = owed(
      register(
        { givenName: 'Ten', spans: [['2024-11-04', '2024-11-15', 'N']] },
        { givenName: 'Nine', spans: [['2024-11-05', '2024-11-15', 'N']] },
      ),
      '2024-11',
    );
    expect(rows.map((r) => r.pupilName)).toEqual(['Ten Test']);
  });

  it('list a run still going at the month’s end, and again next month, saying the earlier return named it', () => {
    const reg = register({ spans: [['2024-11-18', '2024-12-20', 'G']] });
    const november = owed(reg, '2024-11');
    expect(november[0]).toMatchObject({ from: '2024-11-18', to: '2024-11-29', schoolDays: 10 });
    expect(november[0].reason).toMatch(/still absent on Fri, 29 Nov 2024/);
    const december = owed(reg, '2024-12');
    expect(december[0]).toMatchObject({ from: '2024-11-18', to: '2024-12-20', schoolDays: 25, dueOn: '2024-11-29' });
    expect(december[0].reason).toMatch(/the return for November 2024 named it too/);
  });

  it('do not owe next month a run that ended this month', () => {
    expect(owed(register({ spans: [['2024-11-04', '2024-11-15', 'O']] }), '2024-12')).toEqual([]);
  });

  it('list two runs of one pupil ending in the same month as two returns', () => {
    // 21 October - 8 November (10 school days over the half-term), in on the 11th, then 12-25 November.
    const reg = register({
      spans: [
        ['2024-10-21', '2024-11-08', 'O'],
        ['2024-11-12', '2024-11-25', 'N'],
      ],
    });
    expect(owed(reg, '2024-11').map((r) => [r.from, r.to, r.schoolDays])).toEqual([
      ['2024-10-21', '2024-11-08', 10],
      ['2024-11-12', '2024-11-25', 10],
    ]);
  });

  it('give only the returns owed so far when worked out inside the month', () => {
    const reg = register({ spans: [['2024-11-04', '2024-11-15', 'O']] });
    expect(owed(reg, '2024-11', 'national', '2024-11-14')).toEqual([]);
    expect(owed(reg, '2024-11', 'national', '2024-11-15')[0].reason).toMatch(/still absent/);
  });

  it('leave out a reception pupil under compulsory school age', () => {
    const reg = register({ dateOfBirth: '2020-06-01', yearGroup: 'R', spans: [['2024-11-04', '2024-11-15', 'O']] });
    expect(owed(reg, '2024-11')).toEqual([]);
  });
});

describe('monthly sickness returns', () => {
  // Ill 4-22 November: 15 school days, reached on Fri 22 November.
  const ill: FixturePupil = { givenName: 'Ivy', spans: [['2024-11-04', '2024-11-22', 'I']] };

  it('owe the return in the month illness reaches 15 school days, and not in the next', () => {
    const reg = register(ill);
    expect(owed(reg, '2024-11')).toEqual([
      expect.objectContaining({ kind: 'sickness', from: '2024-11-04', to: '2024-11-22', schoolDays: 15 }),
    ]);
    expect(owed(reg, '2024-12')).toEqual([]);
    expect(owed(reg, '2024-10')).toEqual([]);
  });

  it('count 15 days cumulative over spells, reached on the 15th', () => {
    const reg = register({
      spans: [
        ['2024-10-07', '2024-10-11', 'I'],
        ['2024-11-11', '2024-11-22', 'I'],
      ],
    });
    const rows = owed(reg, '2024-11');
    expect(rows[0]).toMatchObject({ from: '2024-10-07', to: '2024-11-22', schoolDays: 15, dueOn: '2024-11-22' });
    expect(rows[0].reason).toMatch(/over 2 spells/);
  });

  it('owe a new return for a later continuous illness of 15 days (national), but not under 004’s once a year', () => {
    const reg = register({
      spans: [
        ['2024-09-09', '2024-09-27', 'I'],
        ['2024-11-18', '2024-12-06', 'I'],
      ],
    });
    expect(owed(reg, '2024-09').map((r) => r.returnFor)).toEqual(['2024-09-09']);
    const december = owed(reg, '2024-12');
    expect(december).toHaveLength(1);
    expect(december[0]).toMatchObject({
      from: '2024-11-18',
      schoolDays: 15,
      dueOn: '2024-12-06',
      returnFor: '2024-11-18',
    });
    expect(owed(reg, '2024-09', 'stockport-bramhall').map((r) => r.returnFor)).toEqual(['2024/25']);
    expect(owed(reg, '2024-12', 'stockport-bramhall')).toEqual([]);
  });

  it('list attendance returns before sickness returns', () => {
    const reg = register(ill, { givenName: 'Abe', spans: [['2024-11-04', '2024-11-15', 'O']] });
    expect(owed(reg, '2024-11').map((r) => r.kind)).toEqual(['attendance', 'sickness']);
  });
});

describe('the returns file', () => {
  it('quotes fields as RFC 4180 does', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a, b')).toBe('"a, b"');
    expect(csvField('say "no"')).toBe('"say ""no"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(' padded')).toBe('" padded"');
    expect(csvField(10)).toBe('10');
  });

  it('has a header row and one CRLF-ended row per return', () => {
    const reg = register({ familyName: "O'Brien, Jr", spans: [['2024-11-04', '2024-11-15', 'O']] });
    const file = returnsCsv(reg.school, monthlyReturns(reg, { month: '2024-11', policy: policyProfile('national') }));
    const lines = file.split('\r\n');
    expect(lines[0]).toBe(
      'school_urn,school_name,month,return,upn,pupil_name,date_of_birth,year_group,from,to,school_days,reason,source,where',
    );
    expect(lines[1]).toMatch(
      /^100001,Fixture School,2024-11,attendance return,\w+,"Pupil1 O'Brien, Jr",2016-05-01,4,2024-11-04,2024-11-15,10,/,
    );
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('');
  });

  it('puts several schools in one file under one header, each row naming its school, and one school exactly as its own file', () => {
    const first = register({ spans: [['2024-11-04', '2024-11-15', 'O']] });
    const second = register({ familyName: 'Other', spans: [['2024-11-04', '2024-11-18', 'G']] });
    const policy = policyProfile('national');
    const owedFirst = monthlyReturns(first, { month: '2024-11', policy });
    const owedSecond = monthlyReturns(second, { month: '2024-11', policy });
    const secondSchool = { ...second.school, urn: '100002', name: 'Second School' };
    const both = schoolsReturnsCsv([
      { school: first.school, owed: owedFirst },
      { school: secondSchool, owed: owedSecond },
    ]);
    const own = returnsCsv(secondSchool, owedSecond);
    expect(both).toBe(returnsCsv(first.school, owedFirst) + own.slice(own.indexOf('\r\n') + 2));
    expect(both.split('\r\n').filter((l) => l.startsWith('100002,Second School,2024-11,'))).toHaveLength(1);
    expect(schoolsReturnsCsv([{ school: first.school, owed: owedFirst }])).toBe(returnsCsv(first.school, owedFirst));
  });
});
