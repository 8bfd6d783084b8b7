import type { Configuration } from "electron-builder";

/**
 * electron-builder packaging (`npx electron-builder --config electron.config.ts` after
 * `npm run build`). Minimal for now: fuses, signing and auto-update come in a later issue.
 * Only the built output ships: out/electron (main + preload bundles, which include the engine
 * and services) and out/renderer (the Vite build), plus package.json, which electron-builder
 * always adds and main reads for the version.
 */
export const config: Configuration = {
  appId: "app.ehlo.desktop",
  productName: "Ehlo",
  directories: { output: "release", buildResources: "build" },
  files: ["out/**", "package.json"],
  asar: true,
  linux: { target: ["AppImage", "deb"], category: "Network" },
  win: { target: ["nsis"] },
  mac: { target: ["dmg"], category: "public.app-category.developer-tools" },
};

// electron-builder loads the default export of a config file.
export default config;
