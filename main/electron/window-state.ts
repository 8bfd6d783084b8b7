import { z } from "zod";

/**
 * Remembering the window's size and position across launches, and checking the remembered
 * place against the displays attached now: a monitor unplugged since, a smaller laptop screen
 * or a hand-edited settings file must never put the window somewhere the user cannot reach.
 */

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

const coordinate = z.number().int().min(-100_000).max(100_000);
const length = z.number().int().min(1).max(100_000);

export const WindowStateSchema = z.strictObject({
  x: coordinate,
  y: coordinate,
  width: length,
  height: length,
  maximized: z.boolean(),
});
export type WindowState = z.infer<typeof WindowStateSchema>;

export const DEFAULT_WINDOW_SIZE = { width: 1200, height: 820 } as const;
export const MIN_WINDOW_SIZE = { width: 720, height: 520 } as const;
/** How much of the title bar must be on a display for the remembered position to be kept. */
export const MIN_VISIBLE_TITLE = { width: 120, height: 32 } as const;

export interface WindowPlacement {
  width: number;
  height: number;
  /** Absent: let the OS centre the window. */
  x?: number;
  y?: number;
  maximized: boolean;
}

function overlap(a: Rect, b: Rect): Rect | null {
  const x = Math.max(a.x, b.x);
  const y = Math.max(a.y, b.y);
  const width = Math.min(a.x + a.width, b.x + b.width) - x;
  const height = Math.min(a.y + a.height, b.y + b.height) - y;
  return width > 0 && height > 0 ? { x, y, width, height } : null;
}

const area = (r: Rect | null) => (r === null ? 0 : r.width * r.height);
const clamp = (value: number, min: number, max: number) => Math.min(Math.max(value, min), max);

/**
 * Where to open the window. `workAreas` are the displays' work areas (screen minus task bar and
 * menu bar), the primary one first. The position is kept only when the title bar is reachable
 * on a display; the size is kept within the display the window lands on.
 */
export function restoreWindowPlacement(saved: unknown, workAreas: readonly Rect[]): WindowPlacement {
  const primary = workAreas[0];
  const fallback = (maximized = false): WindowPlacement => {
    const width = primary ? Math.min(DEFAULT_WINDOW_SIZE.width, primary.width) : DEFAULT_WINDOW_SIZE.width;
    const height = primary ? Math.min(DEFAULT_WINDOW_SIZE.height, primary.height) : DEFAULT_WINDOW_SIZE.height;
    return { width, height, maximized };
  };
  const parsed = WindowStateSchema.safeParse(saved);
  if (!parsed.success || primary === undefined) return fallback();
  const state = parsed.data;
  const titleBar: Rect = { x: state.x, y: state.y, width: state.width, height: MIN_VISIBLE_TITLE.height };

  // The display showing most of the window, if its title bar is reachable there.
  let best: Rect | null = null;
  let bestArea = 0;
  for (const work of workAreas) {
    const title = overlap(titleBar, work);
    if (title === null || title.width < Math.min(MIN_VISIBLE_TITLE.width, state.width) || title.height < Math.min(MIN_VISIBLE_TITLE.height, state.height)) continue;
    const shown = area(overlap(state, work));
    if (shown > bestArea) {
      best = work;
      bestArea = shown;
    }
  }
  const target = best ?? primary;
  const width = clamp(state.width, Math.min(MIN_WINDOW_SIZE.width, target.width), target.width);
  const height = clamp(state.height, Math.min(MIN_WINDOW_SIZE.height, target.height), target.height);
  if (best === null) return { width, height, maximized: state.maximized };
  // Pull the window fully onto its display (it may have shrunk, or hung over an edge).
  const x = clamp(state.x, target.x, target.x + target.width - width);
  const y = clamp(state.y, target.y, target.y + target.height - height);
  return { width, height, x, y, maximized: state.maximized };
}

/** What to remember of a window: its normal (un-maximised) bounds and whether it was maximised. */
export function captureWindowState(win: { getNormalBounds(): Rect; isMaximized(): boolean }): WindowState | null {
  const b = win.getNormalBounds();
  const state = { x: Math.round(b.x), y: Math.round(b.y), width: Math.round(b.width), height: Math.round(b.height), maximized: win.isMaximized() };
  return WindowStateSchema.safeParse(state).success ? state : null;
}
