/**
 * CalDAV (RFC 4791) for the agenda: the public surface the portal's server code uses. BlueMind in
 * production, Radicale in tests and the demo; any compliant server works.
 */
export { CalDavClient, type CalDavCacheBinding, type StoredEvent } from "@/integrations/caldav/caldav-client";
export { CalendarObjectCache, calendarObjectCache } from "@/integrations/caldav/calendar-object-cache";
export type { CalDavCredentials, CalDavServer } from "@/integrations/caldav/caldav-transport";
export type { CalDavHome } from "@/integrations/caldav/discovery";
export { InvalidEventInputError } from "@/integrations/caldav/ics-write";
export { DEFAULT_TIME_ZONE, WRITABLE_TIME_ZONES } from "@/integrations/caldav/time-zones";
export * from "@/integrations/caldav/types";
