/**
 * The language switch: one form, one button per language, posting to the server action the page
 * passes in (components/ never import server code). A plain form so it works before hydration.
 * Each button's text is the language's own name, marked with its `lang` so a screen reader
 * pronounces "English" in English; the current language is `aria-pressed`.
 */
import { LOCALE_NATIVE_NAMES, LOCALES, type TLocale } from "@/i18n/locales";

export function LanguageSwitch({
  current,
  action,
  legend,
  variant = "menu",
}: {
  current: TLocale;
  action: (formData: FormData) => Promise<void>;
  legend: string;
  variant?: "menu" | "inline";
}) {
  return (
    <form action={action}>
      <fieldset className={variant === "menu" ? "px-4 py-3" : "flex flex-wrap items-center gap-2"}>
        <legend className={variant === "menu" ? "mb-2 text-sm text-fg-muted" : "float-left mr-2 text-sm text-fg-muted"}>
          {legend}
        </legend>
        <div className="flex gap-2">
          {LOCALES.map((locale) => {
            const pressed = locale === current;
            return (
              <button
                key={locale}
                type="submit"
                name="locale"
                value={locale}
                lang={locale}
                aria-pressed={pressed}
                className={`min-h-11 rounded-md border px-3 text-sm font-medium ${
                  pressed
                    ? "border-primary-ink bg-primary-ink text-white"
                    : "border-border-strong bg-surface text-fg hover:bg-surface-muted"
                }`}
              >
                {LOCALE_NATIVE_NAMES[locale]}
              </button>
            );
          })}
        </div>
      </fieldset>
    </form>
  );
}
