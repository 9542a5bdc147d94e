"use client";
// Error boundary of every page outside the workspace (sign-in, offline…), under the root layout,
// which keeps <html lang> and the messages.
import { UnexpectedError } from "@/components/errors/unexpected-error";

export default function Error({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <main id="main">
      <UnexpectedError error={error} retry={retry} />
    </main>
  );
}
