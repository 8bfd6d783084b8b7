import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * The loopback host's gatekeeping, as pure functions. The host opens SMTP connections on request,
 * so a web page the user happens to visit must not be able to drive it: the Host check defeats
 * DNS rebinding, the Origin check defeats cross-site WebSockets, and the per-run token defeats
 * everything else that can reach 127.0.0.1 (other local users, other local pages).
 */

/** 256 random bits, URL-safe, so it can sit in a query string as is. */
export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

/** A caller-chosen token must be at least as strong as 128 random bits in base64url. */
export function isStrongToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{22,256}$/.test(token);
}

/**
 * Constant-time comparison. Both sides are hashed first so that neither the content nor the
 * length of the expected token leaks through timing.
 */
export function tokenMatches(given: string | null | undefined, expected: string): boolean {
  if (typeof given !== "string") return false;
  const a = createHash("sha256").update(given).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b);
}

/**
 * DNS rebinding: a hostile page on evil.example can make evil.example resolve to 127.0.0.1, but
 * its requests still say `Host: evil.example:<port>`. Only the two loopback names are accepted.
 */
export function isAllowedHost(host: string | undefined, port: number): boolean {
  if (host === undefined) return false;
  const h = host.toLowerCase();
  return h === `127.0.0.1:${port}` || h === `localhost:${port}`;
}

export function ownOrigins(port: number): string[] {
  return [`http://127.0.0.1:${port}`, `http://localhost:${port}`];
}

/**
 * An absent Origin is a non-browser client (curl, a test), which still needs the token. A present
 * one must be our own: browsers always send it on WebSocket upgrades (RFC 6455 4.1) and on
 * cross-site non-GET requests, which is exactly what a hostile page would make.
 */
export function isAllowedOrigin(origin: string | undefined, port: number): boolean {
  if (origin === undefined) return true;
  return ownOrigins(port).includes(origin.toLowerCase());
}

export function contentSecurityPolicy(port: number): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    // React and the UI set style attributes; no inline scripts are ever allowed.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    `connect-src 'self' ws://127.0.0.1:${port} ws://localhost:${port}`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join("; ");
}

/** Headers on every response, errors and refused upgrades included. Never any CORS header. */
export function securityHeaders(port: number): Record<string, string> {
  return {
    "Content-Security-Policy": contentSecurityPolicy(port),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
  };
}
