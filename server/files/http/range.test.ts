import { describe, expect, it } from "vitest";
import { contentRangeHeader, parseRangeHeader, resolveRange } from "@/server/files/http/range";

describe("parseRangeHeader", () => {
  it.each([
    ["bytes=0-99", { kind: "from", start: 0, end: 99 }],
    ["bytes=100-", { kind: "from", start: 100 }],
    ["bytes=-500", { kind: "suffix", length: 500 }],
    ["BYTES = 5 - 9", { kind: "from", start: 5, end: 9 }],
  ])("reads %s", (header, expected) => {
    expect(parseRangeHeader(header)).toEqual(expected);
  });

  it.each([
    ["absent", undefined],
    ["another unit", "items=0-1"],
    ["several ranges (answered with the whole file)", "bytes=0-1,5-9"],
    ["last before first", "bytes=9-5"],
    ["no positions", "bytes=-"],
    ["garbage", "bytes=abc"],
    ["negative", "bytes=-5-10"],
    ["absurdly long numbers", `bytes=0-${"9".repeat(40)}`],
    ["an overlong header", `bytes=0-1${" ".repeat(300)}`],
  ])("ignores %s", (_name, header) => {
    expect(parseRangeHeader(header)).toBeNull();
  });
});

describe("resolveRange", () => {
  it("shortens a range past the end and a suffix longer than the file", () => {
    expect(resolveRange({ kind: "from", start: 10, end: 1000 }, 100)).toEqual({ start: 10, end: 99 });
    expect(resolveRange({ kind: "suffix", length: 1000 }, 100)).toEqual({ start: 0, end: 99 });
    expect(resolveRange({ kind: "suffix", length: 10 }, 100)).toEqual({ start: 90, end: 99 });
    expect(resolveRange({ kind: "from", start: 99 }, 100)).toEqual({ start: 99, end: 99 });
  });

  it("finds a start at or past the end, an empty suffix and any range of an empty file unsatisfiable", () => {
    expect(resolveRange({ kind: "from", start: 100 }, 100)).toBe("unsatisfiable");
    expect(resolveRange({ kind: "suffix", length: 0 }, 100)).toBe("unsatisfiable");
    expect(resolveRange({ kind: "from", start: 0 }, 0)).toBe("unsatisfiable");
  });

  it("writes Content-Range", () => {
    expect(contentRangeHeader({ start: 0, end: 9 }, 100)).toBe("bytes 0-9/100");
  });
});
