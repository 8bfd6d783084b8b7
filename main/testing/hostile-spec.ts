/**
 * Shape of a hostile fixture: a misbehaving server, the finding the engine must reach
 * against it, and the request hints that make the scenario happen. Test-only code.
 */
import type { CheckRequestInput, CheckSecrets } from "../../shared/contract/check-request";
import type { FindingId } from "../../shared/contract/findings";
import { createTestCa } from "./certs";
import { startScriptedServer, type Script, type ScriptedServer } from "./scripted-server";

export interface HostileFixture extends ScriptedServer {
  /**
   * A ready request for the engine: this fixture's host and port, the spec's `clientOptions`,
   * and the test CA as `extraCaPem` (every fixture certificate preset uses that one root).
   */
  request: CheckRequestInput;
}

export interface HostileServerSpec {
  description: string;
  expectedFinding: FindingId;
  /** Request fields the scenario needs (TLS mode, recipients, auth user, short timeouts …). */
  clientOptions: Partial<CheckRequestInput>;
  /** Secrets to pass beside the request (AUTH scenarios). */
  secrets?: CheckSecrets;
  start(): Promise<HostileFixture>;
}

/** Timeouts short enough that a stalled scenario fails fast, long enough for a 4 s greeting. */
export const FIXTURE_TIMEOUTS = { connectMs: 2000, greetingMs: 10_000, commandMs: 5000 } as const;

export const SENDER = "helpdesk@ehlo.test";

/** A fresh envelope per spec, so no two requests share one mutable recipient list. */
export function envelope(to = "postmaster@ehlo.test"): { from: string; to: string[] } {
  return { from: SENDER, to: [to] };
}

interface Definition {
  description: string;
  expectedFinding: FindingId;
  clientOptions?: Partial<CheckRequestInput>;
  secrets?: CheckSecrets;
  /** Built at start time so certificates carry fresh dates. */
  script: () => Script;
}

export function defineHostile(def: Definition): HostileServerSpec {
  const clientOptions = def.clientOptions ?? {};
  return {
    description: def.description,
    expectedFinding: def.expectedFinding,
    clientOptions,
    ...(def.secrets ? { secrets: def.secrets } : {}),
    async start() {
      const server = await startScriptedServer(def.script());
      const request: CheckRequestInput = {
        host: server.host,
        port: server.port,
        extraCaPem: createTestCa().certPem,
        ...clientOptions,
        timeouts: { ...FIXTURE_TIMEOUTS, ...clientOptions.timeouts },
      };
      // Spread would lose the getter that counts connections, so extend the object instead.
      return Object.assign(server, { request });
    },
  };
}
