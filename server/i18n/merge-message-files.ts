/**
 * Merges the message files of one language into one tree of namespaces.
 *
 * Convention (see i18n/README.md): `i18n/messages/<locale>/<namespace>.json` holds a namespace, and
 * `<namespace>.<part>.json` adds keys to it. The second form lets a module contribute to a shared
 * namespace (its launcher label under `nav`, its widget title under `widgets`) from a file of its
 * own, so modules never edit each other's files. A key defined twice is an error, not a silent
 * override: two modules fighting over one label would otherwise depend on directory order.
 */
import "server-only";

export interface TMessageTree {
  [key: string]: string | TMessageTree;
}

export interface TMessageFile {
  /** Base name, e.g. `shell.json` or `nav.files.json`. */
  fileName: string;
  /** Parsed JSON content. */
  content: unknown;
}

const FILE_NAME = /^([a-z][a-zA-Z0-9]*)(?:\.[a-zA-Z0-9-]+)?\.json$/;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Which file defined each key path, to name both files when a key is defined twice. */
type TOrigins = Map<string, string>;

function mergeInto(
  target: TMessageTree,
  source: Record<string, unknown>,
  path: string,
  fileName: string,
  origins: TOrigins,
): void {
  for (const [key, value] of Object.entries(source)) {
    const keyPath = `${path}.${key}`;
    if (key.includes(".")) throw new Error(`[i18n] ${fileName}: key "${keyPath}" contains a dot; nest objects instead`);
    const existing = target[key];
    if (typeof value === "string") {
      if (existing !== undefined) {
        throw new Error(
          `[i18n] ${fileName}: "${keyPath}" is already defined in ${origins.get(keyPath) ?? "another file"}`,
        );
      }
      target[key] = value;
      origins.set(keyPath, fileName);
    } else if (isPlainObject(value)) {
      if (typeof existing === "string") {
        throw new Error(
          `[i18n] ${fileName}: "${keyPath}" is already a message in ${origins.get(keyPath) ?? "another file"}`,
        );
      }
      const branch: TMessageTree = existing ?? {};
      target[key] = branch;
      mergeInto(branch, value, keyPath, fileName, origins);
    } else {
      throw new Error(`[i18n] ${fileName}: "${keyPath}" must be a string or an object`);
    }
  }
}

/** Merges parsed message files into `{ [namespace]: tree }`; throws on a bad name, shape or duplicate key. */
export function mergeMessageFiles(files: readonly TMessageFile[]): Record<string, TMessageTree> {
  const namespaces: Record<string, TMessageTree> = {};
  const origins: TOrigins = new Map();
  // Sorted so that an error names the same file whatever order the file system lists them in.
  const sorted = [...files].sort((a, b) => a.fileName.localeCompare(b.fileName));
  for (const { fileName, content } of sorted) {
    const match = FILE_NAME.exec(fileName);
    const namespace = match?.[1];
    if (!namespace) throw new Error(`[i18n] ${fileName}: expected <namespace>.json or <namespace>.<part>.json`);
    if (!isPlainObject(content)) throw new Error(`[i18n] ${fileName}: expected a JSON object`);
    const tree = (namespaces[namespace] ??= {});
    mergeInto(tree, content, namespace, fileName, origins);
  }
  return namespaces;
}
