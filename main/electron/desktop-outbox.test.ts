import { describe, expect, it } from "vitest";
import { IPC_CHANNELS } from "../../shared/contract/bridge";
import { DesktopOutbox, HELD_LIMITS } from "./desktop-outbox";

function target() {
  const sent: unknown[][] = [];
  return { sent, send: (channel: string, ...args: unknown[]) => void sent.push([channel, ...args]), isDestroyed: () => false };
}

describe("DesktopOutbox", () => {
  it("holds each event up to its limit, keeping the newest, and delivers them in order", () => {
    const t = target();
    const box = new DesktopOutbox(t);
    for (let i = 0; i < 5; i++) box.deliver("openReport", { fileName: `r${i}.ehlo` });
    expect(box.waiting).toBe(HELD_LIMITS.openReport);
    box.markListening("openReport");
    expect(t.sent).toEqual([2, 3, 4].map((i) => [IPC_CHANNELS.openReport, { fileName: `r${i}.ehlo` }]));
    expect(box.waiting).toBe(0);
  });

  it("events are independent: listening to one releases only that one", () => {
    const t = target();
    const box = new DesktopOutbox(t);
    box.deliver("menuCommand", "new-check");
    box.deliver("prefillCheck", { host: "a.example" });
    box.markListening("menuCommand");
    expect(t.sent).toEqual([[IPC_CHANNELS.menuCommand, "new-check"]]);
    expect(box.waiting).toBe(1);
  });
});
