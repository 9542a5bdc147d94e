/** The documents UI's button looks (Tailwind classes), so every button has a visible focus ring. */
const focus = "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-primary";
export const primaryButton = `rounded bg-primary px-3 py-1.5 text-sm font-medium text-on-primary hover:opacity-90 disabled:opacity-50 ${focus}`;
export const secondaryButton = `rounded border border-border-strong bg-surface px-3 py-1.5 text-sm text-fg hover:bg-surface-muted disabled:opacity-50 ${focus}`;
export const dangerButton = `rounded border border-danger px-3 py-1.5 text-sm text-danger hover:bg-danger-surface disabled:opacity-50 ${focus}`;
export const inputStyle = `w-full rounded border border-border-strong bg-surface px-2 py-1.5 text-sm text-fg ${focus}`;
export const iconButton = `inline-flex h-9 min-w-9 items-center justify-center rounded px-2 text-sm text-fg hover:bg-surface-muted aria-pressed:bg-primary aria-pressed:text-on-primary disabled:opacity-40 ${focus}`;
