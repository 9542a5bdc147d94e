/**
 * A portal document as GitHub-flavoured Markdown, with tiptap's own serializer (@tiptap/markdown)
 * fed the editor's extensions: GFM tables and task lists (`- [x]`), `~~strike~~`, links.
 *
 * Two departures from tiptap's defaults, both for GFM readers: underline has no Markdown syntax
 * (tiptap writes `++text++`, which GitHub shows literally), so it is written as `<u>…</u>`, which
 * GFM allows; images point at the portal by absolute URL (they are served only to people who may
 * read the document, so the link works for them and for no one else).
 */
import "server-only";
import { Mark, type JSONContent } from "@tiptap/core";
import { MarkdownManager } from "@tiptap/markdown";
import { conversionExtensions } from "@/server/documents/convert/document-schema";

/** Underline as inline HTML; registered first so it wins over the extension's `++` syntax. */
const GfmUnderline = Mark.create({
  name: "underline",
  renderMarkdown: (node, helpers) => `<u>${helpers.renderChildren(node)}</u>`,
});

let manager: MarkdownManager | undefined;

function markdownManager(): MarkdownManager {
  manager ??= new MarkdownManager({ extensions: [GfmUnderline, ...conversionExtensions()] });
  return manager;
}

function withAbsoluteImages(node: JSONContent, origin: string): JSONContent {
  const src = node.attrs?.src;
  const attrs =
    node.type === "image" && typeof src === "string" && src.startsWith("/")
      ? { ...node.attrs, src: new URL(src, origin).href }
      : node.attrs;
  return {
    ...node,
    ...(attrs ? { attrs } : {}),
    ...(node.content ? { content: node.content.map((child) => withAbsoluteImages(child, origin)) } : {}),
  };
}

/** `origin` is the portal's public origin (PORTAL_URL), used for image links. */
export function exportMarkdown(doc: JSONContent, origin: string): string {
  const markdown = markdownManager().serialize(withAbsoluteImages(doc, origin));
  return markdown.endsWith("\n") ? markdown : `${markdown}\n`;
}
