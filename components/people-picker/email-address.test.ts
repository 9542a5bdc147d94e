// The picker's instant address check: real addresses pass; spaces, separators, brackets, line
// breaks (header injection) and half addresses do not.
import { describe, expect, it } from "vitest";
import { isEmailAddress } from "./email-address";

describe("isEmailAddress", () => {
  it("accepts ordinary and accented addresses", () => {
    for (const value of ["a@b.fr", "helene.leroux@demo.hopital.test", "x+tag@sub.example.org", "zoé@hôpital.fr"]) {
      expect(isEmailAddress(value), value).toBe(true);
    }
  });
  it("refuses what could smuggle another address or a header", () => {
    for (const value of [
      "",
      "a",
      "a@b",
      "@b.fr",
      "a@.fr ",
      "a b@c.fr",
      "a@b.fr, c@d.fr",
      "a@b.fr;c@d.fr",
      "<a@b.fr>",
      "a@b.fr\r\nBcc: x@y.fr",
      '"a"@b.fr',
      `${"a".repeat(250)}@b.fr`,
    ]) {
      expect(isEmailAddress(value), JSON.stringify(value)).toBe(false);
    }
  });
});
