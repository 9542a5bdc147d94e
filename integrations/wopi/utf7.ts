/**
 * UTF-7 (RFC 2152), the encoding of WOPI's file-name headers (X-WOPI-SuggestedTarget,
 * X-WOPI-RelativeTarget, X-WOPI-RequestedName, X-WOPI-ValidRelativeTarget): HTTP headers are
 * ASCII, so "Compte-rendu été.docx" arrives as "Compte-rendu +AOkA6Q-.docx".
 *
 * Written here (~40 lines) rather than taken from npm: the `utf7` package has not been maintained
 * for years, and the format is small and fixed. Decoding: `+` starts a run of modified base64 (no
 * padding) of UTF-16BE code units, ended by `-` (consumed) or by any non-base64 character; `+-`
 * is a literal `+`. Encoding writes printable ASCII directly except `+`, `\` and `~`.
 */

const BASE64_CHAR = /[A-Za-z0-9+/]/;

export class Utf7Error extends Error {
  override name = "Utf7Error";
}

export function decodeUtf7(input: string): string {
  let output = "";
  let index = 0;
  while (index < input.length) {
    const character = input[index] as string;
    if (character !== "+") {
      if (character.charCodeAt(0) > 0x7e) throw new Utf7Error("UTF-7 text is ASCII only");
      output += character;
      index += 1;
      continue;
    }
    let end = index + 1;
    while (end < input.length && BASE64_CHAR.test(input[end] as string)) end += 1;
    const run = input.slice(index + 1, end);
    if (run === "") output += "+";
    else {
      const bytes = Buffer.from(run, "base64");
      // Leftover bits beyond whole 16-bit units must be zero; an odd byte is a broken run.
      const units = Math.floor(bytes.length / 2);
      for (let unit = 0; unit < units; unit += 1) output += String.fromCharCode(bytes.readUInt16BE(unit * 2));
    }
    index = input[end] === "-" ? end + 1 : end;
  }
  if (/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(output))
    throw new Utf7Error("UTF-7 text decodes to a broken surrogate pair");
  return output;
}

export function encodeUtf7(input: string): string {
  return input.replace(/[^\x20-\x2a\x2c-\x5b\x5d-\x7d]+/g, (run) => {
    if (run === "+") return "+-";
    const bytes = Buffer.alloc(run.length * 2);
    for (let index = 0; index < run.length; index += 1) bytes.writeUInt16BE(run.charCodeAt(index), index * 2);
    return `+${bytes.toString("base64").replace(/=+$/, "")}-`;
  });
}
