/**
 * The browser's upload engine: a queue of files going to the portal, each with its progress and
 * its controls (pause, resume, cancel, retry, replace).
 *
 * - Files smaller than one chunk go in a single streamed `PUT /api/files/content`.
 * - Larger files use an upload session (`POST /api/files/uploads`), one `PUT …?offset=` per chunk
 *   (XHR, for progress events), then `POST …/complete`. Pausing aborts the chunk in flight;
 *   resuming asks the server where it stands (`GET /api/files/uploads/{id}` → `received`) and
 *   continues from there, so a network cut costs at most one chunk. A 409 on a chunk carries the
 *   session: the engine jumps to its `received` and carries on.
 * - Folders (dropped or picked) are created first, parents before children; an existing folder is
 *   fine.
 * - Nothing is lost: a failed file stays in the list with its error and a "retry"; an existing
 *   file is never replaced unless the person asks ("replace").
 *
 * It is plain TypeScript with a subscribe/snapshot pair for React's useSyncExternalStore; the
 * state lives in the page (the server keeps the upload sessions themselves, in its database).
 */
import { ApiError, apiUrl, fetchJson } from "../api/fetch-json";
import type { FileEntry, UploadSession } from "../api/types";
import { joinPath } from "../file-paths";
import { sendWithProgress } from "./upload-request";

export type UploadStatus = "queued" | "uploading" | "paused" | "done" | "error";

export interface UploadItem {
  id: string;
  name: string;
  /** Where it goes, e.g. `/Reports/2026/a.pdf`. */
  targetPath: string;
  size: number;
  /** Bytes the server has (or is receiving in the request in flight). */
  sent: number;
  status: UploadStatus;
  /** The API's error code when status is `error` (`CONFLICT`, `PAYLOAD_TOO_LARGE`, `NETWORK`…). */
  errorCode?: string;
}

export interface FileToUpload {
  file: File;
  /** Path relative to the target folder, `/`-separated: `a.pdf` or `Dossier/sous/a.pdf`. */
  relativePath: string;
}

export interface UploadEngineOptions {
  chunkBytes: number;
  maxBytes: number;
  concurrency?: number;
  /** Called once a file is in place (to refresh the listing). */
  onUploaded?: (entry: FileEntry) => void;
}

interface Task {
  item: UploadItem;
  file: File;
  overwrite: boolean;
  folders: Promise<void>;
  session?: UploadSession;
  abort?: () => void;
  /** Set by pause/cancel before aborting, so the abort is not taken for a failure. */
  stop?: "pause" | "cancel";
}

let nextId = 0;

export class UploadEngine {
  private tasks: Task[] = [];
  private snapshot: readonly UploadItem[] = [];
  private listeners = new Set<() => void>();
  private active = 0;
  private readonly concurrency: number;

  constructor(private readonly options: UploadEngineOptions) {
    this.concurrency = options.concurrency ?? 2;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): readonly UploadItem[] => this.snapshot;

  /** Queues files (and the folders they need) into `targetFolder`. */
  add(files: readonly FileToUpload[], targetFolder: string, emptyFolders: readonly string[] = []): void {
    const folderPaths = new Set<string>();
    for (const relative of [...files.map((f) => f.relativePath), ...emptyFolders.map((f) => `${f}/`)]) {
      const parts = relative.split("/").filter(Boolean);
      const depth = relative.endsWith("/") ? parts.length : parts.length - 1;
      for (let index = 1; index <= depth; index += 1) {
        folderPaths.add(joinPath(targetFolder, parts.slice(0, index).join("/")));
      }
    }
    const folders = createFolders([...folderPaths]);
    // Each task awaits it and reports a failure itself; this only marks the rejection as handled.
    folders.catch(() => {});
    for (const { file, relativePath } of files) {
      const item: UploadItem = {
        id: `upload-${++nextId}`,
        name: relativePath.split("/").filter(Boolean).pop() ?? file.name,
        targetPath: joinPath(targetFolder, relativePath.split("/").filter(Boolean).join("/")),
        size: file.size,
        sent: 0,
        status: "queued",
      };
      if (file.size > this.options.maxBytes) {
        item.status = "error";
        item.errorCode = "PAYLOAD_TOO_LARGE";
      }
      this.tasks.push({ item, file, overwrite: false, folders });
    }
    this.publish();
    this.pump();
  }

  pause(id: string): void {
    const task = this.find(id);
    if (!task) return;
    if (task.item.status === "uploading") {
      task.stop = "pause";
      task.abort?.();
    }
    if (task.item.status === "queued" || task.item.status === "uploading") this.update(task, { status: "paused" });
  }

  resume(id: string): void {
    const task = this.find(id);
    if (!task || (task.item.status !== "paused" && task.item.status !== "error")) return;
    this.update(task, { status: "queued", errorCode: undefined });
    this.pump();
  }

  /** After a CONFLICT (the name exists): upload again, replacing the existing file (it keeps a version). */
  replace(id: string): void {
    const task = this.find(id);
    if (!task) return;
    task.overwrite = true;
    task.session = undefined;
    task.item.sent = 0;
    this.resume(id);
  }

  cancel(id: string): void {
    const task = this.find(id);
    if (!task) return;
    if (task.item.status === "uploading") {
      task.stop = "cancel";
      task.abort?.();
    }
    const session = task.session;
    if (session) {
      // Frees the server's partial data; an expired session is cleaned up by the server anyway.
      fetchJson<void>(`/api/files/uploads/${encodeURIComponent(session.id)}`, { method: "DELETE" }).catch(() => {});
    }
    this.remove(id);
  }

  /** Removes a finished (or failed, given up) item from the list. */
  dismiss(id: string): void {
    const task = this.find(id);
    if (task && task.item.status !== "uploading") this.remove(id);
  }

  clearFinished(): void {
    this.tasks = this.tasks.filter((task) => task.item.status !== "done");
    this.publish();
  }

  private find(id: string): Task | undefined {
    return this.tasks.find((task) => task.item.id === id);
  }

  private remove(id: string): void {
    this.tasks = this.tasks.filter((task) => task.item.id !== id);
    this.publish();
  }

  private update(task: Task, change: Partial<UploadItem>): void {
    task.item = { ...task.item, ...change };
    this.publish();
  }

  private publish(): void {
    this.snapshot = this.tasks.map((task) => task.item);
    for (const listener of this.listeners) listener();
  }

  private pump(): void {
    while (this.active < this.concurrency) {
      const task = this.tasks.find((candidate) => candidate.item.status === "queued");
      if (!task) return;
      this.active += 1;
      this.update(task, { status: "uploading" });
      void this.run(task).finally(() => {
        this.active -= 1;
        this.pump();
      });
    }
  }

  private async run(task: Task): Promise<void> {
    task.stop = undefined;
    try {
      await task.folders;
      const entry =
        task.file.size < this.options.chunkBytes && !task.session
          ? await this.sendWhole(task)
          : await this.sendInChunks(task);
      task.session = undefined;
      this.update(task, { status: "done", sent: task.item.size });
      this.options.onUploaded?.(entry);
    } catch (error) {
      if (task.stop) return; // paused (status already set) or cancelled (removed)
      const code = error instanceof ApiError ? error.code : "UNKNOWN";
      if (this.find(task.item.id)) this.update(task, { status: "error", errorCode: code });
    }
  }

  private async sendWhole(task: Task): Promise<FileEntry> {
    const url = apiUrl("/api/files/content", {
      path: task.item.targetPath,
      overwrite: task.overwrite ? "1" : undefined,
    });
    const request = sendWithProgress<FileEntry>("PUT", url, task.file, (loaded) =>
      this.update(task, { sent: Math.min(loaded, task.item.size) }),
    );
    task.abort = request.abort;
    return request.done;
  }

  private async sendInChunks(task: Task): Promise<FileEntry> {
    if (task.session) {
      // Resuming: the server says how much it has; local counters may be ahead of it.
      task.session = await fetchJson<UploadSession>(`/api/files/uploads/${encodeURIComponent(task.session.id)}`);
    } else {
      task.session = await fetchJson<UploadSession>("/api/files/uploads", {
        method: "POST",
        body: { path: task.item.targetPath, size: task.item.size, overwrite: task.overwrite || undefined },
      });
    }
    const id = encodeURIComponent(task.session.id);
    let offset = task.session.received;
    this.update(task, { sent: offset });
    while (offset < task.item.size) {
      const end = Math.min(offset + this.options.chunkBytes, task.item.size);
      const start = offset;
      const request = sendWithProgress<UploadSession>(
        "PUT",
        `/api/files/uploads/${id}?offset=${start}`,
        task.file.slice(start, end),
        (loaded) => this.update(task, { sent: start + Math.min(loaded, end - start) }),
      );
      task.abort = request.abort;
      try {
        task.session = await request.done;
        offset = task.session.received;
      } catch (error) {
        const session = error instanceof ApiError && error.status === 409 ? error.detail.session : undefined;
        if (!isUploadSession(session)) throw error;
        // The server has a different offset (a chunk arrived twice, or not at all): follow it.
        task.session = session;
        offset = session.received;
      }
      this.update(task, { sent: offset });
    }
    return fetchJson<FileEntry>(`/api/files/uploads/${id}/complete`, { method: "POST" });
  }
}

function isUploadSession(value: unknown): value is UploadSession {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as UploadSession).id === "string" &&
    typeof (value as UploadSession).received === "number"
  );
}

/** Creates folders parents first; one that exists already (409) is what we wanted. */
async function createFolders(paths: string[]): Promise<void> {
  const byDepth = [...paths].sort((a, b) => a.split("/").length - b.split("/").length || a.localeCompare(b));
  for (const path of byDepth) {
    try {
      await fetchJson<FileEntry>("/api/files/folders", { method: "POST", body: { path } });
    } catch (error) {
      if (!(error instanceof ApiError && error.code === "CONFLICT")) throw error;
    }
  }
}
