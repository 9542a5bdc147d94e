/**
 * One bound LDAP connection per process and directory, shared by every search (LDAP multiplexes
 * operations on a connection by message id, so concurrent searches do not wait for each other),
 * instead of a connect + bind per keystroke. Every operation has a deadline (connect, bind,
 * search). A connection that failed (closed, timed out) is dropped and the next call opens a
 * fresh one, so a directory restart heals by itself.
 *
 * Failures become AppErrors a caller can report: the service account refused
 * (BACKEND_UNAVAILABLE naming LDAP_BIND_DN/LDAP_BIND_PASSWORD), the server unreachable
 * (BACKEND_UNAVAILABLE) or too slow (BACKEND_TIMEOUT).
 */
import "server-only";
import { createHash } from "node:crypto";
import { Client, InvalidCredentialsError, NoSuchObjectError, ResultCodeError } from "ldapts";
import { AppError } from "@/server/errors";
import { logger } from "@/server/log";
import type { LdapConfig } from "./ldap-config";

interface SharedConnection {
  client: Client;
  bound: Promise<void>;
}

const connections = new Map<string, SharedConnection>();

function keyOf(config: LdapConfig): string {
  // The password is part of the identity (a changed secret must not reuse the old bind); hashed
  // so the map's keys never hold it in clear.
  const secret = createHash("sha256")
    .update(config.bindPassword ?? "")
    .digest("base64url");
  return JSON.stringify([config.url, config.bindDn ?? "", secret, config.timeoutMs, config.connectTimeoutMs]);
}

export function toDirectoryError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof InvalidCredentialsError) {
    return new AppError("BACKEND_UNAVAILABLE", {
      userMessage: "the directory refused the portal's service account (check LDAP_BIND_DN and LDAP_BIND_PASSWORD)",
      cause: error,
    });
  }
  const message = error instanceof Error ? error.message : String(error);
  if (/timeout|timed out/i.test(message)) {
    return new AppError("BACKEND_TIMEOUT", { userMessage: "the directory did not answer in time", cause: error });
  }
  if (error instanceof NoSuchObjectError) {
    return new AppError("BACKEND_UNAVAILABLE", {
      userMessage: "the directory has no entry at LDAP_BASE_DN, or hides it from this account",
      cause: error,
    });
  }
  if (error instanceof ResultCodeError) {
    return new AppError("BACKEND_UNAVAILABLE", {
      userMessage: `the directory refused the search (LDAP result ${error.code})`,
      cause: error,
    });
  }
  return new AppError("BACKEND_UNAVAILABLE", { userMessage: "the directory cannot be reached", cause: error });
}

function open(config: LdapConfig): SharedConnection {
  const client = new Client({
    url: config.url,
    timeout: config.timeoutMs,
    connectTimeout: config.connectTimeoutMs,
    strictDN: true,
    autoRebind: true,
  });
  const bound = config.bindDn !== undefined ? client.bind(config.bindDn, config.bindPassword ?? "") : Promise.resolve();
  return { client, bound };
}

/** Drops a connection that failed, so the next operation opens a fresh one. */
async function discard(key: string, connection: SharedConnection): Promise<void> {
  if (connections.get(key) === connection) connections.delete(key);
  await connection.client.unbind().catch(() => undefined);
}

/** Runs `operation` on the shared, bound connection; maps failures to AppErrors. */
export async function withDirectory<T>(config: LdapConfig, operation: (client: Client) => Promise<T>): Promise<T> {
  const key = keyOf(config);
  let connection = connections.get(key);
  if (!connection) {
    connection = open(config);
    connections.set(key, connection);
  }
  try {
    await connection.bound;
    return await operation(connection.client);
  } catch (error) {
    // A refused search (result code) leaves the connection usable; anything else may not.
    if (!(error instanceof ResultCodeError) || error instanceof InvalidCredentialsError) {
      await discard(key, connection);
    }
    const mapped = toDirectoryError(error);
    logger.warn({ err: error, code: mapped.code }, "ldap: directory operation failed");
    throw mapped;
  }
}

/** Closes every shared connection (tests; process shutdown). */
export async function closeDirectoryConnections(): Promise<void> {
  const all = [...connections.entries()];
  await Promise.all(all.map(([key, connection]) => discard(key, connection)));
}
