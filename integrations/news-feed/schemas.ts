/**
 * zod schemas for what fast-xml-parser makes of an RSS 2.0 or Atom document, with the parser
 * options below (attributes as `@_name`, text as `#text`, namespace prefixes removed, `item`,
 * `entry` and `link` always arrays).
 *
 * The document level is strict (a feed that is neither is an error); single items are checked one
 * by one in mappers.ts so that one odd entry does not hide the others.
 */
import "server-only";
import { z } from "zod";

/** Element text: a string, or an object when the element has attributes (`<title type="html">`). */
export const ZText = z.union([
  z.string(),
  z.object({ "#text": z.string().optional(), "@_type": z.string().optional() }),
]);

/** `<link>`: text in RSS (`<link>https://…</link>`), attributes in Atom (`<link rel href/>`). */
export const ZLink = z.union([
  z.string(),
  z.object({ "@_href": z.string().optional(), "@_rel": z.string().optional(), "#text": z.string().optional() }),
]);

export const ZRssGuid = z.union([
  z.string(),
  z.object({ "#text": z.string().optional(), "@_isPermaLink": z.string().optional() }),
]);

export const ZRssItem = z.object({
  title: ZText.optional(),
  link: z.array(ZLink).optional(),
  guid: ZRssGuid.optional(),
  pubDate: z.string().optional(),
  /** `dc:date`, which some feeds give instead of pubDate. */
  date: z.string().optional(),
});

export const ZRssDocument = z.object({
  rss: z.object({
    channel: z.object({
      title: ZText.optional(),
      item: z.array(z.unknown()).default([]),
    }),
  }),
});

export const ZAtomEntry = z.object({
  title: ZText.optional(),
  link: z.array(ZLink).optional(),
  published: z.string().optional(),
  updated: z.string().optional(),
});

export const ZAtomDocument = z.object({
  feed: z.object({
    title: ZText.optional(),
    entry: z.array(z.unknown()).default([]),
  }),
});

export type TRssItem = z.infer<typeof ZRssItem>;
export type TRssDocument = z.infer<typeof ZRssDocument>;
export type TAtomEntry = z.infer<typeof ZAtomEntry>;
export type TAtomDocument = z.infer<typeof ZAtomDocument>;
export type TFeedText = z.infer<typeof ZText>;
export type TFeedLink = z.infer<typeof ZLink>;
