/**
 * The attendance rules for schools in England: pure functions over a columnar register. No I/O and no
 * clock: the as-of date is always a parameter, and everything returned can be printed as JSON.
 *
 * The public API. Findings come from the attendance engine (`registerFindings` for one register,
 * `createAttendanceEngine` for a local authority); measures, cases and meetings, decisions (leave,
 * penalty notices, sickness returns, which code) and the source register sit beside it.
 *
 * @example
 * import { policyProfile, registerFindings } from './rules/index.ts';
 * const table = registerFindings(register, { asOf: '2025-11-20', policy: policyProfile('derby') });
 * table.countOf('penalty-threshold') // => 2
 * table.findings().map((f) => f.rule) // => ['persistent-absence', …, 'penalty-threshold', …]
 */
export * from './dates/isoDate.ts';
export * from './dates/academicYear.ts';
export * from './dates/bankHolidays.ts';
export * from './dates/compulsorySchoolAge.ts';
export * from './codes/registerCodes.ts';
export * from './codes/codeCategories.ts';
export * from './codes/parseRegisterCode.ts';
export * from './calendar/schoolCalendar.ts';
export * from './calendar/calendarFromSessions.ts';
export * from './calendar/buildSchoolCalendar.ts';
export * from './calendar/calendarLookup.ts';
export * from './calendar/deriveTerms.ts';
export * from './calendar/schoolWeekWindow.ts';
export * from './pupils/pupil.ts';
export * from './pupils/upn.ts';
export * from './register/register.ts';
export * from './register/lastMarkedSchoolDay.ts';
export * from './register/mergeRegisters.ts';
export * from './register/codeRegimeSummary.ts';
export * from './measures/attendanceCounts.ts';
export * from './measures/absenceThresholds.ts';
export * from './measures/brokenWeeks.ts';
export * from './measures/pupilMeasures.ts';
export * from './measures/cohortMeasures.ts';
export * from './measures/targetComparison.ts';
export * from './findings/citation.ts';
export * from './findings/finding.ts';
export * from './findings/evaluationContext.ts';
export * from './findings/sicknessReturn.ts';
export * from './findings/sessionEvidence.ts';
export * from './engine/registerFindings.ts';
export { createAttendanceEngine } from './engine/attendanceEngine.ts';
export type { AttendanceEngine, EngineQueryOptions, PolicyChoice } from './engine/attendanceEngine.ts';
export { FindingTable } from './engine/findingTable.ts';
export type {
  AbsenceListEntry,
  ListedPupil,
  SicknessReturnListEntry,
  ThresholdListEntry,
} from './engine/engineLists.ts';
export * from './sources/sourceRegister.ts';
export * from './policies/policyProfile.ts';
export * from './policies/definePolicyProfile.ts';
export * from './policies/national.ts';
export * from './policies/policyProfiles.ts';
export * from './decisions/leaveOfAbsence.ts';
export * from './decisions/penaltyNotice.ts';
export * from './decisions/sicknessReturnDecision.ts';
export * from './decisions/whichCode.ts';
export * from './cases/pupilCase.ts';
export * from './cases/applyCaseChange.ts';
export * from './cases/caseDue.ts';
export * from './cases/cohortComparison.ts';
export * from './cases/meetingAgenda.ts';
export * from './cases/meetingMinutes.ts';
export * from './pupils/privacyLevel.ts';
export * from './calendar/calendarBounds.ts';
export * from './dates/calendarMonth.ts';
export * from './engine/applyMarks.ts';
export * from './findings/completeFindings.ts';
export * from './findings/penaltyNextStep.ts';
export * from './findings/rollingWindowCount.ts';
export * from './measures/weeklyAttendance.ts';
export * from './decisions/penaltyHistory.ts';
export * from './decisions/partTimeTimetableDecision.ts';
export * from './partTime/partTimeTimetable.ts';
export * from './partTime/partTimeFindings.ts';
export * from './partTime/mergePartTimeTimetables.ts';
export * from './crossBorder/crossBorder.ts';
export * from './returns/localAuthorityReturn.ts';
export * from './returns/monthlyReturns.ts';
export * from './returns/returnsCsv.ts';
export * from './crossBorder/localAuthorityNumbers.ts';
