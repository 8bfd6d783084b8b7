// Test helpers for the real Postfix that .ci/postfix/start.sh runs on loopback.
//
// Integration tests talk to an actual MTA so that replies, STARTTLS and certificate chains are the
// real thing rather than our own idea of them. Developers without that Postfix get a skipped
// suite with the reason; CI (CI=true) must have it, so there the suite fails instead of skipping.
import { readFileSync } from "node:fs";
import { connect } from "node:net";
import { fileURLToPath } from "node:url";

/** Facts about the test server, kept in step with .ci/postfix/start.sh. */
export const POSTFIX = {
  host: "127.0.0.1",
  ports: { smtp: 25, submission: 587, smtps: 465 },
  domain: "ehlo.test",
  serverName: "mx.ehlo.test",
  /** A real local user: RCPT gets 250 2.1.5. */
  validRecipient: "alice@ehlo.test",
  /** Not a local recipient: RCPT gets 550 5.1.1 ... User unknown in local recipient table. */
  unknownRecipient: "nobody@ehlo.test",
  /** Not our domain: RCPT gets 554 5.7.1 ... Relay access denied (no relaying from loopback). */
  foreignRecipient: "someone@example.org",
} as const;

export type PostfixStatus = { ok: true } | { ok: false; reason: string };

export interface PostfixProbeOptions {
  host?: string;
  port?: number;
  timeoutMs?: number;
}

const START_HINT = "start it with: bash .ci/postfix/start.sh";

/** Repository root: this file lives in main/testing/. */
export const repoRoot: string = fileURLToPath(new URL("../../", import.meta.url));

/** The test CA that signed the server certificate (generated at run time by start.sh). */
export function postfixCaPem(): string {
  const path = fileURLToPath(new URL("../../.ci/postfix/generated/ca.pem", import.meta.url));
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new Error(`test CA not found (${why}); ${START_HINT}`, { cause: error });
  }
}

/**
 * Is the test Postfix answering? Reads the greeting (RFC 5321 section 4.2: possibly multi-line,
 * the last line has a space after the code) and wants a 220 that names Postfix, so an unrelated
 * server on port 25 is not mistaken for ours.
 */
export function postfixAvailable(options: PostfixProbeOptions = {}): Promise<PostfixStatus> {
  const host = options.host ?? POSTFIX.host;
  const port = options.port ?? POSTFIX.ports.smtp;
  const timeoutMs = options.timeoutMs ?? 2_000;
  const where = `${host}:${port}`;

  return new Promise((resolve) => {
    const socket = connect({ host, port });
    let buffer = "";
    let settled = false;

    const finish = (status: PostfixStatus): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (status.ok) {
        // Polite QUIT so Postfix logs a clean session, but never wait long for its close.
        socket.end("QUIT\r\n");
        setTimeout(() => socket.destroy(), 1_000).unref();
      } else {
        socket.destroy();
      }
      resolve(status);
    };

    const timer = setTimeout(() => {
      finish({ ok: false, reason: `no SMTP greeting from ${where} within ${timeoutMs} ms; ${START_HINT}` });
    }, timeoutMs);

    socket.setEncoding("latin1");
    socket.on("data", (chunk: string) => {
      buffer += chunk;
      const lines = buffer.split("\r\n");
      const last = lines.slice(0, -1).find((line) => /^\d{3}(?: |$)/.test(line));
      if (last === undefined) {
        if (buffer.length > 4_096) finish({ ok: false, reason: `${where} sent no complete greeting line` });
        return;
      }
      const greeting = lines.slice(0, lines.indexOf(last) + 1).join(" | ");
      if (!last.startsWith("220")) {
        finish({ ok: false, reason: `${where} greeted with "${greeting}" instead of 220` });
      } else if (!greeting.includes("Postfix")) {
        finish({ ok: false, reason: `${where} is not the test Postfix (greeting "${greeting}"); ${START_HINT}` });
      } else {
        finish({ ok: true });
      }
    });
    socket.on("error", (error: NodeJS.ErrnoException) => {
      finish({ ok: false, reason: `cannot connect to ${where} (${error.code ?? error.message}); ${START_HINT}` });
    });
    socket.on("close", () => {
      finish({ ok: false, reason: `${where} closed the connection before greeting` });
    });
  });
}

function ciRequiresPostfix(): boolean {
  return /^(true|1)$/i.test(process.env.CI ?? "");
}

/**
 * For a vitest file that needs the test Postfix:
 *
 *   const postfix = await postfixSuite();
 *   describe.skipIf(postfix.skip)("...", () => { ... });
 *
 * Without Postfix: in CI a beforeAll that throws the reason is registered (the suite fails, it
 * must not silently pass); elsewhere the suite is skipped and the reason is printed.
 */
export async function postfixSuite(
  options: PostfixProbeOptions = {},
): Promise<{ skip: boolean; reason: string }> {
  const status = await postfixAvailable(options);
  if (status.ok) return { skip: false, reason: "" };
  const reason = `test Postfix unavailable: ${status.reason}`;
  if (ciRequiresPostfix()) {
    // Imported here so the probes above stay usable outside the vitest runner.
    const { beforeAll } = await import("vitest");
    beforeAll(() => {
      throw new Error(`${reason} (CI=true requires it)`);
    });
    return { skip: false, reason };
  }
  console.warn(`[postfix] skipping: ${reason}`);
  return { skip: true, reason };
}
