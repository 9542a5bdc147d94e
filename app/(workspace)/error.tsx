"use client";
// Error boundary of the workspace's pages: inside the workspace layout's <main>, so the header,
// the launcher and sign-out stay usable when a page fails.
import { UnexpectedError } from "@/components/errors/unexpected-error";

export default function WorkspaceError({ error, retry }: { error: unknown; retry: () => void }) {
  return <UnexpectedError error={error} retry={retry} />;
}
