/**
 * The Electron shell's security decisions as plain functions (architecture convention 8), so they
 * are unit-tested without the Electron binary. `main.ts` and `ipc.ts` only wire them in.
 */

/** The renderer is served from app://ehlo/: a privileged standard scheme, never file://. */
export const APP_SCHEME = "app";
export const APP_HOST = "ehlo";
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/**
 * Same policy as the loopback host, minus WebSockets: in Electron the renderer talks to main
 * through the preload bridge only, so it has nothing to connect to.
 */
export const RENDERER_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join("; ");

/** Sites the UI links to (RFCs, the project). Anything else stays unopened. */
export const EXTERNAL_HOSTS: readonly string[] = ["www.rfc-editor.org", "datatracker.ietf.org", "github.com"];

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * Whether an IPC message comes from our own page (GitHub Desktop's trusted-ipc-sender idea):
 * a frame showing anything but app://ehlo/ (an injected iframe, a page navigated elsewhere)
 * gets no answer at all.
 */
export function isTrustedSender(frameUrl: string | null | undefined): boolean {
  if (!frameUrl) return false;
  const u = parse(frameUrl);
  return u !== null && u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && u.username === "" && u.password === "";
}

/** Only https: links to an allowlisted host, on the default port, without credentials, may open in the system browser. */
export function isAllowedExternalUrl(url: string): boolean {
  const u = parse(url);
  if (u === null || u.protocol !== "https:" || u.port !== "" || u.username !== "" || u.password !== "") return false;
  return EXTERNAL_HOSTS.includes(u.hostname);
}

/**
 * The still-encoded path an app:// request asks for, or null when the request is for another
 * host. Traversal is judged by `resolveStaticFile`, shared with the loopback host.
 */
export function appRequestPath(url: string): string | null {
  const u = parse(url);
  if (u === null || u.protocol !== `${APP_SCHEME}:` || u.host !== APP_HOST) return null;
  return u.pathname;
}
