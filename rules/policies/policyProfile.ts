import { z } from 'zod';
import { SOURCE_IDS } from '../sources/sourceRegister.ts';

const citation = z.object({ source: z.string().min(1), where: z.string().min(1) });
const code = z.string().regex(/^(?:[A-Z]\d?|\/|\\|#|-)$/, 'a register code such as G, N, O or U');
const dayUnit = z.enum(['school-days', 'working-days']);

/** A step of a staged intervention process, as the profile's source describes it. */
const stage = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  trigger: z.string().min(1),
  actions: z.array(z.string().min(1)).min(1),
  reviewEveryWeeks: z.tuple([z.number().positive(), z.number().positive()]).optional(),
  citation,
});

/**
 * A policy profile: the numbers, periods and wording a rule needs, as data. `national` holds the national
 * rules; each local profile overrides only what its source document changes (see `definePolicyProfile`).
 */
export const policyProfileSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/, 'lower-case letters, digits and dashes'),
  name: z.string().min(1),
  kind: z.enum(['national', 'local-authority', 'school']),
  /**
   * The document the profile encodes, by its key in the source register (rules/sources/); "national" for
   * the national profile. A profile cites only this document and national sources.
   */
  source: z.union([z.literal('national'), z.enum(SOURCE_IDS as [string, ...string[]])]),
  /** Bumped whenever a number or wording changes, and stored with every decision made under it. */
  version: z.string().min(1),

  register: z.object({
    /** The morning register's start time, when the source gives it ("08:40"). */
    opensAt: z
      .string()
      .regex(/^\d{2}:\d{2}$/)
      .optional(),
    /** Minutes the register stays open; after that a late arrival is U, not L. At most 30 nationally. */
    closesAfterMinutes: z.number().int().positive().max(30),
    citation,
  }),

  absence: z.object({
    persistentPercent: z.number().positive().max(100),
    severePercent: z.number().positive().max(100),
    /** At-risk band: absence from this percentage up to (not including) the persistent threshold. */
    atRiskFromPercent: z.number().positive().max(100),
    citation,
    atRiskCitation: citation,
  }),

  penaltyThreshold: z.object({
    sessions: z.number().int().positive(),
    schoolWeeks: z.number().int().positive(),
    codes: z.array(code).min(1),
    citation,
  }),

  penaltyNotice: z.object({
    firstAmount: z.number().positive(),
    firstReducedAmount: z.number().positive(),
    reducedWithinDays: z.number().int().positive(),
    payWithinDays: z.number().int().positive(),
    secondAmount: z.number().positive(),
    /** Notices to one parent for one child within the rolling period; none after that. */
    maxNoticesInPeriod: z.number().int().positive(),
    periodYears: z.number().int().positive(),
    /** Notices issued before this date never count toward the limit. */
    countsNoticesFrom: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    citation,
  }),

  noticeToImprove: z.object({
    /** Improvement period, as the source states it. */
    period: z.discriminatedUnion('unit', [
      z.object({ unit: z.literal('weeks'), min: z.number().positive(), max: z.number().positive() }),
      z.object({ unit: z.literal('school-days'), min: z.number().positive(), max: z.number().positive() }),
    ]),
    /** Unauthorised sessions allowed during the period before a penalty follows; undefined when case by case. */
    unauthorisedSessionsAllowed: z.number().int().nonnegative().optional(),
    /** Must contain, per the source. */
    mustInclude: z.array(z.string().min(1)),
    citation,
  }),

  unexplainedAbsence: z.object({
    /** Contact parents on the first day of unexplained absence. */
    firstDayContact: z.string().min(1),
    /** The consecutive school day of unexplained absence on which a home visit / safe-and-well check is due. */
    homeVisitOnDay: z.number().int().positive(),
    homeVisitStep: z.string().min(1),
    socialWorkerStep: z.string().min(1),
    /** N must be replaced within this many days of its session, else the register is wrong. */
    correctNWithin: z.object({ days: z.number().int().positive(), unit: dayUnit }),
    citation,
    homeVisitCitation: citation,
    socialWorkerCitation: citation,
    correctNCitation: citation,
  }),

  sicknessReturn: z.object({
    days: z.number().positive(),
    /** How an I session counts: half a day (default), or a whole day whenever any session that day is I. */
    sessionCounts: z.enum(['half-day', 'whole-day']),
    /** Once per continuous illness episode (national) or once per pupil per school year (004). */
    once: z.enum(['per-episode', 'per-school-year']),
    nextStep: z.string().min(1),
    citation,
  }),

  continuousAbsence: z.object({
    days: z.number().int().positive(),
    codes: z.array(code).min(1),
    nextStep: z.string().min(1),
    citation,
  }),

  deletionGround: z.object({
    days: z.number().int().positive(),
    codes: z.array(code).min(1),
    citation,
  }),

  lateness: z.object({
    codes: z.array(code).min(1),
    /** Persistent lateness: at least this many late sessions in the last `schoolWeeks` school weeks. */
    sessions: z.number().int().positive(),
    schoolWeeks: z.number().int().positive(),
    nextStep: z.string().min(1),
    citation,
  }),

  brokenWeeks: z.object({
    /** Flag when broken weeks are at least this share of school weeks so far, once `minimumWeeks` have passed. */
    concernRatio: z.number().positive().max(1),
    minimumBrokenWeeks: z.number().int().positive(),
    nextStep: z.string().min(1),
    citation,
  }),

  leave: z.object({
    /** School days' notice the application should give; undefined when the source says only "in advance". */
    noticeSchoolDays: z.number().int().positive().optional(),
    /** The notice period applies only to leave of at least this many sessions (001: "a whole day or longer"). */
    noticeAppliesFromSessions: z.number().int().positive().optional(),
    /** Leave of this many sessions or more is never granted; undefined when no cap. */
    refuseFromSessions: z.number().int().positive().optional(),
    /** Term-time holidays are refused outright (004). */
    refuseHolidays: z.boolean(),
    /** Days taken without consent from which a penalty is requested without a warning first (004: 5). */
    penaltyWithoutWarningFromDays: z.number().int().positive().optional(),
    /** What happens then, in the source's words (004: the council sends the fine without a warning). */
    penaltyWithoutWarningStep: z.string().min(1).optional(),
    citation,
  }),

  stages: z.array(stage),
  /** Targets the source sets for the area (003), as percentages; compared with cohort measures by `compareWithTargets`. */
  targets: z
    .object({
      year: z.string(),
      attendancePercent: z.number().optional(),
      primaryAttendancePercent: z.number().optional(),
      secondaryAttendancePercent: z.number().optional(),
      persistentAbsencePercent: z.number().optional(),
      primaryPersistentAbsencePercent: z.number().optional(),
      secondaryPersistentAbsencePercent: z.number().optional(),
      fsmPersistentAbsencePercent: z.number().optional(),
      citation,
    })
    .optional(),
  /**
   * Temporary part-time timetables (reg 11(6) leave, code C2): where each expectation comes from, and how
   * far ahead a review shows as due. Which paragraph says what differs between the national guidance and
   * a local policy that restates it.
   */
  partTimeTimetables: z.object({
    reviewDueWithinDays: z.number().int().nonnegative(),
    agreementCitation: citation,
    reviewCitation: citation,
    endDateCitation: citation,
    socialWorkerCitation: citation,
    ehcpCitation: citation,
    recordingCitation: citation,
  }),
  /** Which authority acts for a pupil who lives in one local authority and goes to school in another. */
  crossBorder: z.object({
    citation,
    enquiriesCitation: citation,
  }),
  /** Who hears of what, in the source's words, for alert routing. */
  notify: z.object({
    sicknessReturn: z.string().min(1),
    continuousAbsence: z.string().min(1),
    unexplainedWithSocialWorker: z.string().min(1),
  }),
});

export type PolicyProfile = z.infer<typeof policyProfileSchema>;
