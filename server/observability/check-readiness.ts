/**
 * GET /api/ready's answer: the database and each enabled module's backend, checked in parallel,
 * each under its own deadline, so a hung backend costs at most READY_CHECK_TIMEOUT_MS and never
 * hides the others.
 *
 * The process is ready when its database answers: without it nothing works (503, the load
 * balancer takes the process out). A module backend that is down only makes it "degraded" (200):
 * the portal still serves everything else, and taking every process out of the pool for one
 * broken news feed would turn a small outage into a full one. Reasons are short codes
 * (describe-failure.ts): no hostname, URL or stack ever reaches this public answer.
 */
import "server-only";
import type { TEnv } from "@/server/env";
import { getDatabase } from "@/server/db/client";
import { getPortalServerState } from "@/server/http/portal-server-state";
import { describeFailure, sanitizeReason } from "@/server/modules/describe-failure";
import { runWithDeadline } from "@/server/modules/run-with-deadline";
import type { HealthResult, HealthState, PortalModule } from "@/server/modules/types";

export type ReadinessStatus = "ready" | "degraded" | "unavailable";

export interface ComponentReadiness {
  state: HealthState;
  /** Time the check took, when it answered. */
  latencyMs?: number;
  reason?: string;
}

export interface ReadinessReport {
  status: ReadinessStatus;
  modules: Record<string, ComponentReadiness>;
}

export interface CheckReadinessOptions {
  config: TEnv;
  /** The enabled modules; those without a health check are not listed. */
  modules: readonly PortalModule[];
  /** Defaults to the process database's ping. */
  pingDatabase?: () => Promise<void>;
  timeoutMs?: number;
}

async function pingProcessDatabase(): Promise<void> {
  await (await getDatabase()).ping();
}

async function runCheck(
  task: (signal: AbortSignal) => Promise<HealthResult>,
  timeoutMs: number,
): Promise<ComponentReadiness> {
  const outcome = await runWithDeadline(task, timeoutMs);
  if (outcome.state === "timeout") return { state: "down", reason: "timeout" };
  if (outcome.state === "error") return { state: "down", reason: describeFailure(outcome.error) };
  const { state, reason } = outcome.value;
  if (state === "up") return { state, latencyMs: outcome.durationMs };
  return { state, reason: sanitizeReason(reason) ?? "unavailable" };
}

export async function checkReadiness(
  options: CheckReadinessOptions,
): Promise<{ httpStatus: 200 | 503; report: ReadinessReport }> {
  const { config, modules } = options;
  const timeoutMs = options.timeoutMs ?? config.READY_CHECK_TIMEOUT_MS;
  const ping = options.pingDatabase ?? pingProcessDatabase;

  const checks: Array<[string, (signal: AbortSignal) => Promise<HealthResult>]> = [
    ["database", async () => (await ping(), { state: "up" })],
  ];
  for (const portalModule of modules) {
    const health = portalModule.health;
    if (health) checks.push([portalModule.id, (signal) => health(config, signal)]);
  }

  const results = await Promise.all(checks.map(async ([id, task]) => [id, await runCheck(task, timeoutMs)] as const));
  const states = Object.fromEntries(results);
  const databaseUp = states.database?.state === "up";
  const draining = getPortalServerState().draining;
  const status: ReadinessStatus =
    !databaseUp || draining
      ? "unavailable"
      : results.every(([, result]) => result.state === "up")
        ? "ready"
        : "degraded";
  return { httpStatus: status === "unavailable" ? 503 : 200, report: { status, modules: states } };
}
