/**
 * A portal document (tiptap JSON, schema of components/documents/editor/document-extensions.ts)
 * written as a Word document with the `docx` library.
 *
 * Faithful where Word has the real thing: headings use Word's Heading 1–4 styles (so the
 * navigation pane and a table of contents work), lists use real numbering definitions (a new
 * ordered list starts again at 1), tables are tables (header rows repeat, merged cells kept),
 * emphasis is run formatting, links are hyperlinks, images are embedded (WebP, which Word does not
 * take, re-encoded as PNG: webp-to-png.ts). Task items have no Word
 * equivalent: they become ☐ / ☑ paragraphs, which import reads back as task items.
 *
 * Only what the schema allows is rendered; an unknown node's text is kept as plain paragraphs
 * rather than dropped silently.
 */
import "server-only";
import type { JSONContent } from "@tiptap/core";
import {
  AlignmentType,
  BorderStyle,
  Document,
  ExternalHyperlink,
  HeadingLevel,
  ImageRun,
  LevelFormat,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type ILevelsOptions,
  type ParagraphChild,
} from "docx";
import { readImageDimensions } from "@/server/documents/convert/image-dimensions";
import { webpToPng } from "@/server/documents/convert/webp-to-png";
import { env } from "@/server/env";

export interface LoadedImage {
  data: Uint8Array;
  contentType: string;
}

/** Reads an image node's `src` (a portal image); null when it cannot be found. */
export type ImageLoader = (src: string) => Promise<LoadedImage | null>;

export interface DocxExportOptions {
  title?: string;
  loadImage: ImageLoader;
  /** Largest image, before and after a WebP is re-encoded (default DOCUMENTS_IMAGE_MAX_BYTES). */
  maxImageBytes?: number;
}

const BULLETS = "portal-bullets";
const ORDERED = "portal-ordered";
/** Widest an image is drawn, in pixels (A4 text width at 96 dpi is about 600 px). */
const MAX_IMAGE_WIDTH = 600;
const HEADINGS = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4];
const ALIGNMENTS = {
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
  justify: AlignmentType.JUSTIFIED,
} as const;

function listLevels(ordered: boolean): ILevelsOptions[] {
  const orderedFormats = [LevelFormat.DECIMAL, LevelFormat.LOWER_LETTER, LevelFormat.LOWER_ROMAN];
  const bullets = ["•", "◦", "▪"];
  return Array.from({ length: 9 }, (_, level) => ({
    level,
    format: ordered ? orderedFormats[level % 3] : LevelFormat.BULLET,
    text: ordered ? `%${level + 1}.` : bullets[level % 3],
    alignment: AlignmentType.LEFT,
    style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } },
  }));
}

/**
 * Word's Heading 1–4 with their outline level: the level is what makes Word's navigation pane, a
 * table of contents, LibreOffice and PDF bookmarks treat them as headings (`docx`'s defaults omit it).
 */
function headingStyles() {
  const sizes = [32, 28, 26, 24]; // half-points
  const style = (level: number) => ({
    run: { size: sizes[level], bold: true, color: "1F3A5F" },
    paragraph: { outlineLevel: level, keepNext: true, spacing: { before: 240, after: 120 } },
  });
  return { heading1: style(0), heading2: style(1), heading3: style(2), heading4: style(3) };
}

type Block = Paragraph | Table;

/** Where a block sits: its list depth, inside a quote, in a header cell (bold). */
interface BlockContext {
  listLevel: number;
  quote: boolean;
  bold: boolean;
}

const TOP: BlockContext = { listLevel: -1, quote: false, bold: false };

/** Paragraph options a quote adds: an indent and a rule on the left, as Word's own "Quote" look. */
function quoteOptions(context: BlockContext) {
  return context.quote
    ? {
        indent: { left: 567 },
        border: { left: { style: BorderStyle.SINGLE, size: 12, color: "A0A7AE", space: 8 } },
      }
    : {};
}

/** State while walking one document: list instances and images. */
class DocxWriter {
  private listInstance = 0;

  constructor(
    private readonly loadImage: ImageLoader,
    private readonly maxImageBytes: () => number,
  ) {}

  async blocks(nodes: readonly JSONContent[] | undefined, context: BlockContext = TOP): Promise<Block[]> {
    const out: Block[] = [];
    for (const node of nodes ?? []) out.push(...(await this.block(node, context)));
    return out;
  }

  private async block(node: JSONContent, context: BlockContext): Promise<Block[]> {
    switch (node.type) {
      case "paragraph":
        return [
          new Paragraph({
            ...quoteOptions(context),
            alignment: alignmentOf(node),
            children: this.inlines(node.content, context),
          }),
        ];
      case "heading": {
        const level = Math.min(Math.max(Number(node.attrs?.level ?? 1), 1), 4);
        return [
          new Paragraph({
            ...quoteOptions(context),
            heading: HEADINGS[level - 1],
            alignment: alignmentOf(node),
            children: this.inlines(node.content, context),
          }),
        ];
      }
      case "bulletList":
      case "orderedList":
        return this.list(node, { ...context, listLevel: context.listLevel + 1 });
      case "taskList":
        return this.taskList(node, { ...context, listLevel: context.listLevel + 1 });
      case "blockquote":
        return this.blocks(node.content, { ...context, quote: true });
      case "table":
        return [await this.table(node)];
      case "image":
        return [await this.image(node)];
      case "horizontalRule":
        return [
          new Paragraph({ border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: "999999", space: 1 } } }),
        ];
      case "codeBlock":
        return textOf(node)
          .split("\n")
          .map((line) => new Paragraph({ children: [new TextRun({ text: line, font: "Courier New" })] }));
      default:
        // Not in the schema: keep its text rather than lose it.
        return textOf(node) ? [new Paragraph({ children: [new TextRun(textOf(node))] })] : [];
    }
  }

  private async list(node: JSONContent, context: BlockContext): Promise<Block[]> {
    const level = context.listLevel;
    const ordered = node.type === "orderedList";
    const instance = ++this.listInstance;
    const out: Block[] = [];
    for (const item of node.content ?? []) {
      let first = true;
      for (const child of item.content ?? []) {
        if (first && child.type === "paragraph") {
          out.push(
            new Paragraph({
              alignment: alignmentOf(child),
              numbering: { reference: ordered ? ORDERED : BULLETS, level: Math.min(level, 8), instance },
              children: this.inlines(child.content, context),
            }),
          );
        } else if (child.type === "paragraph") {
          // A second paragraph of the same item: aligned with the item's text, no number.
          out.push(
            new Paragraph({ indent: { left: 720 * (level + 1) }, children: this.inlines(child.content, context) }),
          );
        } else {
          out.push(...(await this.block(child, context)));
        }
        first = false;
      }
    }
    return out;
  }

  private async taskList(node: JSONContent, context: BlockContext): Promise<Block[]> {
    const level = context.listLevel;
    const out: Block[] = [];
    for (const item of node.content ?? []) {
      const box = item.attrs?.checked === true ? "☑" : "☐";
      let first = true;
      for (const child of item.content ?? []) {
        if (child.type === "paragraph") {
          const prefix = first ? [new TextRun(`${box} `)] : [];
          out.push(
            new Paragraph({
              indent: { left: 360 * level + (first ? 0 : 360) },
              children: [...prefix, ...this.inlines(child.content, context)],
            }),
          );
        } else {
          out.push(...(await this.block(child, context)));
        }
        first = false;
      }
    }
    return out;
  }

  private async table(node: JSONContent): Promise<Table> {
    const rows: TableRow[] = [];
    for (const row of node.content ?? []) {
      const cells: TableCell[] = [];
      const allHeaders = (row.content ?? []).every((cell) => cell.type === "tableHeader");
      for (const cell of row.content ?? []) {
        const header = cell.type === "tableHeader";
        const content = await this.blocks(cell.content, { ...TOP, bold: header });
        cells.push(
          new TableCell({
            columnSpan: positiveInt(cell.attrs?.colspan),
            rowSpan: positiveInt(cell.attrs?.rowspan),
            shading: header ? { fill: "E8ECEF" } : undefined,
            children: content.length > 0 ? content : [new Paragraph("")],
          }),
        );
      }
      rows.push(new TableRow({ tableHeader: allHeaders, children: cells }));
    }
    return new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows });
  }

  private async image(node: JSONContent): Promise<Paragraph> {
    const src = typeof node.attrs?.src === "string" ? node.attrs.src : null;
    const alt = typeof node.attrs?.alt === "string" ? node.attrs.alt : "";
    const image = src ? await this.wordImage(src) : null;
    const type = image ? docxImageType(image.contentType) : null;
    const size = image ? readImageDimensions(image.data) : null;
    if (!image || !type || !size) {
      // Missing, unreadable, or a WebP that could not be re-encoded within limits: say so where the image was.
      return new Paragraph({ children: [new TextRun({ text: `[Image${alt ? ` : ${alt}` : ""}]`, italics: true })] });
    }
    const scale = Math.min(1, MAX_IMAGE_WIDTH / size.width);
    return new Paragraph({
      children: [
        new ImageRun({
          type,
          data: image.data,
          transformation: { width: Math.round(size.width * scale), height: Math.round(size.height * scale) },
          altText: { name: alt || "image", description: alt, title: alt },
        }),
      ],
    });
  }

  /** The image as Word can take it: WebP re-encoded as PNG (null when that fails), others as stored. */
  private async wordImage(src: string): Promise<LoadedImage | null> {
    const image = await this.loadImage(src);
    if (!image || image.contentType !== "image/webp") return image;
    const png = await webpToPng(image.data, { maxBytes: this.maxImageBytes() });
    return png ? { data: png, contentType: "image/png" } : null;
  }

  private inlines(nodes: readonly JSONContent[] | undefined, context: BlockContext): ParagraphChild[] {
    const out: ParagraphChild[] = [];
    for (const node of nodes ?? []) {
      if (node.type === "hardBreak") {
        out.push(new TextRun({ text: "", break: 1 }));
        continue;
      }
      if (node.type !== "text" || !node.text) continue;
      const marks = new Set((node.marks ?? []).map((mark) => mark.type));
      const link = (node.marks ?? []).find((mark) => mark.type === "link");
      const href = typeof link?.attrs?.href === "string" ? link.attrs.href : null;
      const run = new TextRun({
        text: node.text,
        bold: marks.has("bold") || context.bold || undefined,
        italics: marks.has("italic") || undefined,
        underline: marks.has("underline") || href ? {} : undefined,
        strike: marks.has("strike") || undefined,
        font: marks.has("code") ? "Courier New" : undefined,
        color: href ? "0563C1" : undefined,
      });
      out.push(href ? new ExternalHyperlink({ link: href, children: [run] }) : run);
    }
    return out;
  }
}

function alignmentOf(node: JSONContent): (typeof AlignmentType)[keyof typeof AlignmentType] | undefined {
  const align = node.attrs?.textAlign;
  return typeof align === "string" && align in ALIGNMENTS ? ALIGNMENTS[align as keyof typeof ALIGNMENTS] : undefined;
}

function positiveInt(value: unknown): number | undefined {
  const number = Number(value);
  return Number.isInteger(number) && number > 1 ? number : undefined;
}

function docxImageType(contentType: string): "png" | "jpg" | "gif" | null {
  if (contentType === "image/png") return "png";
  if (contentType === "image/jpeg") return "jpg";
  if (contentType === "image/gif") return "gif";
  return null;
}

function textOf(node: JSONContent): string {
  if (node.type === "text") return node.text ?? "";
  return (node.content ?? []).map(textOf).join(node.type === "codeBlock" ? "" : " ");
}

/** The document as DOCX bytes (the `docx` library builds the whole zip in memory; documents are size-limited). */
export async function exportDocx(doc: JSONContent, options: DocxExportOptions): Promise<Buffer> {
  const writer = new DocxWriter(options.loadImage, () => options.maxImageBytes ?? env().DOCUMENTS_IMAGE_MAX_BYTES);
  const children = await writer.blocks(doc.content);
  const document = new Document({
    creator: "Portail",
    title: options.title,
    styles: { default: headingStyles() },
    numbering: {
      config: [
        { reference: BULLETS, levels: listLevels(false) },
        { reference: ORDERED, levels: listLevels(true) },
      ],
    },
    sections: [{ children: children.length > 0 ? children : [new Paragraph("")] }],
  });
  return Packer.toBuffer(document);
}
