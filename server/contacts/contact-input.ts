/**
 * What the contacts API accepts for a personal contact (zod): bounded sizes, no control
 * characters (a line break in a name would break the vCard line it is written to — ical.js
 * escapes it, but a name has no business holding one), valid e-mail addresses, phone numbers made
 * of digits and the usual separators. Unknown fields are refused so typos are noticed.
 */
import "server-only";
import { z } from "zod";

const noControl = (value: string) => !/[\u0000-\u001f\u007f]/.test(value);
const line = (max: number) =>
  z.string().trim().max(max, `at most ${max} characters`).refine(noControl, "must not contain control characters");
const optionalLine = (max: number) =>
  line(max)
    .optional()
    .transform((value) => (value === "" ? undefined : value));

export const ZContactFields = z.strictObject({
  name: line(200).min(1, "a name is required"),
  givenName: optionalLine(100),
  familyName: optionalLine(100),
  emails: z.array(z.email("not a valid e-mail address").max(254)).max(10, "at most 10 addresses").default([]),
  phones: z
    .array(
      z
        .string()
        .trim()
        .regex(/^\+?[0-9 ().\-/]{2,40}$/, "not a phone number (digits, spaces, + ( ) . - / only)"),
    )
    .max(10, "at most 10 numbers")
    .default([]),
  organization: optionalLine(200),
  service: optionalLine(200),
  profession: optionalLine(200),
  note: z
    .string()
    .max(2000, "at most 2000 characters")
    .refine((value) => !/[\u0000-\u0008\u000b-\u001f\u007f]/.test(value), "must not contain control characters")
    .optional()
    .transform((value) => (value?.trim() ? value.trim() : undefined)),
});

/** An ETag as the server sent it (quoted, maybe weak); sent back to detect concurrent edits. */
export const ZEtag = z
  .string()
  .min(2)
  .max(200)
  .regex(/^(W\/)?"[^"\u0000-\u001f]*"$/, "not an ETag");
