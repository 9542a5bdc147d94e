// Proof-key verification against Microsoft's published vectors (proof-key-test-vectors.ts) and
// against real RSA keys generated here: freshness, the three accepted key/header pairs, and the
// pair that must stay refused (ProofOld signed with the old key).
import { generateKeyPairSync, sign } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  expectedProofBytes,
  msFromTicks,
  parseTicks,
  rsaKeyFromModulus,
  ticksFromMs,
  verifyProof,
  PROOF_MAX_AGE_MS,
} from "@/integrations/wopi/proof-keys";
import {
  MICROSOFT_DISCOVERY_PROOF_KEY as KEY,
  MICROSOFT_PROOF_KEY_CASES,
} from "@/integrations/wopi/proof-key-test-vectors";

describe("Microsoft's proof-key test vectors", () => {
  const keys = {
    current: rsaKeyFromModulus(KEY.modulus, KEY.exponent),
    old: rsaKeyFromModulus(KEY.oldmodulus, KEY.oldexponent),
  };
  for (const testCase of MICROSOFT_PROOF_KEY_CASES) {
    it(`${testCase.valid ? "accepts" : "refuses"} ${testCase.name}`, () => {
      const verdict = verifyProof(testCase, keys, Date.now(), { skipFreshness: true });
      expect(verdict.ok).toBe(testCase.valid);
    });
  }

  it("refuses every valid vector once its URL, token or timestamp is altered", () => {
    for (const testCase of MICROSOFT_PROOF_KEY_CASES.filter((item) => item.valid)) {
      const altered = [
        { ...testCase, url: `${testCase.url}x` },
        { ...testCase, accessToken: `${testCase.accessToken}x` },
        { ...testCase, timestamp: String(BigInt(testCase.timestamp) + 1n) },
      ];
      for (const request of altered)
        expect(verifyProof(request, keys, 0, { skipFreshness: true })).toEqual({
          ok: false,
          reason: "signature-mismatch",
        });
    }
  });

  it("applies the 20-minute rule to them: they are from 2015", () => {
    const first = MICROSOFT_PROOF_KEY_CASES[0];
    if (!first) throw new Error("no test vector");
    expect(verifyProof(first, keys, Date.now())).toEqual({ ok: false, reason: "stale-timestamp" });
  });
});

describe("proof keys with generated RSA keys", () => {
  const pair = () => generateKeyPairSync("rsa", { modulusLength: 2048 });
  const current = pair();
  const old = pair();
  const stranger = pair();
  const keys = { current: current.publicKey, old: old.publicKey };
  const now = Date.UTC(2026, 10, 30, 12, 0, 0);
  const url = "https://portail.hopital.test/wopi/files/4f0c?access_token=abc.DEF-ghi_jkl";
  const token = "abc.DEF-ghi_jkl";
  const signWith = (key: typeof current.privateKey, at = now) =>
    sign("RSA-SHA256", expectedProofBytes(token, url, ticksFromMs(at)), key).toString("base64");
  const request = (proof?: string, proofOld?: string, at = now) => ({
    accessToken: token,
    url,
    timestamp: ticksFromMs(at).toString(),
    proof,
    proofOld,
  });

  it("accepts Proof with the current key, ProofOld with the current key, Proof with the old key", () => {
    expect(verifyProof(request(signWith(current.privateKey), signWith(old.privateKey)), keys, now)).toMatchObject({
      ok: true,
      matched: "proof-current",
    });
    expect(verifyProof(request(signWith(stranger.privateKey), signWith(current.privateKey)), keys, now)).toMatchObject({
      ok: true,
      matched: "proofold-current",
    });
    expect(verifyProof(request(signWith(old.privateKey), signWith(stranger.privateKey)), keys, now)).toMatchObject({
      ok: true,
      matched: "proof-old",
    });
  });

  it("refuses ProofOld signed with the old key, and a wrong key", () => {
    expect(verifyProof(request(signWith(stranger.privateKey), signWith(old.privateKey)), keys, now)).toEqual({
      ok: false,
      reason: "signature-mismatch",
    });
    expect(verifyProof(request(signWith(stranger.privateKey)), keys, now).ok).toBe(false);
  });

  it("refuses a timestamp older (or further ahead) than 20 minutes, accepts one just inside", () => {
    const stale = now - PROOF_MAX_AGE_MS - 1000;
    expect(verifyProof(request(signWith(current.privateKey, stale), undefined, stale), keys, now)).toEqual({
      ok: false,
      reason: "stale-timestamp",
    });
    const ahead = now + PROOF_MAX_AGE_MS + 1000;
    expect(verifyProof(request(signWith(current.privateKey, ahead), undefined, ahead), keys, now).ok).toBe(false);
    const recent = now - PROOF_MAX_AGE_MS + 1000;
    expect(verifyProof(request(signWith(current.privateKey, recent), undefined, recent), keys, now).ok).toBe(true);
  });

  it("refuses missing headers and malformed timestamps", () => {
    expect(verifyProof(request(undefined), keys, now)).toEqual({ ok: false, reason: "missing-headers" });
    for (const timestamp of ["", "-5", "12e4", "99999999999999999999", "0x10"])
      expect(verifyProof({ ...request(signWith(current.privateKey)), timestamp }, keys, now)).toMatchObject({
        ok: false,
        reason: expect.stringMatching(/timestamp|missing/),
      });
    expect(verifyProof(request("not base64 at all!!"), keys, now).ok).toBe(false);
  });

  it("round-trips ticks (100 ns since 0001-01-01) without losing milliseconds", () => {
    expect(ticksFromMs(0)).toBe(621_355_968_000_000_000n);
    expect(msFromTicks(ticksFromMs(now))).toBe(now);
    expect(parseTicks("635655897610773532")).toBe(635655897610773532n);
    expect(parseTicks("9223372036854775808")).toBeNull();
  });
});
