/** The dashboard's heading: a greeting with the person's name, and today's date in their language. */
export function DashboardGreeting({ greeting, today }: { greeting: string; today: string }) {
  return (
    <div className="mb-6">
      <h1 className="text-2xl font-semibold tracking-tight sm:text-3xl">{greeting}</h1>
      <p className="mt-1 text-fg-muted">{today}</p>
    </div>
  );
}
