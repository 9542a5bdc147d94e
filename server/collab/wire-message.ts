/**
 * Just enough of the Hocuspocus wire format (PROTOCOLS.md §9) to route and limit messages without
 * decoding them: every message starts with varString(document name) then varUint(type); sync
 * messages follow with varUint(sub-type) and varUint8Array(payload).
 */
const MESSAGE_SYNC = 0;
const MESSAGE_SYNC_STATUS = 8;
const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;

/** Reads a lib0 varUint at `offset`; returns [value, next offset] or null past the end. */
function readVarUint(bytes: Uint8Array, offset: number): [number, number] | null {
  let value = 0;
  let shift = 0;
  let position = offset;
  while (position < bytes.length) {
    const byte = bytes[position] ?? 0;
    position += 1;
    value += (byte & 0x7f) * 2 ** shift;
    if (byte < 0x80) return [value, position];
    shift += 7;
    if (shift > 49) return null;
  }
  return null;
}

/** Offset of the message type, just past the document name; null if malformed. */
function typeOffset(message: Uint8Array): number | null {
  const length = readVarUint(message, 0);
  if (!length) return null;
  const offset = length[1] + length[0];
  return offset < message.length ? offset : null;
}

export function messageType(message: Uint8Array): number | null {
  const offset = typeOffset(message);
  if (offset === null) return null;
  return readVarUint(message, offset)?.[0] ?? null;
}

/** True for the server's acknowledgement of an update (SyncStatus). */
export function isSyncStatus(message: Uint8Array): boolean {
  return messageType(message) === MESSAGE_SYNC_STATUS;
}

/** Size of the document change a client message carries (sync step 2 or update), else 0. */
export function changeSize(message: Uint8Array): number {
  const offset = typeOffset(message);
  if (offset === null) return 0;
  const type = readVarUint(message, offset);
  if (!type || type[0] !== MESSAGE_SYNC) return 0;
  const subType = readVarUint(message, type[1]);
  if (!subType || (subType[0] !== SYNC_STEP_2 && subType[0] !== SYNC_UPDATE)) return 0;
  const length = readVarUint(message, subType[1]);
  // An empty Yjs update is two bytes: no change.
  return length && length[0] > 2 ? length[0] : 0;
}
