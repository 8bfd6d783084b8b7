import react from "@vitejs/plugin-react";
import { fileURLToPath } from "node:url";
import { defineConfig, type Plugin } from "vite";

/**
 * The renderer build: one static bundle served by Electron and by the loopback host (`ehlo
 * serve`) alike. Relative `base` so it works from file:// and from any host path.
 */
const repoRoot = fileURLToPath(new URL("./", import.meta.url));
const rendererRoot = fileURLToPath(new URL("./renderer/", import.meta.url));
const outDir = fileURLToPath(new URL("./out/renderer/", import.meta.url));

/**
 * CSP of the built page (Electron security checklist: a strict CSP). No inline script anywhere;
 * styles only from files (React sets style properties through the CSSOM, which CSP allows);
 * WebSocket only back to the host that served the page.
 */
export const RENDERER_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "font-src 'self'",
  "connect-src 'self' ws://127.0.0.1:* ws://localhost:*",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join("; ");

/** Adds the CSP meta tag to the built page only: the dev server's React refresh needs inline code. */
function contentSecurityPolicy(): Plugin {
  return {
    name: "ehlo-csp",
    apply: "build",
    transformIndexHtml: {
      order: "post",
      handler: (html) =>
        html.replace(/<meta charset="utf-8" \/>/, (charset) => `${charset}\n    <meta http-equiv="Content-Security-Policy" content="${RENDERER_CSP}" />`),
    },
  };
}

export default defineConfig({
  root: rendererRoot,
  base: "./",
  plugins: [react(), contentSecurityPolicy()],
  build: {
    outDir,
    emptyOutDir: true,
    target: "es2022",
    // No data: URIs and no inline module-preload polyfill: everything is a file under 'self'.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
    reportCompressedSize: true,
    // The budget that matters is the initial JS under 250 KB gzip (React, zod for the contract,
    // i18next); knowledge bundles and the code reference are separate, lazily loaded chunks.
    chunkSizeWarningLimit: 600,
  },
  server: {
    // Knowledge and UI strings live in shared/, outside the renderer root.
    fs: { allow: [repoRoot] },
  },
});
