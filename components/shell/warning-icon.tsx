/**
 * The warning triangle of degraded and error states. Its own file, outside the shell's icon set,
 * because client-side error boundaries render it: importing icons.tsx there would ship every icon
 * to the browser.
 */
export function WarningIcon({ className = "size-6" }: { className?: string }) {
  return (
    <svg
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      aria-hidden="true"
      focusable="false"
      className={className}
    >
      <path d="M12 3.5 21.5 20h-19zM12 10v4.5M12 17.2v.3" />
    </svg>
  );
}
