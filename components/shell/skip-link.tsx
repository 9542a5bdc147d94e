/** First focusable element of every page: jumps over the header to `<main id="main">` (WCAG 2.4.1). */
export function SkipLink({ label, target = "main" }: { label: string; target?: string }) {
  return (
    <a
      href={`#${target}`}
      className="sr-only z-50 rounded-md bg-surface px-4 py-2 font-medium text-primary-ink underline shadow-lg focus:not-sr-only focus:fixed focus:top-2 focus:left-2"
    >
      {label}
    </a>
  );
}
