"use client";
/**
 * The few strings the error boundaries show, already translated on the server by the root layout.
 *
 * Why not use-intl's IntlProvider here: error boundaries are in the client bundle of every page,
 * and IntlProvider brings its ICU message formatter along (about 11 KB gzip), a tenth of the
 * dashboard's whole JavaScript budget, for five fixed sentences. Subtrees whose client components
 * really format messages wrap themselves in `IntlClientProvider` instead.
 */
import { createContext, useContext, type ReactNode } from "react";

export interface TBoundaryMessages {
  title: string;
  body: string;
  /** "Référence :", followed by the error's digest. */
  referenceLabel: string;
  retry: string;
  backToHome: string;
}

const BoundaryMessagesContext = createContext<TBoundaryMessages | null>(null);

export function BoundaryMessagesProvider({ messages, children }: { messages: TBoundaryMessages; children: ReactNode }) {
  return <BoundaryMessagesContext value={messages}>{children}</BoundaryMessagesContext>;
}

/** The boundary strings; the root layout always provides them. */
export function useBoundaryMessages(): TBoundaryMessages {
  const messages = useContext(BoundaryMessagesContext);
  if (!messages) throw new Error("useBoundaryMessages: render under <BoundaryMessagesProvider> (app/layout.tsx)");
  return messages;
}
