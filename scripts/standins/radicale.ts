/**
 * Radicale, the CalDAV/CardDAV stand-in for BlueMind's DAV side, as the tests and `npm run demo`
 * both start it: Debian's `/usr/bin/radicale` (never `python3 -m radicale`: pyenv's python on PATH
 * has no radicale module, STANDINS.md §4) from a generated config in its own folder, listening on
 * 127.0.0.1 on a free port, with plain htpasswd users, `owner_only` rights (each user sees only
 * /<login>/, like a real groupware) and filesystem storage.
 *
 * `seedDemoCalendar` gives a demo account a calendar "Agenda" with a realistic hospital week around
 * `now` (staff meeting, consultation, night on-call, a recurring morning handover, an all-day
 * training, an invitation waiting for an answer). Event UIDs derive from the date, so seeding again
 * the same day replaces instead of duplicating.
 *
 * It runs in Vitest (where `server-only` is the empty module) and under `tsx --conditions=react-server`
 * (npm run demo, npm run bench), so it may take the portal's own VTIMEZONE definition
 * (integrations/caldav/time-zones.ts) rather than a copy that could drift from what the portal writes.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { DEFAULT_TIME_ZONE, vtimezoneFor } from "@/integrations/caldav/time-zones";
import { freePort, isRunning } from "@/test/services/process-probes";

export const RADICALE_BIN = "/usr/bin/radicale";

export interface RadicaleUser {
  login: string;
  password: string;
}

export interface RunningRadicale {
  /** http://127.0.0.1:PORT/ — the CalDAV/CardDAV root (/.well-known/caldav redirects here). */
  url: string;
  users: RadicaleUser[];
  /** The folder holding config, users and collections. */
  dir: string;
  stop(): Promise<void>;
}

export class RadicaleNotInstalledError extends Error {
  override name = "RadicaleNotInstalledError";
}

export interface StartRadicaleOptions {
  users: RadicaleUser[];
  /** Keep collections here (the demo keeps them across restarts); a temporary folder otherwise, removed on stop. */
  dir?: string;
  /** Seconds Radicale waits before answering a failed login (Radicale's own brute-force delay); 1 by default. */
  failedLoginDelay?: number;
}

const LOGIN_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,127}$/;

function radicaleConfig(dir: string, port: number, failedLoginDelay: number): string {
  return [
    "[server]",
    `hosts = 127.0.0.1:${port}`,
    "max_connections = 64",
    "timeout = 30",
    "[encoding]",
    "request = utf-8",
    "stock = utf-8",
    "[auth]",
    "type = htpasswd",
    `htpasswd_filename = ${path.join(dir, "users")}`,
    "htpasswd_encryption = plain",
    `delay = ${failedLoginDelay}`,
    "[rights]",
    "type = owner_only",
    "[storage]",
    `filesystem_folder = ${path.join(dir, "collections")}`,
    "[web]",
    "type = none",
    "[logging]",
    // Warnings only: Radicale's info level logs request paths, which name events.
    "level = warning",
    "mask_passwords = True",
    "",
  ].join("\n");
}

async function waitUntilAnswering(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`[radicale] exited with code ${child.exitCode} while starting`);
    try {
      const response = await fetch(url, { method: "OPTIONS", signal: AbortSignal.timeout(1000) });
      await response.body?.cancel();
      return;
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, 40));
    }
  }
  throw new Error(`[radicale] not answering on ${url} after ${timeoutMs} ms`, { cause: lastError });
}

/** Starts a private Radicale with these users (login + password); every user starts with no collection. */
export async function startRadicale(options: StartRadicaleOptions): Promise<RunningRadicale> {
  if (!existsSync(RADICALE_BIN)) {
    throw new RadicaleNotInstalledError(
      "Radicale is not installed. Install it with: apt-get install -y --no-install-recommends radicale",
    );
  }
  for (const user of options.users) {
    if (!LOGIN_PATTERN.test(user.login)) throw new Error(`[radicale] unsupported login: ${user.login}`);
    if (/[:\r\n]/.test(user.password) || user.password === "") {
      throw new Error(`[radicale] unsupported password for ${user.login} (empty, or a colon or line break)`);
    }
  }
  const ownsDir = options.dir === undefined;
  const dir = options.dir ?? (await mkdtemp(path.join(tmpdir(), "portal-radicale-")));
  await mkdir(path.join(dir, "collections"), { recursive: true });
  await writeFile(path.join(dir, "users"), options.users.map((u) => `${u.login}:${u.password}\n`).join(""), {
    mode: 0o600,
  });
  const port = await freePort();
  const configFile = path.join(dir, "config");
  await writeFile(configFile, radicaleConfig(dir, port, options.failedLoginDelay ?? 1), { mode: 0o600 });

  const child = spawn(RADICALE_BIN, ["--config", configFile], {
    stdio: ["ignore", "ignore", "pipe"],
    env: { ...process.env, PYTHONDONTWRITEBYTECODE: "1" },
  });
  let stderrTail = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderrTail = (stderrTail + chunk.toString("utf8")).slice(-2000);
  });
  const onExit = () => child.kill("SIGKILL");
  process.once("exit", onExit);

  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    process.off("exit", onExit);
    const pid = child.pid;
    if (pid !== undefined && child.exitCode === null) {
      child.kill("SIGTERM");
      const deadline = Date.now() + 5000;
      while (Date.now() < deadline && isRunning(pid)) await new Promise((resolve) => setTimeout(resolve, 30));
      if (isRunning(pid)) child.kill("SIGKILL");
    }
    if (ownsDir) await rm(dir, { recursive: true, force: true });
  };

  const url = `http://127.0.0.1:${port}/`;
  try {
    await waitUntilAnswering(url, child, 15_000);
  } catch (error) {
    await stop();
    throw new Error(
      `${(error as Error).message}${stderrTail ? `: ${stderrTail.trim().split("\n").slice(-3).join(" | ")}` : ""}`,
      {
        cause: error,
      },
    );
  }
  return { url, users: options.users, dir, stop };
}

// ---------------------------------------------------------------------------------------------
// Demo calendar
// ---------------------------------------------------------------------------------------------

export interface DemoCalendarAccount extends RadicaleUser {
  /** The account's mail address, written as an ATTENDEE/ORGANIZER (defaults to login@demo.hopital.test). */
  email?: string;
  /** Display name (CN) for ORGANIZER/ATTENDEE. */
  name?: string;
}

const PARIS = DEFAULT_TIME_ZONE;

/** The VTIMEZONE every TZID=Europe/Paris event carries: the portal's own definition, the one it writes beside its events. */
const PARIS_VTIMEZONE = vtimezoneFor(PARIS).toString().split("\r\n");

interface CivilDate {
  year: number;
  month: number; // 1-12
  day: number;
}

function parisDateOf(instant: Date): CivilDate {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone: PARIS, year: "numeric", month: "2-digit", day: "2-digit" })
    .formatToParts(instant)
    .reduce<Record<string, string>>((acc, part) => ({ ...acc, [part.type]: part.value }), {});
  return { year: Number(parts.year), month: Number(parts.month), day: Number(parts.day) };
}

function addDays(date: CivilDate, days: number): CivilDate {
  const utc = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: utc.getUTCFullYear(), month: utc.getUTCMonth() + 1, day: utc.getUTCDate() };
}

/** 0 = Monday … 6 = Sunday. */
function weekdayIndex(date: CivilDate): number {
  return (new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay() + 6) % 7;
}

const pad = (value: number, width = 2) => String(value).padStart(width, "0");
const icsDate = (date: CivilDate) => `${pad(date.year, 4)}${pad(date.month)}${pad(date.day)}`;
const icsLocal = (date: CivilDate, hour: number, minute = 0) => `${icsDate(date)}T${pad(hour)}${pad(minute)}00`;
const icsUtc = (instant: Date) =>
  instant
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");

/** RFC 5545 §3.3.11 TEXT escaping. */
const icsText = (value: string) => value.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\n/g, "\\n");

interface SeedEvent {
  key: string;
  summary: string;
  location?: string;
  description?: string;
  /** Timed (Paris wall time) or all-day. */
  start: { date: CivilDate; hour?: number; minute?: number };
  end: { date: CivilDate; hour?: number; minute?: number };
  rrule?: string;
  organizer?: { email: string; name: string };
  attendees?: Array<{ email: string; name: string; partstat: string; role?: string }>;
}

function eventIcs(event: SeedEvent, uid: string, stamp: Date): string {
  const allDay = event.start.hour === undefined;
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Hospital workspace portal//demo seed//FR",
    "CALSCALE:GREGORIAN",
    ...(allDay ? [] : PARIS_VTIMEZONE),
    "BEGIN:VEVENT",
    `UID:${uid}`,
    `DTSTAMP:${icsUtc(stamp)}`,
    allDay
      ? `DTSTART;VALUE=DATE:${icsDate(event.start.date)}`
      : `DTSTART;TZID=${PARIS}:${icsLocal(event.start.date, event.start.hour ?? 0, event.start.minute)}`,
    allDay
      ? `DTEND;VALUE=DATE:${icsDate(event.end.date)}`
      : `DTEND;TZID=${PARIS}:${icsLocal(event.end.date, event.end.hour ?? 0, event.end.minute)}`,
    `SUMMARY:${icsText(event.summary)}`,
    ...(event.location ? [`LOCATION:${icsText(event.location)}`] : []),
    ...(event.description ? [`DESCRIPTION:${icsText(event.description)}`] : []),
    ...(event.rrule ? [`RRULE:${event.rrule}`] : []),
    ...(event.organizer ? [`ORGANIZER;CN="${event.organizer.name}":mailto:${event.organizer.email}`] : []),
    ...(event.attendees ?? []).map(
      (a) => `ATTENDEE;CN="${a.name}";ROLE=${a.role ?? "REQ-PARTICIPANT"};PARTSTAT=${a.partstat}:mailto:${a.email}`,
    ),
    "END:VEVENT",
    "END:VCALENDAR",
    "",
  ];
  return lines.join("\r\n");
}

function demoWeek(account: Required<Pick<DemoCalendarAccount, "email" | "name">>, now: Date): SeedEvent[] {
  const today = parisDateOf(now);
  const tomorrow = addDays(today, 1);
  const monday = addDays(today, -weekdayIndex(today));
  const me = { email: account.email, name: account.name };
  const helene = { email: "helene.leroux@demo.hopital.test", name: "Hélène Leroux" };
  const benedicte = { email: "benedicte.faure@demo.hopital.test", name: "Bénédicte Fauré" };
  return [
    {
      key: "handover",
      summary: "Transmissions du matin",
      location: "Poste de soins, 3e étage",
      start: { date: monday, hour: 8, minute: 0 },
      end: { date: monday, hour: 8, minute: 30 },
      rrule: "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;COUNT=20",
    },
    {
      key: "staff",
      summary: "Staff de service",
      location: "Salle de réunion 3B",
      description: "Revue des entrées de la semaine, planning des gardes.",
      start: { date: today, hour: 10 },
      end: { date: today, hour: 11 },
      organizer: me,
      attendees: [
        { ...me, partstat: "ACCEPTED", role: "CHAIR" },
        { ...benedicte, partstat: "ACCEPTED" },
        { ...helene, partstat: "TENTATIVE" },
      ],
    },
    {
      key: "consultation",
      summary: "Consultation de suivi",
      location: "Consultations externes, box 2",
      start: { date: today, hour: 14 },
      end: { date: today, hour: 14, minute: 30 },
    },
    {
      key: "quality",
      summary: "Réunion qualité : dossier patient informatisé",
      location: "Salle du conseil",
      start: { date: tomorrow, hour: 11 },
      end: { date: tomorrow, hour: 12 },
      organizer: helene,
      attendees: [
        { ...helene, partstat: "ACCEPTED", role: "CHAIR" },
        { ...me, partstat: "NEEDS-ACTION" },
      ],
    },
    {
      key: "oncall",
      summary: "Garde de nuit : Urgences",
      location: "Urgences adultes",
      start: { date: tomorrow, hour: 18 },
      end: { date: addDays(tomorrow, 1), hour: 8 },
    },
    {
      key: "training",
      summary: "Formation hygiène des mains",
      location: "Institut de formation, amphithéâtre",
      start: { date: addDays(today, 2) },
      end: { date: addDays(today, 3) },
    },
  ];
}

async function dav(
  url: string,
  method: string,
  auth: string,
  body?: string,
  headers: Record<string, string> = {},
): Promise<number> {
  const response = await fetch(url, {
    method,
    body,
    headers: { Authorization: auth, ...headers },
    signal: AbortSignal.timeout(10_000),
  });
  await response.body?.cancel();
  return response.status;
}

/**
 * Creates the account's calendar "Agenda" (/<login>/agenda/, if missing) and puts the demo week in
 * it. Returns the calendar's URL.
 */
export async function seedDemoCalendar(
  url: string,
  account: DemoCalendarAccount,
  now: Date = new Date(),
): Promise<string> {
  const auth = `Basic ${Buffer.from(`${account.login}:${account.password}`).toString("base64")}`;
  const calendarUrl = new URL(`${encodeURIComponent(account.login)}/agenda/`, url).toString();
  const existing = await dav(calendarUrl, "PROPFIND", auth, undefined, { Depth: "0" });
  if (existing === 404) {
    const status = await dav(
      calendarUrl,
      "MKCALENDAR",
      auth,
      `<?xml version="1.0" encoding="utf-8"?>
<C:mkcalendar xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav" xmlns:I="http://apple.com/ns/ical/">
  <D:set><D:prop>
    <D:displayname>Agenda</D:displayname>
    <I:calendar-color>#1d4ed8</I:calendar-color>
    <C:supported-calendar-component-set><C:comp name="VEVENT"/></C:supported-calendar-component-set>
  </D:prop></D:set>
</C:mkcalendar>`,
      { "Content-Type": "application/xml; charset=utf-8" },
    );
    if (status !== 201) throw new Error(`[radicale] MKCALENDAR ${calendarUrl} answered ${status}`);
  } else if (existing !== 207) {
    throw new Error(`[radicale] PROPFIND ${calendarUrl} answered ${existing}`);
  }
  const email = account.email ?? `${account.login}@demo.hopital.test`;
  const name = account.name ?? account.login;
  const today = icsDate(parisDateOf(now));
  for (const event of demoWeek({ email, name }, now)) {
    const uid = `demo-${event.key}-${today}@demo.hopital.test`;
    const status = await dav(new URL(`${uid}.ics`, calendarUrl).toString(), "PUT", auth, eventIcs(event, uid, now), {
      "Content-Type": "text/calendar; charset=utf-8",
    });
    if (status !== 201 && status !== 204) throw new Error(`[radicale] PUT demo event ${event.key} answered ${status}`);
  }
  return calendarUrl;
}
