/**
 * The browser the e2e suite and `npm run bench:ui` drive: Debian's Chromium (or EHLO_CHROMIUM),
 * never a downloaded one. The flags keep it quiet and self-contained: no sandbox (containers run
 * it as root), no GPU, and none of the background services that would reach the network.
 */
export const chromiumPath: string = process.env.EHLO_CHROMIUM || "/usr/bin/chromium";

export const CHROMIUM_ARGS: string[] = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];
