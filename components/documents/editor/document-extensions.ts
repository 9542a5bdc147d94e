/**
 * The one list of tiptap extensions that defines what a portal document can contain. The browser
 * editor, the collaboration server's JSON <-> Yjs transformer and import/export all build their
 * schema from this function, so a node the editor can write is a node the server can read and the
 * exporters can render (and nothing else survives a round trip).
 *
 * No collaboration extensions here: the editor adds Collaboration / CollaborationCaret itself.
 * Pass `collaborative: true` there so StarterKit's own undo history is left out (Collaboration
 * brings a Yjs undo manager that undoes only this user's changes; both together conflict).
 *
 * Nothing here touches the DOM at import time, so the list also loads in Node.
 */
import type { AnyExtension } from "@tiptap/core";
import StarterKit from "@tiptap/starter-kit";
import { TaskItem, TaskList } from "@tiptap/extension-list";
import { TableKit } from "@tiptap/extension-table";
import TextAlign from "@tiptap/extension-text-align";
import Image from "@tiptap/extension-image";
import { CharacterCount, Placeholder } from "@tiptap/extensions";

/**
 * Name of the Y.XmlFragment holding a document's content in its Yjs document (tiptap
 * Collaboration's default). The editor, the server's JSON <-> Yjs conversion and templates use it.
 */
export const DOCUMENT_YJS_FIELD = "default";

/** Images a document may show: only those the portal stores for that document. */
const PORTAL_IMAGE_SRC = /^\/api\/document-images\/[0-9a-f-]{36}\/[0-9a-f-]{36}$/i;

/**
 * Where the portal serves an image stored for a document (server/documents/images/). Its own prefix,
 * not under /api/documents/, because it is a streaming route answered before Next.
 */
export function documentImageSrc(documentId: string, imageId: string): string {
  return `/api/document-images/${documentId}/${imageId}`;
}

/** True when `src` points at an image the portal stores (never a remote or data: URL). */
export function isPortalImageSrc(src: unknown): src is string {
  return typeof src === "string" && PORTAL_IMAGE_SRC.test(src);
}

/** Link targets a document may hold: no javascript:, data: or relative tricks. */
export const ALLOWED_LINK_PROTOCOLS = ["http", "https", "mailto", "tel"] as const;

export function isAllowedLinkHref(href: string): boolean {
  try {
    const url = new URL(href);
    return (ALLOWED_LINK_PROTOCOLS as readonly string[]).includes(url.protocol.slice(0, -1));
  } catch {
    return false;
  }
}

/**
 * An image node whose `src` is kept only when it is a portal-stored image: pasted or imported HTML
 * cannot make a reader's browser fetch a remote host (sovereignty, tracking pixels).
 */
const PortalImage = Image.extend({
  parseHTML() {
    // An <img> that is not a portal image is dropped whole rather than kept as an empty image.
    return [{ tag: "img[src]", getAttrs: (element) => (isPortalImageSrc(element.getAttribute("src")) ? null : false) }];
  },
  addAttributes() {
    const parent = this.parent?.() ?? {};
    return {
      ...parent,
      src: {
        default: null,
        parseHTML: (element: HTMLElement) => {
          const src = element.getAttribute("src");
          return isPortalImageSrc(src) ? src : null;
        },
      },
    };
  },
}).configure({ inline: false, allowBase64: false });

export interface DocumentExtensionOptions {
  /** True in the collaborative editor: leaves out StarterKit's undo history (see header). */
  collaborative?: boolean;
  /** Placeholder shown in an empty paragraph (editor only; has no effect on the schema). */
  placeholder?: string;
  /** Maximum number of characters (CharacterCount refuses longer input); unlimited when absent. */
  characterLimit?: number;
}

export function documentExtensions(options: DocumentExtensionOptions = {}): AnyExtension[] {
  const extensions: AnyExtension[] = [
    StarterKit.configure({
      heading: { levels: [1, 2, 3, 4] },
      undoRedo: options.collaborative ? false : undefined,
      link: {
        openOnClick: false,
        autolink: true,
        defaultProtocol: "https",
        protocols: ["mailto", "tel"],
        // Bare domains are completed with https; anything with a scheme must be an allowed one.
        isAllowedUri: (url, context) =>
          context.defaultValidate(url) && (!/^[a-z][a-z0-9+.-]*:/i.test(url) || isAllowedLinkHref(url)),
        HTMLAttributes: { rel: "noopener noreferrer nofollow", target: "_blank" },
      },
      // Carets are drawn by CollaborationCaret; the drop cursor uses the theme colour.
      dropcursor: { color: "currentColor", width: 2 },
    }),
    TaskList,
    TaskItem.configure({ nested: true }),
    TableKit.configure({ table: { resizable: false } }),
    TextAlign.configure({ types: ["heading", "paragraph"], alignments: ["left", "center", "right", "justify"] }),
    PortalImage,
    CharacterCount.configure({ limit: options.characterLimit ?? null }),
  ];
  if (options.placeholder) extensions.push(Placeholder.configure({ placeholder: options.placeholder }));
  return extensions;
}
