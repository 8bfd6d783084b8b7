import { MAX_REPORT_CHARS } from "../../shared/report/report-import";

/**
 * Whether a report file can travel to main for `history.import` (pure). Main checks everything
 * again; this only spares the person a long wait and a dropped connection: the loopback host
 * refuses WebSocket frames above 1 MiB (main/host/host.ts MAX_MESSAGE_BYTES), and the text
 * travels JSON-escaped inside the call message.
 */
export const HOST_MAX_MESSAGE_BYTES = 1024 * 1024;
/** Room for the call envelope around the text ({"type":"call","requestId":…}). */
const ENVELOPE_BYTES = 512;

export type ImportCheck = { ok: true } | { ok: false; sizeMb: number; maxMb: number };

const mb = (bytes: number) => Math.round((bytes / 1048576) * 10) / 10;

export function checkImportSize(text: string, transport: "electron" | "websocket"): ImportCheck {
  if (text.length > MAX_REPORT_CHARS) return { ok: false, sizeMb: mb(text.length), maxMb: mb(MAX_REPORT_CHARS) };
  if (transport === "electron") return { ok: true };
  const bytes = new TextEncoder().encode(JSON.stringify(text)).length + ENVELOPE_BYTES;
  return bytes <= HOST_MAX_MESSAGE_BYTES ? { ok: true } : { ok: false, sizeMb: mb(bytes), maxMb: mb(HOST_MAX_MESSAGE_BYTES - ENVELOPE_BYTES) };
}
