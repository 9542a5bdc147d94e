/**
 * `npm run demo` only: connects each demo account's groupware (mail, agenda, contacts stand-ins)
 * as soon as that person exists in the portal, so a demo user lands on a working /mail without
 * typing a password the demo already knows.
 *
 * Why this shape: a person's row is created by their first sign-in (server/auth/identity-linking),
 * which the demo process cannot drive, and the embedded database belongs to the portal process
 * alone. So the portal process itself, when DEMO_GROUPWARE_SEED names the demo's accounts file,
 * looks every second for demo people who have signed in and hold no groupware login yet, and
 * stores theirs through `saveStoredLogin` (sealed exactly as the connect route does). It stops once
 * every listed account is connected, and connects each person at most once per start, so someone
 * who disconnects their account stays disconnected. Creating users ahead of sign-in would change
 * how identities get linked (e.g. a first Pro Santé Connect sign-in), which this avoids.
 */
import "server-only";
import { readFile } from "node:fs/promises";
import { and, inArray, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/server/db/client";
import { groupwareCredentials, users } from "@/server/db/schema";
import { saveStoredLogin } from "@/server/groupware/credentials";
import { logger } from "@/server/log";

export const ZDemoGroupwareAccounts = z
  .array(
    z.object({
      /** The portal account's e-mail address (as the identity provider asserts it). */
      email: z.email(),
      /** Login and password on the groupware stand-ins. */
      login: z.string().min(1).max(320),
      password: z.string().min(1).max(1024),
    }),
  )
  .max(100);

export type TDemoGroupwareAccounts = z.infer<typeof ZDemoGroupwareAccounts>;

export async function readDemoGroupwareAccounts(file: string): Promise<TDemoGroupwareAccounts> {
  return ZDemoGroupwareAccounts.parse(JSON.parse(await readFile(file, "utf8")));
}

/**
 * One pass: stores the groupware login of every listed person who exists and has none yet, except
 * those in `done`. Returns the e-mail addresses connected in this pass (also added to `done`).
 */
export async function seedDemoGroupwareOnce(accounts: TDemoGroupwareAccounts, done: Set<string>): Promise<string[]> {
  const pending = accounts.filter((account) => !done.has(account.email.toLowerCase()));
  if (pending.length === 0) return [];
  const database = await db();
  const emails = pending.map((account) => account.email.toLowerCase());
  const rows = await database
    .select({ id: users.id, email: users.email })
    .from(users)
    .leftJoin(groupwareCredentials, sql`${groupwareCredentials.userId} = ${users.id}`)
    .where(and(inArray(sql`lower(${users.email})`, emails), isNull(groupwareCredentials.userId)));
  const connected: string[] = [];
  for (const row of rows) {
    const email = row.email?.toLowerCase();
    const account = pending.find((candidate) => candidate.email.toLowerCase() === email);
    if (!account || !email) continue;
    await saveStoredLogin(row.id, account.login, account.password);
    done.add(email);
    connected.push(email);
  }
  return connected;
}

/** Runs the seeding every `intervalMs` until every account is done; returns the stop function. */
export function startDemoGroupwareSeed(accounts: TDemoGroupwareAccounts, intervalMs = 1000): () => void {
  const done = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const tick = async () => {
    try {
      const connected = await seedDemoGroupwareOnce(accounts, done);
      if (connected.length > 0) logger.info({ count: connected.length }, "demo groupware accounts connected");
    } catch (error: unknown) {
      logger.warn({ err: error }, "demo groupware seeding failed; retrying");
    }
    if (!stopped && done.size < accounts.length) timer = setTimeout(() => void tick(), intervalMs);
  };
  void tick();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}
