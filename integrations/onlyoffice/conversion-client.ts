/**
 * The Document Server's ConvertService (API docs: conversion-api/request and response):
 * `POST {ONLYOFFICE_URL}/converter?shardkey={key}` with a signed JSON body, `Accept:
 * application/json` (the default answer is XML). With `async: true` the service answers at once
 * with the progress and is asked again with the same key until `endConvert`, so no request waits
 * minutes on a large file.
 */
import "server-only";
import { z } from "zod";
import { signOnlyOfficePayload } from "@/integrations/onlyoffice/jwt";

const ZConvertAnswer = z.union([
  z.object({ error: z.number().int() }),
  z.object({
    endConvert: z.boolean(),
    fileUrl: z.string().optional(),
    fileType: z.string().optional(),
    percent: z.number().optional(),
  }),
]);

/** The documented error codes, in words a log and a user message can use. */
export const CONVERSION_ERRORS: Readonly<Record<number, string>> = {
  [-1]: "unknown error",
  [-2]: "conversion timeout",
  [-3]: "conversion error",
  [-4]: "the Document Server could not download the file",
  [-5]: "the file is password-protected",
  [-6]: "the Document Server's database failed",
  [-7]: "invalid input",
  [-8]: "invalid token (check JWT_SECRET and ONLYOFFICE_JWT_SECRET)",
};

export class ConversionError extends Error {
  override name = "ConversionError";
  constructor(
    /** A ConvertService error code (negative), or 0 for a transport failure or timeout. */
    readonly code: number,
    message: string,
  ) {
    super(`[onlyoffice] conversion failed: ${message}`);
  }
}

export interface ConversionRequest {
  /** URL the Document Server downloads the source from (signed, short-lived). */
  url: string;
  fromType: string;
  toType: string;
  /** Unique per conversion of a given content; polling reuses it. */
  key: string;
  title: string;
}

export interface ConversionOptions {
  documentServerUrl: string;
  secret: string;
  signal?: AbortSignal;
  /** Default 1 s between polls. */
  pollIntervalMs?: number;
  /** Overall deadline, default 120 s. */
  timeoutMs?: number;
}

/** Converts and returns the URL of the result on the Document Server. */
export async function convertDocument(request: ConversionRequest, options: ConversionOptions): Promise<string> {
  const body = {
    async: true,
    filetype: request.fromType,
    outputtype: request.toType,
    key: request.key,
    title: request.title,
    url: request.url,
  };
  const token = await signOnlyOfficePayload(body, options.secret);
  const endpoint = `${options.documentServerUrl}/converter?shardkey=${encodeURIComponent(request.key)}`;
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  const signal = options.signal
    ? AbortSignal.any([options.signal, AbortSignal.timeout(options.timeoutMs ?? 120_000)])
    : AbortSignal.timeout(options.timeoutMs ?? 120_000);
  for (;;) {
    let response: Response;
    try {
      response = await fetch(endpoint, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify({ ...body, token }),
        signal,
        redirect: "error",
      });
    } catch {
      throw new ConversionError(0, signal.aborted ? "timeout" : "the Document Server did not answer");
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new ConversionError(0, `http ${response.status}`);
    }
    const parsed = ZConvertAnswer.safeParse(await response.json().catch(() => null));
    if (!parsed.success) throw new ConversionError(0, "unexpected answer");
    const answer = parsed.data;
    if ("error" in answer) {
      throw new ConversionError(answer.error, CONVERSION_ERRORS[answer.error] ?? `error ${answer.error}`);
    }
    if (answer.endConvert) {
      if (!answer.fileUrl) throw new ConversionError(0, "no fileUrl in the answer");
      return answer.fileUrl;
    }
    if (Date.now() >= deadline) throw new ConversionError(-2, CONVERSION_ERRORS[-2] ?? "timeout");
    await new Promise((resolve) => setTimeout(resolve, options.pollIntervalMs ?? 1000));
  }
}
