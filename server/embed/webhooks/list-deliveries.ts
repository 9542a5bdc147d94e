/**
 * The delivery log a vendor reads (GET /api/embed/v1/webhooks/deliveries): its own deliveries,
 * newest first, each with every attempt (time, HTTP status, duration, short error code).
 */
import "server-only";
import { and, asc, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { z } from "zod";
import { db } from "@/server/db/client";
import { embedWebhookAttempts, embedWebhookDeliveries } from "@/server/embed/schema";
import type { ZDeliveryList, ZListDeliveriesQuery } from "@/server/embed/api/schemas";
import { decodeCursor, encodeCursor } from "@/server/embed/api/page-cursor";

export async function listDeliveries(
  clientId: string,
  filter: z.output<typeof ZListDeliveriesQuery>,
): Promise<z.output<typeof ZDeliveryList>> {
  const conditions: SQL[] = [eq(embedWebhookDeliveries.clientId, clientId)];
  if (filter.sessionId !== undefined) conditions.push(eq(embedWebhookDeliveries.sessionId, filter.sessionId));
  if (filter.status !== undefined) conditions.push(eq(embedWebhookDeliveries.status, filter.status));
  if (filter.cursor !== undefined) {
    const key = decodeCursor(filter.cursor);
    conditions.push(
      sql`(${embedWebhookDeliveries.createdAt}, ${embedWebhookDeliveries.id}) < (${key.createdAt.toISOString()}::timestamptz, ${key.id}::uuid)`,
    );
  }
  const database = await db();
  const rows = await database
    .select()
    .from(embedWebhookDeliveries)
    .where(and(...conditions))
    .orderBy(desc(embedWebhookDeliveries.createdAt), desc(embedWebhookDeliveries.id))
    .limit(filter.limit + 1);
  const page = rows.slice(0, filter.limit);
  const attempts =
    page.length === 0
      ? []
      : await database
          .select()
          .from(embedWebhookAttempts)
          .where(
            inArray(
              embedWebhookAttempts.deliveryId,
              page.map((row) => row.id),
            ),
          )
          .orderBy(asc(embedWebhookAttempts.attempt));
  const last = page[page.length - 1];
  return {
    deliveries: page.map((row) => ({
      id: row.id,
      type: row.type,
      sessionId: row.sessionId,
      status: row.status,
      attempts: attempts
        .filter((attempt) => attempt.deliveryId === row.id)
        .map((attempt) => ({
          attempt: attempt.attempt,
          at: attempt.at.toISOString(),
          httpStatus: attempt.httpStatus,
          durationMs: attempt.durationMs,
          error: attempt.error,
        })),
      nextAttemptAt: row.status === "pending" ? row.nextAttemptAt.toISOString() : null,
      createdAt: row.createdAt.toISOString(),
      completedAt: row.completedAt?.toISOString() ?? null,
    })),
    nextCursor: rows.length > filter.limit && last ? encodeCursor({ createdAt: last.createdAt, id: last.id }) : null,
  };
}
