/**
 * What a portal module declares to the shell. Each brick of the workspace (files, documents, mail,
 * agenda, chat, visio, assistant…) is one `PortalModule` listed in server/modules/registry.ts.
 *
 * The shell shows only enabled modules. It renders at once and lets each widget arrive on its own:
 * a widget's `load` runs under a deadline and any failure or timeout is shown inside that widget
 * only, so one slow or broken backend never holds or breaks the page.
 */
import "server-only";
import type { ComponentType } from "react";
import type { TEnv } from "@/server/env";
import type { PortalUser } from "@/server/auth/portal-user";
import type { TPortalNotification } from "@/components/shell/notification-types";

/** Outcome of a module's health check, as shown by GET /api/ready. */
export type HealthState = "up" | "down" | "degraded";

export interface HealthResult {
  state: HealthState;
  /** Short machine-readable reason when not up (`timeout`, `connection refused`, `http 503`). */
  reason?: string;
}

export interface NavEntry {
  href: string;
  /** i18n key under `nav.` */
  labelKey: string;
  /** Name of an icon in components/shell/icons.tsx */
  icon: string;
}

export interface WidgetContext {
  user: PortalUser;
  locale: string;
  /** Aborted when the widget's deadline passes: pass it to every backend call. */
  signal: AbortSignal;
}

export interface WidgetDeclaration<TData> {
  /** i18n key under `widgets.` for the widget's title */
  titleKey: string;
  /** Loads the widget's data on the server. Throw (or let the signal abort) to show the error state. */
  load: (context: WidgetContext) => Promise<TData>;
  /** Renders the loaded data (a server component from components/<module>/; gets no secrets). */
  Component: ComponentType<{ data: TData }>;
}

export interface PortalModule<TData = unknown> {
  id: string;
  /** Enabled by configuration alone: a module whose backend is not configured is not shown. */
  isEnabled: (config: TEnv) => boolean;
  nav?: NavEntry;
  widget?: WidgetDeclaration<TData>;
  /** Checks the module's backend; must honour the signal (the caller applies a timeout). */
  health?: (config: TEnv, signal: AbortSignal) => Promise<HealthResult>;
  /**
   * The module's notification source for the header bell (GET /api/notifications): what is new
   * for this person, newest first. Runs under the same deadline as widgets; a failure only drops
   * this module's notifications. Keep it cheap: it is polled every minute or so.
   */
  notifications?: (context: WidgetContext) => Promise<PortalNotification[]>;
  // Later issues add: search provider.
}

/** One entry of the header's notification bell (the wire shape lives with the bell's component). */
export type PortalNotification = TPortalNotification;
