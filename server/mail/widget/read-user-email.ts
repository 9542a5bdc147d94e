/**
 * The signed-in person's e-mail address as the identity provider gave it: prefills the "connect
 * your mail account" form and is left out of "reply all".
 */
import "server-only";
import { eq } from "drizzle-orm";
import { db } from "@/server/db/client";
import { users } from "@/server/db/schema";

export async function readUserEmail(userId: string): Promise<string | null> {
  const [row] = await (await db()).select({ email: users.email }).from(users).where(eq(users.id, userId)).limit(1);
  return row?.email ?? null;
}
