/**
 * The double's trash bin, after https://docs.nextcloud.com/server/latest/developer_manual/client_apis/WebDAV/trashbin.html:
 *
 *   PROPFIND /remote.php/dav/trashbin/{uid}/trash            items `{name}.d{unix time}`, with
 *            nc:trashbin-filename, nc:trashbin-original-location, nc:trashbin-deletion-time
 *   MOVE     /remote.php/dav/trashbin/{uid}/trash/{item}  →  Destination …/trashbin/{uid}/restore/{item}
 *   DELETE   /remote.php/dav/trashbin/{uid}/trash/{item}     purge one; DELETE …/trash empties it
 *
 * Storage: the deleted resource is MOVEd (by real Apache) into the user's private `trash` area,
 * keeping its dead properties (file id, favourite); the trash-bin properties are dead properties
 * set on the moved item. Restoring onto a taken name restores as "name (restored)", and into the
 * root when the original folder is gone — both as Nextcloud does.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { header, strongEtags, type ApacheBackend } from "@/test/doubles/nextcloud/apache-backend";
import { sendStatus, sendXml } from "@/test/doubles/nextcloud/files-endpoint";

function xmlText(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** DELETE on a file or folder: into the trash. Returns the status to answer. */
export async function trashResource(backend: ApacheBackend, user: string, apachePath: string): Promise<number> {
  const filesRoot = backend.apache.urlPath(user, "files");
  const relative = decodeURIComponent(apachePath.slice(filesRoot.length)).replace(/\/+$/, "");
  if (relative === "") return 403;
  const name = relative.split("/").pop() as string;
  let time = Math.floor(Date.now() / 1000);
  for (;;) {
    const item = `${name}.d${time}`;
    const target = backend.areaPath(user, "trash", encodeURIComponent(item));
    const answer = await backend.request(user, "MOVE", apachePath, {
      headers: { destination: `${backend.apache.origin}${target}`, overwrite: "F" },
    });
    answer.body.resume();
    if (answer.status === 412) {
      time += 1; // same name deleted twice within a second
      continue;
    }
    if (answer.status !== 201 && answer.status !== 204) return answer.status;
    await backend.setDeadProps(
      user,
      target,
      `<nc:trashbin-filename>${xmlText(name)}</nc:trashbin-filename>` +
        `<nc:trashbin-original-location>${xmlText(relative)}</nc:trashbin-original-location>` +
        `<nc:trashbin-deletion-time>${time}</nc:trashbin-deletion-time>`,
    );
    await backend.onTrashed?.(user);
    return 204;
  }
}

export async function handleTrashbin(
  backend: ApacheBackend,
  user: string,
  req: IncomingMessage,
  res: ServerResponse,
  rest: string,
): Promise<void> {
  const method = req.method ?? "GET";
  const trashRoot = backend.areaPath(user, "trash");
  const match = /^trash(?:\/([^/]+))?\/?$/.exec(rest);
  if (!match) {
    req.resume();
    return sendStatus(res, 404);
  }
  const item = match[1];
  const apachePath = item === undefined ? trashRoot : `${trashRoot}${item}`;
  const publicRoot = `/remote.php/dav/trashbin/${user}/trash/`;
  if (method === "PROPFIND") {
    const parts: Buffer[] = [];
    for await (const chunk of req as AsyncIterable<Buffer>) parts.push(chunk);
    const answer = await backend.requestText(user, "PROPFIND", apachePath, {
      headers: { depth: header(req, "depth") ?? "1", "content-type": "application/xml" },
      body: Buffer.concat(parts),
    });
    if (answer.status !== 207) return sendStatus(res, answer.status);
    return sendXml(res, 207, strongEtags(answer.text.split(trashRoot).join(publicRoot)));
  }
  req.resume();
  if (method === "DELETE") {
    if (item === undefined) {
      const listing = (await backend.propfind(user, trashRoot, "1")) ?? [];
      for (const resource of listing) {
        const href = /<D:href>([^<]*)<\/D:href>/.exec(resource.xml)?.[1];
        if (href && href !== trashRoot) (await backend.request(user, "DELETE", href)).body.resume();
      }
      return sendStatus(res, 204);
    }
    const answer = await backend.request(user, "DELETE", apachePath);
    answer.body.resume();
    return sendStatus(res, answer.status);
  }
  if (method === "MOVE" && item !== undefined) {
    const destination = header(req, "destination") ?? "";
    if (!new URL(destination, "http://x").pathname.startsWith(`/remote.php/dav/trashbin/${user}/restore/`)) {
      return sendStatus(res, 400);
    }
    const found = (await backend.propfind(user, apachePath, "0"))?.[0];
    if (!found) return sendStatus(res, 404);
    const original = found.props["trashbin-original-location"] ?? decodeURIComponent(item).replace(/\.d\d+$/, "");
    const segments = original.split("/");
    const name = segments.pop() as string;
    const encode = (parts: string[]) => parts.map(encodeURIComponent).join("/");
    // The original folder may be gone: then the root.
    const parentExists =
      segments.length === 0 ||
      (await backend.propfind(user, backend.areaPath(user, "files", `${encode(segments)}/`), "0")) !== null;
    const folder = parentExists ? segments : [];
    let target = backend.areaPath(user, "files", encode([...folder, name]));
    if ((await backend.propfind(user, target, "0")) !== null) {
      const dot = name.lastIndexOf(".");
      const renamed = dot > 0 ? `${name.slice(0, dot)} (restored)${name.slice(dot)}` : `${name} (restored)`;
      target = backend.areaPath(user, "files", encode([...folder, renamed]));
    }
    const answer = await backend.request(user, "MOVE", apachePath, {
      headers: { destination: `${backend.apache.origin}${target}`, overwrite: "F" },
    });
    answer.body.resume();
    if (answer.status !== 201 && answer.status !== 204) return sendStatus(res, answer.status);
    const remove = await backend.requestText(user, "PROPPATCH", target, {
      body:
        '<?xml version="1.0"?><d:propertyupdate xmlns:d="DAV:" xmlns:nc="http://nextcloud.org/ns"><d:remove><d:prop>' +
        "<nc:trashbin-filename/><nc:trashbin-original-location/><nc:trashbin-deletion-time/>" +
        "</d:prop></d:remove></d:propertyupdate>",
    });
    void remove;
    return sendStatus(res, 201);
  }
  return sendStatus(res, 405);
}
