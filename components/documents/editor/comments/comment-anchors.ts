/**
 * Between ProseMirror positions in the editor and Yjs relative positions in the content's XML
 * fragment, through the y-tiptap binding's mapping (the same one the Collaboration extension uses),
 * so a comment's anchor follows the text it was made on.
 */
import type { EditorState } from "@tiptap/pm/state";
import {
  absolutePositionToRelativePosition,
  relativePositionToAbsolutePosition,
  ySyncPluginKey,
} from "@tiptap/y-tiptap";
import type * as Y from "yjs";

interface SyncState {
  type: Y.XmlFragment;
  doc: Y.Doc;
  binding: { mapping: Map<unknown, unknown> } | null;
}

function syncState(state: EditorState): SyncState | null {
  const sync = ySyncPluginKey.getState(state) as SyncState | undefined;
  return sync?.binding ? sync : null;
}

export function toRelative(state: EditorState, position: number): Y.RelativePosition | null {
  const sync = syncState(state);
  if (!sync?.binding) return null;
  return absolutePositionToRelativePosition(position, sync.type, sync.binding.mapping as never);
}

export function toAbsolute(state: EditorState, relative: Y.RelativePosition | null): number | null {
  const sync = syncState(state);
  if (!relative || !sync?.binding) return null;
  const position = relativePositionToAbsolutePosition(sync.doc, sync.type, relative, sync.binding.mapping as never);
  return typeof position === "number" ? position : null;
}
