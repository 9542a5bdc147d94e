/** A sign-in problem, announced on arrival (role="alert") and drawn in the danger colours. */
export function AuthAlert({ title, message }: { title: string; message: string }) {
  return (
    <div role="alert" className="mb-5 rounded-md border border-danger/40 bg-danger-surface p-3 text-sm">
      <p className="font-semibold text-danger">{title}</p>
      <p className="mt-1 text-fg">{message}</p>
    </div>
  );
}
