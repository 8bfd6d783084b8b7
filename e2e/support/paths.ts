import { fileURLToPath } from "node:url";

/** Paths the e2e suite needs, computed from this file (never written as machine paths). */
export const repoRoot: string = fileURLToPath(new URL("../../", import.meta.url));
/** The renderer build that the loopback host serves and Electron loads. */
export const rendererDir: string = fileURLToPath(new URL("../../out/renderer/", import.meta.url));
export const electronBundle: string = fileURLToPath(new URL("../../out/electron/main.js", import.meta.url));
/** Test artefacts (git-ignored): Playwright output and the screenshots of every screen. */
export const artifactsDir: string = fileURLToPath(new URL("../artifacts/", import.meta.url));
export const screenshotDir: string = fileURLToPath(new URL("../artifacts/screenshots/", import.meta.url));
/** The CA that signed the test Postfix's certificate (written by .ci/postfix/start.sh). */
export const postfixCaFile: string = fileURLToPath(new URL("../../.ci/postfix/generated/ca.pem", import.meta.url));
