/**
 * The attendance rules for schools in England: pure functions over a columnar register. No I/O and no
 * clock: the as-of date is always a parameter, and everything returned can be printed as JSON.
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
export * from './policies/policyProfile.ts';
export * from './policies/definePolicyProfile.ts';
export * from './policies/national.ts';
export * from './policies/policyProfiles.ts';
export * from './decisions/leaveOfAbsence.ts';
export * from './decisions/penaltyNotice.ts';
