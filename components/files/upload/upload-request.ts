/**
 * One upload request with progress: XMLHttpRequest, because `fetch` still reports no upload
 * progress in browsers. Resolves with the parsed JSON answer (or undefined for 204), rejects with
 * the portal's `ApiError` (code `NETWORK` when the connection failed, `ABORTED` when paused or
 * cancelled through `abort`).
 */
import { ApiError, readXhrError } from "../api/fetch-json";

export interface UploadRequest<T> {
  done: Promise<T>;
  abort: () => void;
}

export function sendWithProgress<T>(
  method: "PUT" | "POST",
  url: string,
  body: Blob,
  onProgress: (loaded: number) => void,
): UploadRequest<T> {
  const xhr = new XMLHttpRequest();
  const done = new Promise<T>((resolve, reject) => {
    xhr.open(method, url);
    xhr.setRequestHeader("content-type", "application/octet-stream");
    xhr.responseType = "text";
    xhr.upload.onprogress = (event) => onProgress(event.loaded);
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve((xhr.responseText ? JSON.parse(xhr.responseText) : undefined) as T);
        } catch {
          resolve(undefined as T);
        }
      } else {
        reject(readXhrError(xhr));
      }
    };
    xhr.onerror = () => reject(new ApiError(0, "NETWORK", "network error"));
    xhr.ontimeout = () => reject(new ApiError(0, "NETWORK", "timeout"));
    xhr.onabort = () => reject(new ApiError(0, "ABORTED", "aborted"));
    xhr.send(body);
  });
  return { done, abort: () => xhr.abort() };
}
