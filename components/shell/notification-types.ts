/**
 * The header bell's data, as GET /api/notifications sends it. Modules produce these on the server
 * (`PortalModule.notifications`, server/modules/types.ts); texts arrive already translated.
 */

export interface TPortalNotification {
  /** Stable across polls (the bell remembers which ones the person has seen), e.g. `mail:INBOX:42`. */
  id: string;
  /** The module's id (`mail`, `agenda`, `chat`…). */
  module: string;
  /** One line: "Nouveau message de Anne Leroy". */
  title: string;
  /** Optional second line (a subject, an event's time); plain text. */
  body?: string;
  /** Where following the notification leads: a path inside the portal (starts with one `/`). */
  href: string;
  /** ISO 8601. */
  createdAt: string;
}

export interface TNotificationsAnswer {
  notifications: TPortalNotification[];
  /** Modules whose source failed or ran out of time this time (their entries are missing). */
  unavailable: string[];
}
