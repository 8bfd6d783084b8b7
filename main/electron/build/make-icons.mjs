#!/usr/bin/env node
// `npm run icons`: renders the one icon source (icon.svg beside this file) to every icon the
// installers need, in out/icons/ (generated, never committed):
//   png/16x16.png … png/1024x1024.png   Linux icon set (electron-builder reads sizes from the names)
//   icon.png                            1024 px, for anything that wants one large image
//   icon.ico                            Windows (16 to 256 px)
//   icon.icns                           macOS (16 to 1024 px, with the Retina variants)
// Rasterised by Chromium through playwright-core (nothing downloaded) at each size from the vector,
// so small sizes are drawn, not scaled down: CHROMIUM_PATH if set, else Debian's /usr/bin/chromium,
// else the installed Google Chrome (Playwright's "chrome" channel: CI runners on every OS have it).
// Usage: node main/electron/build/make-icons.mjs [outdir]
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { encodeIcns, encodeIco, ICNS_TYPES, pngSize } from "./icon-containers.mjs";

const root = fileURLToPath(new URL("../../../", import.meta.url));
export const ICON_SOURCE = fileURLToPath(new URL("./icon.svg", import.meta.url));
export const PNG_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];

const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

function browserOptions() {
  const path = process.env.CHROMIUM_PATH || (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : null);
  return path ? { executablePath: path, args: CHROMIUM_ARGS } : { channel: "chrome", args: CHROMIUM_ARGS };
}

/** Renders the SVG at each size with a transparent background; returns size → PNG bytes. */
async function rasterise(svg, sizes) {
  const browser = await chromium.launch(browserOptions());
  try {
    const page = await browser.newPage({ deviceScaleFactor: 1 });
    // No network: the page is a data URL and the SVG has no external references.
    await page.route("**/*", (route) => (route.request().url().startsWith("data:") ? route.continue() : route.abort()));
    const src = `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`;
    const out = new Map();
    for (const size of sizes) {
      await page.setViewportSize({ width: size, height: size });
      await page.setContent(`<!doctype html><html><body style="margin:0;background:transparent"><img id="i" width="${size}" height="${size}" style="display:block" src="${src}"></body></html>`);
      // Runs in the page: wait until the image is decoded, not merely attached.
      await page.locator("#i").evaluate((img) => img.decode());
      const png = await page.locator("#i").screenshot({ omitBackground: true, type: "png" });
      const got = pngSize(png);
      if (got.width !== size || got.height !== size) throw new Error(`rendered ${got.width}x${got.height} for ${size} px`);
      out.set(size, png);
    }
    return out;
  } finally {
    await browser.close();
  }
}

export async function makeIcons(outdir = join(root, "out", "icons")) {
  const svg = readFileSync(ICON_SOURCE, "utf8");
  const pngs = await rasterise(svg, PNG_SIZES);
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(join(outdir, "png"), { recursive: true });
  for (const [size, png] of pngs) writeFileSync(join(outdir, "png", `${size}x${size}.png`), png);
  writeFileSync(join(outdir, "icon.png"), pngs.get(1024));
  writeFileSync(join(outdir, "icon.ico"), encodeIco(ICO_SIZES.map((s) => pngs.get(s))));
  writeFileSync(join(outdir, "icon.icns"), encodeIcns(ICNS_TYPES.map(({ type, size }) => ({ type, png: pngs.get(size) }))));
  return outdir;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const outdir = await makeIcons(process.argv[2] ? resolve(process.argv[2]) : undefined);
  process.stdout.write(`Icons written to ${relative(process.cwd(), outdir) || "."}\n`);
}
