/**
 * One button per configured identity provider, each a form posting to the sign-in server action
 * (passed in by the page), so sign-in works before hydration. The hint says what each needs:
 * an institution password, or a CPS card / e-CPS app for Pro Santé Connect.
 */
export interface TSignInProvider {
  id: string;
  kind: "idcaih" | "psc";
  /** "Se connecter avec ID CAIH". */
  buttonLabel: string;
  hint: string;
}

export function SignInProviders({
  providers,
  callbackUrl,
  action,
}: {
  providers: readonly TSignInProvider[];
  callbackUrl: string | null;
  action: (formData: FormData) => Promise<void>;
}) {
  return (
    <ul className="space-y-4">
      {providers.map((provider, index) => (
        <li key={provider.id}>
          <form action={action}>
            <input type="hidden" name="providerId" value={provider.id} />
            {callbackUrl ? <input type="hidden" name="callbackUrl" value={callbackUrl} /> : null}
            <button
              type="submit"
              aria-describedby={`provider-${provider.id}-hint`}
              className={`min-h-12 w-full rounded-md px-4 py-2 text-base font-semibold ${
                index === 0
                  ? "bg-primary text-on-primary hover:underline"
                  : "border-2 border-primary-ink bg-surface text-primary-ink hover:bg-surface-muted"
              }`}
            >
              {provider.buttonLabel}
            </button>
          </form>
          <p id={`provider-${provider.id}-hint`} className="mt-1.5 text-sm text-fg-muted">
            {provider.hint}
          </p>
        </li>
      ))}
    </ul>
  );
}
