/**
 * Slash commands: typing "/" at the start of a word opens a list of blocks to insert (headings,
 * lists, table, quote, image…), filtered as you type, chosen with the arrows and Enter (or the
 * mouse). The list itself is React (slash-menu.tsx); this extension feeds it through `onChange`.
 */
import { Extension, type Editor, type Range } from "@tiptap/core";
import { PluginKey } from "@tiptap/pm/state";
import Suggestion, { type SuggestionKeyDownProps, type SuggestionProps } from "@tiptap/suggestion";

export type SlashCommandId =
  | "heading1"
  | "heading2"
  | "heading3"
  | "bulletList"
  | "orderedList"
  | "taskList"
  | "blockquote"
  | "table"
  | "image"
  | "rule";

export const SLASH_COMMAND_IDS: readonly SlashCommandId[] = [
  "heading1",
  "heading2",
  "heading3",
  "bulletList",
  "orderedList",
  "taskList",
  "blockquote",
  "table",
  "image",
  "rule",
];

export interface SlashMenuState {
  items: SlashCommandId[];
  selected: number;
  rect: DOMRect | null;
  choose: (id: SlashCommandId) => void;
}

export interface SlashCommandOptions {
  /** Label of each command in the reader's language, for filtering. */
  label: (id: SlashCommandId) => string;
  /** The image command opens the file picker (the editor owns it). */
  onImage: () => void;
  /** null when the menu is closed. */
  onChange: (state: SlashMenuState | null) => void;
}

export function runSlashCommand(editor: Editor, range: Range, id: SlashCommandId, onImage: () => void): void {
  const chain = editor.chain().focus().deleteRange(range);
  switch (id) {
    case "heading1":
    case "heading2":
    case "heading3":
      chain.setNode("heading", { level: Number(id.slice(-1)) }).run();
      return;
    case "bulletList":
      chain.toggleBulletList().run();
      return;
    case "orderedList":
      chain.toggleOrderedList().run();
      return;
    case "taskList":
      chain.toggleTaskList().run();
      return;
    case "blockquote":
      chain.toggleBlockquote().run();
      return;
    case "table":
      chain.insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run();
      return;
    case "rule":
      chain.setHorizontalRule().run();
      return;
    case "image":
      chain.run();
      onImage();
      return;
  }
}

export const SlashCommands = Extension.create<SlashCommandOptions>({
  name: "slashCommands",
  addOptions() {
    return { label: (id) => id, onImage: () => undefined, onChange: () => undefined };
  },
  addProseMirrorPlugins() {
    const options = this.options;
    let selected = 0;
    let current: SuggestionProps<SlashCommandId, SlashCommandId> | null = null;
    const publish = () => {
      if (!current) return options.onChange(null);
      const props = current;
      options.onChange({
        items: props.items,
        selected,
        rect: props.clientRect?.() ?? null,
        choose: (id) => props.command(id),
      });
    };
    return [
      Suggestion<SlashCommandId, SlashCommandId>({
        editor: this.editor,
        pluginKey: new PluginKey("slashCommands"),
        char: "/",
        startOfLine: false,
        items: ({ query }) => {
          const needle = query.toLocaleLowerCase();
          return SLASH_COMMAND_IDS.filter((id) => options.label(id).toLocaleLowerCase().includes(needle));
        },
        command: ({ editor, range, props }) => runSlashCommand(editor, range, props, options.onImage),
        render: () => ({
          onStart: (props) => {
            current = props;
            selected = 0;
            publish();
          },
          onUpdate: (props) => {
            current = props;
            selected = Math.min(selected, Math.max(0, props.items.length - 1));
            publish();
          },
          onExit: () => {
            current = null;
            publish();
          },
          onKeyDown: ({ event }: SuggestionKeyDownProps) => {
            if (!current) return false;
            const count = current.items.length;
            if (event.key === "ArrowDown" && count > 0) {
              selected = (selected + 1) % count;
              publish();
              return true;
            }
            if (event.key === "ArrowUp" && count > 0) {
              selected = (selected + count - 1) % count;
              publish();
              return true;
            }
            if (event.key === "Enter") {
              const id = current.items[selected];
              if (id) current.command(id);
              return true;
            }
            if (event.key === "Escape") {
              current = null;
              publish();
              return true;
            }
            return false;
          },
        }),
      }),
    ];
  },
});
