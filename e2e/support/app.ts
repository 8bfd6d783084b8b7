import { _electron, expect, test as base, type ElectronApplication, type Page } from "@playwright/test";
import { startHost, type RunningHost } from "../../main/host/host";
import { electronAvailability } from "./electron-binary";
import { rendererDir, repoRoot } from "./paths";

/**
 * The one `test` every spec uses. `app` is the real UI on the real engine, through one face:
 *   browser  — a loopback host started in this worker (`startHost`, real WebSocket), opened in
 *              Debian's Chromium with its per-run token;
 *   electron — the packaged main process and preload (`_electron.launch`), talking over IPC.
 * The Electron project runs only the specs tagged @key, and only where a binary and a display
 * exist; elsewhere each of its tests is skipped with the reason from launch-decision.ts.
 */
export type Face = "browser" | "electron";

export interface App {
  page: Page;
  face: Face;
  /** The loopback host (browser face only). */
  host: RunningHost | null;
}

interface Options {
  face: Face;
}

interface Fixtures {
  electronGate: void;
  app: App;
}

export const test = base.extend<Fixtures & Options>({
  face: ["browser", { option: true }],

  // Auto fixtures are set up first, so a skip here happens before anything is launched.
  electronGate: [
    async ({ face }, use) => {
      if (face === "electron") {
        const located = electronAvailability();
        test.skip(!located.ok, located.ok ? "" : `Electron cannot run here: ${located.reason}`);
      }
      await use();
    },
    { auto: true },
  ],

  app: async ({ face, page }, use, testInfo) => {
    if (face === "browser") {
      const host = await startHost({ staticDir: rendererDir });
      try {
        await page.goto(host.url);
        await expect(page.locator(".conn-open")).toBeVisible();
        await use({ page, face, host });
      } finally {
        await page.close();
        await host.close();
      }
      return;
    }
    const located = electronAvailability();
    if (!located.ok) throw new Error(located.reason);
    let electron: ElectronApplication | null = null;
    try {
      electron = await _electron.launch({
        executablePath: located.path,
        args: [repoRoot],
        cwd: repoRoot,
        // NODE_EXTRA_CA_CERTS (set by global-setup) makes the engine in main trust the test Postfix.
        env: { ...process.env, EHLO_DATA_DIR: testInfo.outputPath("ehlo-data") } as Record<string, string>,
      });
      const window = await electron.firstWindow();
      await window.waitForLoadState("domcontentloaded");
      await expect(window.locator(".conn-open")).toBeVisible();
      await use({ page: window, face, host: null });
    } finally {
      await electron?.close();
    }
  },
});

export { expect };
