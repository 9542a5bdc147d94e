/**
 * The frame every line icon of the portal draws in: a 24-unit square, stroked in the current text
 * colour, hidden from assistive technology (the control around it carries the name). Icon sets
 * (components/shell/icons.tsx, components/files/file-icons.tsx…) only supply the paths.
 */
import type { ReactNode } from "react";

export function StrokeIcon({ className, children }: { className: string; children: ReactNode }) {
  return (
    <svg
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
      className={className}
    >
      {children}
    </svg>
  );
}
