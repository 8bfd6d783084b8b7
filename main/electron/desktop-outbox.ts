import { DESKTOP_EVENT_CHANNELS } from "../../shared/contract/bridge";
import type { DesktopEvent } from "../../shared/contract/desktop";
import type { RendererTarget } from "./ipc";

/**
 * Desktop events for one window, held until its page listens (Electron Fiddle's ipc.ts queues
 * the same way). A link that launches the app arrives before the page has loaded; sent at once
 * it would be lost. The bridge tells main when the page subscribes (IPC_CHANNELS.desktopListening),
 * and a reload starts over, since the new page has not subscribed yet.
 */

/** How many of each event to hold: only the latest pre-fill matters; reports are large. */
export const HELD_LIMITS: Readonly<Record<DesktopEvent, number>> = { menuCommand: 10, prefillCheck: 1, openReport: 3 };

export class DesktopOutbox {
  private readonly listening = new Set<DesktopEvent>();
  private readonly held = new Map<DesktopEvent, unknown[]>();

  constructor(private readonly target: Pick<RendererTarget, "send" | "isDestroyed">) {}

  deliver(event: DesktopEvent, payload: unknown): void {
    if (this.target.isDestroyed()) return;
    if (this.listening.has(event)) {
      this.target.send(DESKTOP_EVENT_CHANNELS[event], payload);
      return;
    }
    const queue = [...(this.held.get(event) ?? []), payload];
    this.held.set(event, queue.slice(-HELD_LIMITS[event]));
  }

  /** The page subscribed to `event`: deliver what was held, in order. */
  markListening(event: DesktopEvent): void {
    this.listening.add(event);
    const queue = this.held.get(event) ?? [];
    this.held.delete(event);
    for (const payload of queue) this.deliver(event, payload);
  }

  /** A new page is loading: it must subscribe again before anything is sent to it. */
  reset(): void {
    this.listening.clear();
  }

  /** Number of events waiting (for tests and diagnostics). */
  get waiting(): number {
    let n = 0;
    for (const queue of this.held.values()) n += queue.length;
    return n;
  }
}
