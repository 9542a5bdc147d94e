/**
 * Reply and forward conventions: "Re: " / "Fwd: " once (not "Re: Re: "; the French "TR:" and
 * "RE :" forms count as present), In-Reply-To = the original's Message-ID, References = the
 * original's References + its Message-ID (RFC 5322 §3.6.4, trimmed to the last 20 ids).
 */
const REPLY_PREFIX = /^\s*(re|aw|sv|ré)\s*(\[\d+\])?\s*:/i;
const FORWARD_PREFIX = /^\s*(fwd?|tr|wg|rv)\s*:/i;

export function prefixedSubject(mode: "new" | "reply" | "reply-all" | "forward", subject: string): string {
  if (mode === "reply" || mode === "reply-all") return REPLY_PREFIX.test(subject) ? subject : `Re: ${subject}`;
  if (mode === "forward") return FORWARD_PREFIX.test(subject) ? subject : `Fwd: ${subject}`;
  return subject;
}

export function threadingHeaders(original: { messageId: string | null; references: string[] }): {
  inReplyTo?: string;
  references?: string[];
} {
  if (!original.messageId) return {};
  const references = [...original.references.filter((id) => id !== original.messageId), original.messageId].slice(-20);
  return { inReplyTo: original.messageId, references };
}
