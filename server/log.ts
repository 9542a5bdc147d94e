/**
 * The portal's one logger: structured JSON lines (pino) on stdout.
 *
 * Health data must never reach logs. Log ids, codes, counts and durations only: never message
 * bodies, file or document names, e-mail addresses, tokens or free text typed by a user. As a
 * second line of defence, the redaction list below blanks the usual carriers of such data if a
 * caller passes them by mistake.
 */
// No `import "server-only"`: the portal's HTTP server (server/main.ts) runs outside Next's React
// server bundle and logs through this same logger. It holds no secret; components/ cannot import
// it (ESLint forbids server/ there).
import pino from "pino";

const REDACTED_KEYS = [
  "token",
  "accessToken",
  "access_token",
  "refreshToken",
  "refresh_token",
  "idToken",
  "id_token",
  "logout_token",
  "password",
  "secret",
  "authorization",
  "cookie",
  "email",
  "displayName",
  "fileName",
  "filename",
  "body",
  "subject",
];

export const logger = pino({
  level: process.env.LOG_LEVEL ?? "info",
  base: { service: "portal" },
  redact: {
    paths: [
      ...REDACTED_KEYS,
      ...REDACTED_KEYS.map((key) => `*.${key}`),
      "req.headers.cookie",
      "req.headers.authorization",
    ],
    censor: "[redacted]",
  },
  serializers: {
    // Keep the error class and message, drop the stack from info-level noise only at "error".
    err: pino.stdSerializers.err,
  },
  timestamp: pino.stdTimeFunctions.isoTime,
});

export type Logger = typeof logger;
