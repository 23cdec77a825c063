import { checkUpn } from '../../../rules/index.ts';
import { parseDateField, parseYearGroupField } from '../fieldParsers.ts';
import { type PupilDetails, type RowProblem } from '../../import/sourceRows.ts';

/** A parsed XML element: text for a leaf, an object of children otherwise. */
export type XmlNode = string | { [child: string]: XmlNode | XmlNode[] | undefined };

export function child(node: XmlNode | undefined, name: string): XmlNode | undefined {
  if (node === undefined || typeof node === 'string') return undefined;
  const value = node[name];
  return Array.isArray(value) ? value[0] : value;
}

export function children(node: XmlNode | undefined, name: string): XmlNode[] {
  if (node === undefined || typeof node === 'string') return [];
  const value = node[name];
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

export function textOf(node: XmlNode | undefined): string {
  return typeof node === 'string' ? node.trim() : '';
}

const SEN_PROVISION: Record<string, PupilDetails['sen']> = {
  N: 'none',
  K: 'support',
  E: 'ehcp',
  S: 'ehcp',
  A: 'support',
  P: 'support',
};

/**
 * The pupil fields an attendance tool needs from a CTF `Pupil`: UPN, names, DOB, NC year, the latest SEN
 * provision, FSM eligibility on the file's own date (an instance with no end, or ending on or after it),
 * and looked-after status. Problems name the CTF element.
 */
export function ctfPupilDetails(pupil: XmlNode, fileDate: string | undefined, problems: RowProblem[]): PupilDetails {
  const details: PupilDetails = {};
  const upn = textOf(child(pupil, 'UPN')).toUpperCase();
  if (!upn)
    problems.push({
      field: 'UPN',
      message: 'empty: every pupil in a CTF needs a UPN (a temporary one if the permanent UPN is not known)',
    });
  else {
    const check = checkUpn(upn);
    if (check.ok) details.upn = upn;
    else problems.push({ field: 'UPN', message: check.problem });
  }
  const basic = child(pupil, 'BasicDetails');
  const surname = textOf(child(pupil, 'Surname'));
  const forename = textOf(child(pupil, 'Forename'));
  if (surname) details.familyName = surname;
  if (forename) details.givenName = forename;
  const dob = textOf(child(pupil, 'DOB'));
  if (dob) {
    const parsed = parseDateField(dob);
    if (parsed.ok) details.dateOfBirth = parsed.value;
    else problems.push({ field: 'DOB', message: parsed.problem });
  }
  const year = textOf(child(basic, 'NCyearActual'));
  if (year) {
    const parsed = parseYearGroupField(year);
    if (parsed.ok) details.yearGroup = parsed.value;
    else problems.push({ field: 'NCyearActual', message: parsed.problem });
  }
  const sen = children(child(pupil, 'SENhistory'), 'SEN')
    .map((s) => ({ start: textOf(child(s, 'StartDate')), provision: textOf(child(s, 'SENprovision')).toUpperCase() }))
    .sort((a, b) => (a.start < b.start ? -1 : 1))
    .pop();
  if (sen?.provision) {
    if (SEN_PROVISION[sen.provision]) details.sen = SEN_PROVISION[sen.provision];
    else
      problems.push({
        field: 'SENprovision',
        message: `${JSON.stringify(sen.provision)} is not an SEN provision (N, K for SEN support, E for an EHC plan)`,
      });
  }
  const fsm = child(pupil, 'FSMhistory');
  if (fsm !== undefined) {
    const instances = children(fsm, 'FSMinstance');
    details.fsm = instances.some((i) => {
      const end = textOf(child(i, 'FSMendDate'));
      return end === '' || fileDate === undefined || end >= fileDate;
    });
  }
  const inCare = textOf(child(child(pupil, 'LookedAfter'), 'InCare')).toLowerCase();
  if (inCare === 'true' || inCare === '1') details.lookedAfter = true;
  else if (inCare === 'false' || inCare === '0') details.lookedAfter = false;
  return details;
}
