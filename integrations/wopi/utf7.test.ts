// UTF-7 as RFC 2152's own examples and WOPI's file names use it.
import { describe, expect, it } from "vitest";
import { decodeUtf7, encodeUtf7, Utf7Error } from "@/integrations/wopi/utf7";

describe("UTF-7", () => {
  it("decodes RFC 2152's examples", () => {
    expect(decodeUtf7("A+ImIDkQ.")).toBe("A\u2262\u0391.");
    expect(decodeUtf7("Hi Mom -+Jjo--!")).toBe("Hi Mom -\u263a-!");
    expect(decodeUtf7("+ZeVnLIqe-")).toBe("\u65e5\u672c\u8a9e");
    expect(decodeUtf7("1 +- 1 = 2")).toBe("1 + 1 = 2");
  });

  it("round-trips French file names, emoji and the characters written escaped", () => {
    for (const name of [
      "Compte-rendu été.docx",
      "Lettre à M. Dupont (2).odt",
      "a+b~c\\d.xlsx",
      "📄 note.docx",
      "plain.txt",
    ])
      expect(decodeUtf7(encodeUtf7(name))).toBe(name);
    expect(encodeUtf7("été")).toBe("+AOk-t+AOk-");
    expect(encodeUtf7("Réunion")).toBe("R+AOk-union");
    expect(encodeUtf7("plain name.docx")).toBe("plain name.docx");
  });

  it("refuses what is not UTF-7", () => {
    expect(() => decodeUtf7("caf\u00e9")).toThrow(Utf7Error);
    expect(() => decodeUtf7("+2D0-")).toThrow(Utf7Error);
  });
});
