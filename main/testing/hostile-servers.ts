/**
 * The catalogue of misbehaving SMTP servers the engine is tested against. Each entry names
 * the finding the engine must report for it. All fixtures listen on 127.0.0.1 only.
 * Test-only code: product code never imports `main/testing/`.
 */
import { GREETING_SERVERS } from "./hostile-greeting";
import { SESSION_SERVERS } from "./hostile-session";
import type { HostileServerSpec } from "./hostile-spec";
import { TLS_SERVERS } from "./hostile-tls";

export type { HostileFixture, HostileServerSpec } from "./hostile-spec";

export const HOSTILE_SERVERS: Record<string, HostileServerSpec> = {
  ...GREETING_SERVERS,
  ...SESSION_SERVERS,
  ...TLS_SERVERS,
};
