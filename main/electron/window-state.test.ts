import { describe, expect, it } from "vitest";
import { captureWindowState, DEFAULT_WINDOW_SIZE, restoreWindowPlacement } from "./window-state";

const laptop = { x: 0, y: 25, width: 1440, height: 875 }; // macOS menu bar above
const rightMonitor = { x: 1440, y: 0, width: 2560, height: 1400 };
const leftMonitor = { x: -1920, y: 0, width: 1920, height: 1040 };

describe("restoreWindowPlacement", () => {
  it("keeps a window that fits where it was", () => {
    const saved = { x: 100, y: 80, width: 1000, height: 700, maximized: false };
    expect(restoreWindowPlacement(saved, [laptop])).toEqual(saved);
  });

  it("keeps the window on a second monitor that is still attached, including one left of the primary", () => {
    expect(restoreWindowPlacement({ x: 2000, y: 100, width: 1400, height: 900, maximized: true }, [laptop, rightMonitor])).toEqual({ x: 2000, y: 100, width: 1400, height: 900, maximized: true });
    expect(restoreWindowPlacement({ x: -1800, y: 50, width: 1200, height: 800, maximized: false }, [laptop, leftMonitor])).toMatchObject({ x: -1800, y: 50 });
  });

  it("lets the OS centre a window whose monitor is gone, keeping its maximised state", () => {
    expect(restoreWindowPlacement({ x: 2000, y: 100, width: 1400, height: 900, maximized: true }, [laptop])).toEqual({ width: 1400, height: 875, maximized: true });
  });

  it("drops a position whose title bar is off-screen (above the top, or only a sliver visible)", () => {
    expect(restoreWindowPlacement({ x: 100, y: -500, width: 1000, height: 700, maximized: false }, [laptop])).not.toHaveProperty("x");
    expect(restoreWindowPlacement({ x: 1400, y: 100, width: 1000, height: 700, maximized: false }, [laptop])).not.toHaveProperty("x");
  });

  it("shrinks an oversized window to the display and pulls a hanging one back on", () => {
    expect(restoreWindowPlacement({ x: 0, y: 25, width: 5000, height: 3000, maximized: false }, [laptop])).toEqual({ x: 0, y: 25, width: 1440, height: 875, maximized: false });
    expect(restoreWindowPlacement({ x: 900, y: 400, width: 1000, height: 700, maximized: false }, [laptop])).toEqual({ x: 440, y: 200, width: 1000, height: 700, maximized: false });
  });

  it("enforces the minimum size, but never beyond a tiny display", () => {
    expect(restoreWindowPlacement({ x: 10, y: 30, width: 50, height: 40, maximized: false }, [laptop])).toMatchObject({ width: 720, height: 520 });
    const tiny = { x: 0, y: 0, width: 640, height: 480 };
    expect(restoreWindowPlacement({ x: 0, y: 0, width: 50, height: 40, maximized: false }, [tiny])).toMatchObject({ width: 640, height: 480 });
  });

  it.each([
    ["nothing saved", undefined],
    ["not an object", "big"],
    ["NaN and Infinity", { x: Number.NaN, y: 0, width: Infinity, height: 700, maximized: false }],
    ["fractions", { x: 0.5, y: 0, width: 1000, height: 700, maximized: false }],
    ["negative size", { x: 0, y: 0, width: -1000, height: 700, maximized: false }],
    ["absurd coordinates", { x: 1e12, y: 0, width: 1000, height: 700, maximized: false }],
    ["strings", { x: "0", y: "0", width: "1000", height: "700", maximized: "yes" }],
  ])("falls back to the default size for %s", (_name, saved) => {
    expect(restoreWindowPlacement(saved, [laptop])).toEqual({ ...DEFAULT_WINDOW_SIZE, height: 820, maximized: false });
  });

  it("uses the default size when no display is known", () => {
    expect(restoreWindowPlacement({ x: 0, y: 0, width: 900, height: 600, maximized: false }, [])).toEqual({ ...DEFAULT_WINDOW_SIZE, maximized: false });
  });
});

describe("captureWindowState", () => {
  it("records the normal bounds, rounded, and the maximised flag", () => {
    const win = { getNormalBounds: () => ({ x: 10.4, y: 20.6, width: 1000, height: 700 }), isMaximized: () => true };
    expect(captureWindowState(win)).toEqual({ x: 10, y: 21, width: 1000, height: 700, maximized: true });
  });

  it("records nothing for bounds it could not restore", () => {
    expect(captureWindowState({ getNormalBounds: () => ({ x: 0, y: 0, width: 0, height: 0 }), isMaximized: () => false })).toBeNull();
  });
});
