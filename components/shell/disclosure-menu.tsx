"use client";
/**
 * A header menu (app launcher, user menu) built on `<details>`/`<summary>`, so it opens and closes
 * before any JavaScript has loaded and on a browser where it failed to load. Once hydrated, this
 * component adds what a menu needs from the keyboard and pointer:
 * - Escape closes it and puts focus back on its toggle;
 * - ArrowDown/ArrowUp (Home/End) move between its links and buttons, opening it from the toggle;
 * - a click outside, focus leaving it, or following one of its links closes it.
 * Only one header menu is open at a time: `name` makes the `<details>` an exclusive group natively.
 *
 * It is a disclosure, not an ARIA `menu`: its items are ordinary links and form buttons, which
 * screen readers announce and operate as such (the APG "disclosure navigation" pattern).
 */
import { useEffect, useRef, type FocusEvent, type KeyboardEvent, type MouseEvent, type ReactNode } from "react";

const ITEM_SELECTOR = "[data-menu-panel] a[href], [data-menu-panel] button:not([disabled])";

export function DisclosureMenu({
  summary,
  children,
  testId,
  summaryClassName = "",
  panelClassName = "",
}: {
  /** Content of the toggle; must include its accessible name as text (visible or `sr-only`). */
  summary: ReactNode;
  children: ReactNode;
  /** `<summary>` has no ARIA role a test could select it by. */
  testId: string;
  summaryClassName?: string;
  panelClassName?: string;
}) {
  const ref = useRef<HTMLDetailsElement>(null);

  useEffect(() => {
    const details = ref.current;
    if (!details) return;
    const onPointerDown = (event: PointerEvent) => {
      if (details.open && event.target instanceof Node && !details.contains(event.target)) details.open = false;
    };
    document.addEventListener("pointerdown", onPointerDown);
    return () => document.removeEventListener("pointerdown", onPointerDown);
  }, []);

  function close(returnFocus: boolean) {
    const details = ref.current;
    if (!details?.open) return;
    details.open = false;
    if (returnFocus) details.querySelector("summary")?.focus();
  }

  function onKeyDown(event: KeyboardEvent<HTMLDetailsElement>) {
    const details = ref.current;
    if (!details) return;
    if (event.key === "Escape") {
      if (!details.open) return;
      event.preventDefault();
      close(true);
      return;
    }
    if (!["ArrowDown", "ArrowUp", "Home", "End"].includes(event.key)) return;
    // Opening first: a closed <details> has no focusable content.
    if (!details.open) {
      if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
      details.open = true;
    }
    const items = Array.from(details.querySelectorAll<HTMLElement>(ITEM_SELECTOR));
    if (items.length === 0) return;
    event.preventDefault();
    const current = items.indexOf(document.activeElement as HTMLElement);
    const last = items.length - 1;
    const next =
      event.key === "Home"
        ? 0
        : event.key === "End"
          ? last
          : event.key === "ArrowDown"
            ? current < 0 || current === last
              ? 0
              : current + 1
            : current <= 0
              ? last
              : current - 1;
    items[next]?.focus();
  }

  function onBlur(event: FocusEvent<HTMLDetailsElement>) {
    // Only when focus demonstrably went elsewhere (Tab away). A click on a non-focusable part of
    // the panel gives no relatedTarget and must not close it.
    const to = event.relatedTarget;
    if (to instanceof Node && !event.currentTarget.contains(to)) close(false);
  }

  function onClick(event: MouseEvent<HTMLDivElement>) {
    // A followed link changes the page under a persistent header: close the menu behind it.
    if (event.target instanceof Element && event.target.closest("a[href]")) close(false);
  }

  return (
    <details ref={ref} name="portal-header-menu" className="group relative" onKeyDown={onKeyDown} onBlur={onBlur}>
      <summary data-testid={testId} className={summaryClassName}>
        {summary}
      </summary>
      <div data-menu-panel onClick={onClick} className={panelClassName}>
        {children}
      </div>
    </details>
  );
}
