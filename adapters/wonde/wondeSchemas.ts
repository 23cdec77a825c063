import { z } from 'zod';

/*
 * The shapes of Wonde's responses, checked with zod before anything is read from them. Field names follow
 * Wonde's API documentation and its published clients (see adapters/wonde/README.md, which says which
 * shapes are documented and which were inferred). Unknown extra fields are allowed: Wonde adds fields over
 * time, and only the ones named here are used.
 */

/** Wonde writes dates as PHP DateTime objects: `{ "date": "2015-10-29 14:53:44.000000", "timezone_type": 3, "timezone": "UTC" }`. */
export const wondeDate = z.object({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}(?:[ T].*)?$/, 'a date written "YYYY-MM-DD hh:mm:ss"'),
  timezone_type: z.number().optional(),
  timezone: z.string().optional(),
});
export type WondeDate = z.infer<typeof wondeDate>;

/** The calendar date of a Wonde date object, as written (no time-zone shift: a register date is a date). */
export function wondeCalendarDate(value: WondeDate): string {
  return value.date.slice(0, 10);
}

/** `meta.pagination` on every list: the next page's full address while `more` is true. */
export const wondePagination = z.object({
  next: z.string().nullable(),
  previous: z.string().nullable().optional(),
  more: z.boolean(),
  per_page: z.number().optional(),
  current_page: z.number().optional(),
});

/** A page of a list: `{ "data": [...], "meta": { "pagination": {...} } }`. */
export function wondePage<T extends z.ZodType>(item: T) {
  return z.object({
    data: z.array(item),
    meta: z.object({ pagination: wondePagination }).optional(),
  });
}

/** One object: `{ "data": {...} }`. */
export function wondeSingle<T extends z.ZodType>(item: T) {
  return z.object({ data: item });
}

/** An include that Wonde nests as `{ "data": ... }`. */
const included = <T extends z.ZodType>(item: T) => z.object({ data: item.nullable() }).nullable().optional();

const urn = z.union([z.string().regex(/^\d{6,7}$/, 'a URN of 6 or 7 digits'), z.number().int()]).transform(String);

/** `GET schools/{id}`: the school, with the URN the bundle is keyed by. */
export const wondeSchool = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  urn: urn.nullable(),
  la_code: z.union([z.string(), z.number()]).nullable().optional(),
  establishment_number: z.union([z.string(), z.number()]).nullable().optional(),
});
export type WondeSchool = z.infer<typeof wondeSchool>;

const flag = z.union([z.boolean(), z.null()]).optional();

/**
 * `GET schools/{id}/students?include=education_details,extended_details,year`: names, date of birth, the
 * UPN (education details), the national curriculum year (education details, or the year include), and the
 * context flags the rules and cohort views use (extended details).
 */
export const wondeStudent = z.object({
  id: z.string().min(1),
  upi: z.string().nullable().optional(),
  mis_id: z.union([z.string(), z.number()]).nullable().optional(),
  forename: z.string().nullable().optional(),
  surname: z.string().nullable().optional(),
  legal_forename: z.string().nullable().optional(),
  legal_surname: z.string().nullable().optional(),
  date_of_birth: wondeDate.nullable().optional(),
  education_details: included(
    z.object({
      upn: z.string().nullable().optional(),
      current_nc_year: z.union([z.string(), z.number()]).nullable().optional(),
    }),
  ),
  extended_details: included(
    z.object({
      sen_status: z.string().nullable().optional(),
      free_school_meals: flag,
      in_lea_care: flag,
    }),
  ),
  year: included(
    z.object({
      code: z.union([z.string(), z.number()]).nullable().optional(),
      name: z.string().nullable().optional(),
    }),
  ),
});
export type WondeStudent = z.infer<typeof wondeStudent>;

/** `GET schools/{id}/attendance/session`: one session mark (the write-back record's fields, read back). */
export const wondeSessionMark = z.object({
  id: z.string().optional(),
  student: z.string().min(1),
  attendance_code: z.string().min(1),
  session: z.enum(['AM', 'PM'], { message: 'session must be AM or PM' }),
  date: wondeDate,
  minutes_late: z.number().nullable().optional(),
});
export type WondeSessionMark = z.infer<typeof wondeSessionMark>;

/** `GET attendance-codes`: Wonde's code list, which the session marks point into by id. */
export const wondeAttendanceCode = z.object({
  id: z.string().min(1),
  code: z.string().min(1),
  description: z.string().nullable().optional(),
});
export type WondeAttendanceCode = z.infer<typeof wondeAttendanceCode>;

/** An error body, when Wonde sends one. */
export const wondeErrorBody = z.object({
  error: z.union([z.string(), z.object({ message: z.string().optional() }).loose()]).optional(),
  message: z.string().optional(),
});
