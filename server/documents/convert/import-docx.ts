/**
 * A Word document (DOCX) read into a portal document (tiptap JSON): mammoth turns the DOCX into
 * semantic HTML (headings from Word's heading styles, lists from real numbering, tables, emphasis,
 * links, images), and tiptap's own HTML parser (@tiptap/html/server, on a scripting-disabled
 * happy-dom) reads that HTML into the editor's schema — whatever the schema does not know is
 * dropped there.
 *
 * Sanitising does not rely on the parser alone: after parsing, link marks whose target is not an
 * allowed protocol (javascript:, data:, file:…) and images that are not ones this import extracted
 * are removed again. Embedded images are never kept as data: URLs: each accepted image (PNG, JPEG,
 * GIF, WebP by its bytes, within the image size limit) gets a placeholder portal address, which
 * the caller swaps for the real one once it has stored the image (create-imported-document.ts).
 *
 * mammoth never reads files outside the DOCX (`externalFileAccess: false`). The input must have
 * passed zip-guard.ts first (sizes checked by actually inflating).
 */
import "server-only";
import { createHash, randomUUID } from "node:crypto";
import type { JSONContent } from "@tiptap/core";
import { generateJSON } from "@tiptap/html/server";
import mammoth from "mammoth";
import { AppError } from "@/server/errors";
import type { ImageUpload } from "@/server/documents/images/read-image-upload";
import { sniffImageType } from "@/server/documents/images/sniff-image-type";
import { conversionExtensions, conversionSchema } from "@/server/documents/convert/document-schema";
import { documentImageSrc, isAllowedLinkHref } from "@/components/documents/editor/document-extensions";

/** Placeholder document id in image addresses until the imported document exists. */
export const PENDING_DOCUMENT_ID = "00000000-0000-0000-0000-000000000000";

export interface ImportedImage {
  /** The address the content uses for this image until it is stored. */
  placeholderSrc: string;
  upload: ImageUpload;
}

export interface ImportedContent {
  content: JSONContent;
  images: ImportedImage[];
  /** Images left out: unsupported type (EMF, SVG…) or larger than the limit. */
  droppedImages: number;
}

/** Word styles that have a portal equivalent beyond mammoth's defaults. */
const STYLE_MAP = [
  "u => u",
  "strike => s",
  "p[style-name='Title'] => h1:fresh",
  "p[style-name='Subtitle'] => h2:fresh",
  "p[style-name='Quote'] => blockquote > p:fresh",
  "p[style-name='Intense Quote'] => blockquote > p:fresh",
];

const TASK_PREFIX = /^([☐☑☒])\s?/;

/**
 * Paragraph alignment: mammoth reads it (`w:jc`) but writes no style attribute. A centred, right or
 * justified paragraph that is not a list item gets a style name carrying its alignment, which the
 * style map turns into a class per block type, which becomes `text-align` before tiptap parses it.
 */
const ALIGNMENTS: Record<string, string> = { center: "center", right: "right", end: "right", both: "justify" };
const BLOCK_STYLES: Array<[string, string]> = [
  ["Heading 1", "h1"],
  ["Heading 2", "h2"],
  ["Heading 3", "h3"],
  ["Heading 4", "h4"],
  ["Heading 5", "h4"],
  ["Heading 6", "h4"],
  ["Title", "h1"],
  ["Subtitle", "h2"],
];
const ALIGNED_STYLE_MAP = Object.values(ALIGNMENTS)
  .filter((align, index, all) => all.indexOf(align) === index)
  .flatMap((align) => [
    ...BLOCK_STYLES.map(
      ([style, tag]) => `p[style-name='align-${align}|${style}'] => ${tag}.portal-align-${align}:fresh`,
    ),
    `p[style-name^='align-${align}|'] => p.portal-align-${align}:fresh`,
  ]);

interface MammothElement {
  type?: string;
  styleName?: string | null;
  alignment?: string | null;
  numbering?: unknown;
  children?: MammothElement[];
}

function markAlignment(element: MammothElement): MammothElement {
  const children = element.children?.map(markAlignment);
  const align = element.type === "paragraph" && !element.numbering ? ALIGNMENTS[element.alignment ?? ""] : undefined;
  const styleName = align ? `align-${align}|${element.styleName ?? "Normal"}` : element.styleName;
  return { ...element, ...(children ? { children } : {}), ...(align ? { styleName } : {}) };
}

export async function importDocx(docx: Buffer, options: { maxImageBytes: number }): Promise<ImportedContent> {
  const images: ImportedImage[] = [];
  let droppedImages = 0;
  const convertImage = mammoth.images.imgElement(async (image) => {
    const data = await image.readAsBuffer();
    const contentType = sniffImageType(data.subarray(0, 12));
    if (contentType === null || data.length > options.maxImageBytes) {
      droppedImages += 1;
      return { src: "" };
    }
    const placeholderSrc = documentImageSrc(PENDING_DOCUMENT_ID, randomUUID());
    images.push({
      placeholderSrc,
      upload: { contentType, data, sha256: createHash("sha256").update(data).digest("hex") },
    });
    return { src: placeholderSrc };
  });
  let html: string;
  try {
    const result = await mammoth.convertToHtml(
      { buffer: docx },
      {
        styleMap: [...ALIGNED_STYLE_MAP, ...STYLE_MAP],
        convertImage,
        externalFileAccess: false,
        ignoreEmptyParagraphs: true,
        transformDocument: markAlignment,
      },
    );
    html = result.value;
  } catch {
    throw new AppError("BAD_REQUEST", { userMessage: "not a readable DOCX file: its content could not be read" });
  }
  // The schema has heading levels 1–4: deeper Word headings become level 4 rather than text.
  html = html
    .replace(/<(\/?)h[56]\b/g, "<$1h4")
    .replace(/ class="portal-align-(center|right|justify)"/g, ' style="text-align: $1"');
  const parsed = generateJSON(html, conversionExtensions()) as JSONContent;
  const known = new Set(images.map((image) => image.placeholderSrc));
  const content = withTaskLists(sanitise(parsed, known));
  if (!content.content || content.content.length === 0) content.content = [{ type: "paragraph" }];
  // Throws if anything does not fit the schema: a bug here, never a user's file, so let it be a 500.
  conversionSchema().nodeFromJSON(content).check();
  const used = collectImageSources(content);
  return { content, images: images.filter((image) => used.has(image.placeholderSrc)), droppedImages };
}

/** Removes link marks with a disallowed target and images this import did not extract. */
function sanitise(node: JSONContent, knownImages: ReadonlySet<string>): JSONContent {
  const marks = node.marks?.filter(
    (mark) => mark.type !== "link" || (typeof mark.attrs?.href === "string" && isAllowedLinkHref(mark.attrs.href)),
  );
  const content = node.content
    ?.filter((child) => child.type !== "image" || knownImages.has(String(child.attrs?.src)))
    .map((child) => sanitise(child, knownImages));
  return {
    ...node,
    ...(marks ? { marks } : {}),
    ...(content ? { content } : {}),
  };
}

/**
 * Paragraphs that start with ☐ or ☑ (how the portal's DOCX export writes task items, and how
 * people type checklists in Word) become a task list again.
 */
function withTaskLists(node: JSONContent): JSONContent {
  if (!node.content) return node;
  // Only where any block may stand: a list item must keep its first paragraph.
  const holdsBlocks = ["doc", "blockquote", "tableCell", "tableHeader"].includes(node.type ?? "");
  const content: JSONContent[] = [];
  for (const child of node.content.map(withTaskLists)) {
    const task = holdsBlocks && child.type === "paragraph" ? asTaskItem(child) : null;
    const previous = content[content.length - 1];
    if (task && previous?.type === "taskList") previous.content?.push(task);
    else if (task) content.push({ type: "taskList", content: [task] });
    else content.push(child);
  }
  return { ...node, content };
}

function asTaskItem(paragraph: JSONContent): JSONContent | null {
  const first = paragraph.content?.[0];
  if (first?.type !== "text" || !first.text) return null;
  const match = TASK_PREFIX.exec(first.text);
  if (!match) return null;
  const rest = first.text.slice(match[0].length);
  const inline = [...(rest ? [{ ...first, text: rest }] : []), ...(paragraph.content ?? []).slice(1)];
  return {
    type: "taskItem",
    attrs: { checked: match[1] !== "☐" },
    content: [{ type: "paragraph", ...(inline.length > 0 ? { content: inline } : {}) }],
  };
}

function collectImageSources(node: JSONContent, into = new Set<string>()): Set<string> {
  if (node.type === "image" && typeof node.attrs?.src === "string") into.add(node.attrs.src);
  for (const child of node.content ?? []) collectImageSources(child, into);
  return into;
}

/** The content with each placeholder image address replaced (after the images are stored). */
export function replaceImageSources(node: JSONContent, sources: ReadonlyMap<string, string>): JSONContent {
  const src = node.attrs?.src;
  const attrs =
    node.type === "image" && typeof src === "string" && sources.has(src)
      ? { ...node.attrs, src: sources.get(src) }
      : node.attrs;
  return {
    ...node,
    ...(attrs ? { attrs } : {}),
    ...(node.content ? { content: node.content.map((child) => replaceImageSources(child, sources)) } : {}),
  };
}
