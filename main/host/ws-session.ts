import type { RawData, WebSocket } from "ws";
import type { AppInfo, ServerMessage } from "../../shared/contract/api";
import { createSessionHub } from "../services/session-hub";

/**
 * One WebSocket, one session hub: the socket carries ClientMessage / ServerMessage JSON, one
 * message per frame. Closing the socket (tab closed, reload) cancels that socket's checks.
 */
export function attachSession(ws: WebSocket, appInfo: AppInfo): void {
  const send = (msg: ServerMessage): void => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(msg));
  };
  const hub = createSessionHub({ send, appInfo });
  ws.on("message", (data, isBinary) => {
    if (isBinary) {
      send({ type: "protocol.error", message: "Binary frames are not accepted; send JSON text." });
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(toText(data));
    } catch {
      send({ type: "protocol.error", message: "The message is not valid JSON." });
      return;
    }
    void hub.handle(parsed);
  });
  ws.on("close", () => hub.closeAll());
  // Oversized frames and protocol violations close the socket; "close" then cancels the checks.
  ws.on("error", () => {});
}

function toText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString("utf8");
  return (data instanceof ArrayBuffer ? Buffer.from(data) : data).toString("utf8");
}
