import { describe, expect, it } from "vitest";
import { LOCALES } from "@/i18n/locales";
import { loadMessages } from "@/server/i18n/load-messages";
import { mergeMessageFiles, type TMessageTree } from "@/server/i18n/merge-message-files";

/** Every leaf key of a message tree, as dotted paths. */
function leafKeys(tree: object, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([key, value]: [string, unknown]) =>
    typeof value === "string" ? [`${prefix}${key}`] : leafKeys(value as TMessageTree, `${prefix}${key}.`),
  );
}

/**
 * `{placeholders}` of an ICU message, to check that a translation keeps them: a name closed by `}`
 * or followed by `,` (a plural or select). The text of a plural branch (`{Write to # people}`) is
 * not a placeholder.
 */
function placeholders(message: string): string[] {
  return [...message.matchAll(/\{\s*([a-zA-Z0-9_]+)\s*[},]/g)].map((match) => match[1] ?? "").sort();
}

describe("i18n/messages", () => {
  it("fr and en have exactly the same keys", async () => {
    const [fr, en] = await Promise.all([loadMessages("fr"), loadMessages("en")]);
    const frKeys = leafKeys(fr).sort();
    const enKeys = leafKeys(en).sort();
    expect(
      enKeys.filter((key) => !frKeys.includes(key)),
      "keys only in en",
    ).toEqual([]);
    expect(
      frKeys.filter((key) => !enKeys.includes(key)),
      "keys only in fr",
    ).toEqual([]);
  });

  it("translations keep the same placeholders and no message is empty", async () => {
    const [fr, en] = await Promise.all([loadMessages("fr"), loadMessages("en")]);
    const lookup = (tree: object, key: string): string =>
      key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], tree) as string;
    for (const key of leafKeys(fr)) {
      const frMessage = lookup(fr, key);
      const enMessage = lookup(en, key);
      expect(frMessage.trim(), `fr ${key}`).not.toBe("");
      expect(enMessage.trim(), `en ${key}`).not.toBe("");
      expect(placeholders(enMessage), key).toEqual(placeholders(frMessage));
    }
  });

  it("every language loads", async () => {
    for (const locale of LOCALES) {
      const messages = await loadMessages(locale);
      expect(messages.common.appName).toBeTruthy();
    }
  });
});

describe("mergeMessageFiles", () => {
  it("maps <namespace>.json and merges <namespace>.<part>.json into it", () => {
    const merged = mergeMessageFiles([
      { fileName: "nav.json", content: { home: "Accueil" } },
      { fileName: "nav.files.json", content: { files: "Fichiers" } },
      { fileName: "shell.json", content: { menu: { open: "Ouvrir" } } },
    ]);
    expect(merged).toEqual({ nav: { home: "Accueil", files: "Fichiers" }, shell: { menu: { open: "Ouvrir" } } });
  });

  it("refuses a key defined twice, whatever the file order", () => {
    const files = [
      { fileName: "nav.json", content: { files: "Fichiers" } },
      { fileName: "nav.files.json", content: { files: "Documents" } },
    ];
    const expected = /nav\.json: "nav\.files" is already defined in nav\.files\.json/;
    expect(() => mergeMessageFiles(files)).toThrow(expected);
    expect(() => mergeMessageFiles([...files].reverse())).toThrow(expected);
  });

  it("refuses bad names and shapes", () => {
    expect(() => mergeMessageFiles([{ fileName: "Shell.json", content: {} }])).toThrow(/expected <namespace>/);
    expect(() => mergeMessageFiles([{ fileName: "shell.json", content: ["a"] }])).toThrow(/JSON object/);
    expect(() => mergeMessageFiles([{ fileName: "shell.json", content: { a: 1 } }])).toThrow(/string or an object/);
    expect(() => mergeMessageFiles([{ fileName: "shell.json", content: { "a.b": "x" } }])).toThrow(/contains a dot/);
  });
});
