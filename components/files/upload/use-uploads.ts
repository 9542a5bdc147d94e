"use client";
/** The upload engine's list of items as React state (useSyncExternalStore). */
import { useSyncExternalStore } from "react";
import type { UploadEngine, UploadItem } from "./upload-engine";

const NONE: readonly UploadItem[] = [];

export function useUploads(engine: UploadEngine): readonly UploadItem[] {
  return useSyncExternalStore(engine.subscribe, engine.getSnapshot, () => NONE);
}
