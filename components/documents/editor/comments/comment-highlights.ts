/**
 * Highlights commented text with decorations, not marks: the text itself is never changed (a
 * commenter may not change it, and a comment is not content). The ranges come from the comments
 * model each time the view updates; the active thread is drawn stronger.
 */
import { Extension } from "@tiptap/core";
import { Plugin, PluginKey } from "@tiptap/pm/state";
import { Decoration, DecorationSet } from "@tiptap/pm/view";
import type { CommentThread } from "@/components/documents/editor/comments/comments-model";
import { toAbsolute } from "@/components/documents/editor/comments/comment-anchors";

export interface CommentHighlightsOptions {
  /** The threads to show (unresolved ones); read at each view update. */
  getThreads: () => readonly CommentThread[];
  getActiveThreadId: () => string | null;
}

/**
 * What the plugin reads, kept outside React's render cycle: the editor component updates it when
 * the comments document or the active thread change, then asks the view to redraw.
 */
export class CommentHighlightSource {
  private threads: readonly CommentThread[] = [];
  private activeId: string | null = null;

  update(threads: readonly CommentThread[]): void {
    this.threads = threads;
  }

  activate(threadId: string | null): void {
    this.activeId = threadId;
  }

  readonly getThreads = (): readonly CommentThread[] => this.threads;
  readonly getActiveThreadId = (): string | null => this.activeId;
}

export const commentHighlightsKey = new PluginKey("commentHighlights");

export const CommentHighlights = Extension.create<CommentHighlightsOptions>({
  name: "commentHighlights",
  addOptions() {
    return { getThreads: () => [], getActiveThreadId: () => null };
  },
  addProseMirrorPlugins() {
    const options = this.options;
    return [
      new Plugin({
        key: commentHighlightsKey,
        props: {
          decorations(state) {
            const size = state.doc.content.size;
            const active = options.getActiveThreadId();
            const decorations: Decoration[] = [];
            for (const thread of options.getThreads()) {
              if (thread.resolved) continue;
              const from = toAbsolute(state, thread.from);
              const to = toAbsolute(state, thread.to);
              if (from === null || to === null || from >= to || to > size) continue;
              decorations.push(
                Decoration.inline(from, to, {
                  class: thread.id === active ? "comment-highlight comment-highlight-active" : "comment-highlight",
                  "data-comment-id": thread.id,
                }),
              );
            }
            return DecorationSet.create(state.doc, decorations);
          },
        },
      }),
    ];
  },
});
