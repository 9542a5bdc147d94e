/**
 * The agenda listing as the dashboard widget runs it (the calendars PROPFIND, then the events of
 * today and tomorrow), in process against a real Radicale, with and without the parsed-objects
 * cache (integrations/caldav/calendar-object-cache.ts), same run:
 *
 * 1. Radicale (scripts/standins/radicale.ts) with one user: the demo week around now plus
 *    BENCH_AGENDA_EVENTS (150) generated events over the same days (a third of them weekly series);
 * 2. BENCH_ROUNDS (40) rounds, each: the listing without a cache (what every widget load did before),
 *    the first listing into an empty cache (a miss: REPORT over the range ± a day, parsing), and a
 *    repeat (a hit: PROPFIND only, expansion from the parsed objects);
 * 3. medians of wall time, of this process's CPU and of Radicale's CPU per listing.
 *
 * Prints one JSON line.
 */
import { CalDavClient, CalendarObjectCache, type CalendarInfo } from "@/integrations/caldav";
import { seedDemoCalendar, startRadicale } from "@/scripts/standins/radicale";
import { cpuTimeMs, descendants } from "@/bench/support/processes";
import { median, note, printResult, round } from "@/bench/support/stats";
import { loadavg } from "node:os";

function intFromEnv(name: string, fallback: number, min: number, max: number): number {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value >= min && value <= max ? value : fallback;
}

const EVENTS = intFromEnv("BENCH_AGENDA_EVENTS", 150, 0, 5000);
const ROUNDS = intFromEnv("BENCH_ROUNDS", 40, 5, 1000);
const ACCOUNT = { login: "bench.agenda", password: "bench-pw" };
const DAY_MS = 86_400_000;

const icsUtc = (instant: Date) =>
  instant
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");

function generatedEvent(index: number, now: Date): string {
  const start = new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS + (index % 5) * DAY_MS - 2 * DAY_MS);
  start.setUTCHours(6 + (index % 11), (index % 4) * 15);
  const end = new Date(start.getTime() + 45 * 60_000);
  return [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//bench//agenda//FR",
    "BEGIN:VEVENT",
    `UID:bench-${index}@bench`,
    `DTSTAMP:${icsUtc(now)}`,
    `DTSTART:${icsUtc(start)}`,
    `DTEND:${icsUtc(end)}`,
    ...(index % 3 === 0 ? ["RRULE:FREQ=WEEKLY;COUNT=30"] : []),
    `SUMMARY:Consultation ${index}`,
    `LOCATION:Bâtiment ${index % 7}`,
    "ORGANIZER;CN=Bench:mailto:bench.agenda@demo.hopital.test",
    `ATTENDEE;CN=Patient ${index};PARTSTAT=ACCEPTED:mailto:p${index}@demo.hopital.test`,
    "END:VEVENT",
    "END:VCALENDAR",
  ].join("\r\n");
}

async function seed(url: string, now: Date): Promise<void> {
  await seedDemoCalendar(url, { ...ACCOUNT, email: "bench.agenda@demo.hopital.test" }, now);
  const auth = `Basic ${Buffer.from(`${ACCOUNT.login}:${ACCOUNT.password}`).toString("base64")}`;
  for (let index = 0; index < EVENTS; index += 1) {
    const response = await fetch(new URL(`/${ACCOUNT.login}/agenda/bench-${index}.ics`, url), {
      method: "PUT",
      headers: { authorization: auth, "content-type": "text/calendar; charset=utf-8" },
      body: generatedEvent(index, now),
    });
    if (!response.ok) throw new Error(`seeding event ${index}: ${response.status}`);
  }
}

function radicaleCpu(): number {
  return descendants(process.pid)
    .filter((child) => /radicale/i.test(child.command))
    .reduce((total, child) => total + (cpuTimeMs(child.pid) ?? 0), 0);
}

const ownCpu = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};

interface Sample {
  ms: number;
  cpuMs: number;
  radicaleMs: number;
  events: number;
}

async function measure(work: () => Promise<number>): Promise<Sample> {
  const radicale = radicaleCpu();
  const cpu = ownCpu();
  const started = performance.now();
  const events = await work();
  return {
    ms: performance.now() - started,
    cpuMs: ownCpu() - cpu,
    radicaleMs: radicaleCpu() - radicale,
    events,
  };
}

async function main(): Promise<void> {
  const radicale = await startRadicale({ users: [ACCOUNT], failedLoginDelay: 0 });
  try {
    const now = new Date();
    await seed(radicale.url, now);
    const server = { baseUrl: new URL(radicale.url), timeoutMs: 15_000 };
    const home = (await new CalDavClient(server, ACCOUNT).discover()).home;
    const from = new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS - 3_600_000);
    const to = new Date(from.getTime() + 2 * DAY_MS);
    const listing = (client: CalDavClient) => async () => {
      const calendars: CalendarInfo[] = await client.calendars(home);
      const lists = await Promise.all(calendars.map((calendar) => client.events(calendar, from, to)));
      return lists.reduce((total, list) => total + list.length, 0);
    };
    const plain = new CalDavClient(server, ACCOUNT);
    for (let warm = 0; warm < 5; warm += 1) await listing(plain)();

    const uncached: Sample[] = [];
    const first: Sample[] = [];
    const repeat: Sample[] = [];
    for (let index = 0; index < ROUNDS; index += 1) {
      uncached.push(await measure(listing(plain)));
      const cached = new CalDavClient(server, ACCOUNT, { store: new CalendarObjectCache(), identity: "bench" });
      first.push(await measure(listing(cached)));
      repeat.push(await measure(listing(cached)));
    }
    const events = new Set([...uncached, ...first, ...repeat].map((sample) => sample.events));
    if (events.size !== 1) throw new Error(`the three listings disagree on the event count: ${[...events].join(", ")}`);
    const summary = (samples: Sample[]) => ({
      ms: round(median(samples.map((sample) => sample.ms)), 2),
      cpuMs: round(median(samples.map((sample) => sample.cpuMs)), 2),
      radicaleCpuMs: round(median(samples.map((sample) => sample.radicaleMs)), 2),
    });
    const a = summary(uncached);
    const b = summary(first);
    const c = summary(repeat);
    note(`uncached ${a.ms} ms, first ${b.ms} ms, repeat ${c.ms} ms (${[...events][0]} occurrences)`);
    printResult({
      benchmark: "agenda-listing",
      objects: EVENTS,
      occurrences: [...events][0],
      rounds: ROUNDS,
      uncached: a,
      firstIntoCache: b,
      repeatFromCache: c,
      repeatVsUncachedTime: round(c.ms / a.ms, 3),
      repeatVsUncachedCpu: round(c.cpuMs / a.cpuMs, 3),
      loadAverage1m: round(loadavg()[0] ?? Number.NaN, 2),
    });
  } finally {
    await radicale.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
