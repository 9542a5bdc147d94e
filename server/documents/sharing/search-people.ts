/**
 * The people picker of the share dialog: people known to the portal (the `users` table: everyone
 * who has signed in) whose name or e-mail contains the query. At most a handful, never the caller.
 * LIKE wildcards in the query are escaped so `%` matches a percent sign, not everybody.
 */
import "server-only";
import { and, asc, ilike, ne, or } from "drizzle-orm";
import { db } from "@/server/db/client";
import { users } from "@/server/db/schema";

export const PEOPLE_SEARCH_LIMIT = 8;

export interface PersonMatch {
  userId: string;
  displayName: string;
  email: string | null;
  profession: string | null;
}

export function escapeLikePattern(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

export async function searchPeople(actorId: string, query: string): Promise<PersonMatch[]> {
  const pattern = `%${escapeLikePattern(query)}%`;
  const database = await db();
  return database
    .select({ userId: users.id, displayName: users.displayName, email: users.email, profession: users.profession })
    .from(users)
    .where(and(ne(users.id, actorId), or(ilike(users.displayName, pattern), ilike(users.email, pattern))))
    .orderBy(asc(users.displayName))
    .limit(PEOPLE_SEARCH_LIMIT);
}
