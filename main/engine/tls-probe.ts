import * as net from "node:net";
import type * as tls from "node:tls";
import { commands } from "../../shared/smtp/commands";
import { Recorder } from "./recorder";
import { SmtpChannel } from "./smtp-channel";

export type TlsProbeResult = { ok: true; protocol: string | null; ms: number } | { ok: false; reason: string };

export interface TlsProbeOptions {
  address: string;
  port: number;
  /** "implicit": handshake at once; "starttls": greeting, EHLO, STARTTLS first. */
  mode: "implicit" | "starttls";
  servername: string | null;
  helo: string;
  timeoutMs: number;
  /** Allow TLS 1.0/1.1 and legacy ciphers, to name the version an outdated server speaks. */
  legacy: boolean;
  signal?: AbortSignal | undefined;
}

/**
 * A second, separate connection that only asks "does TLS work here, and which version?".
 * Used after a failure to tell causes apart: silence that is really an implicit-TLS port, or a
 * handshake that failed only because the server speaks an outdated protocol. Its own traffic is
 * recorded on a private recorder; the session reports the conclusion as one finding.
 */
export async function probeTls(opts: TlsProbeOptions): Promise<TlsProbeResult> {
  const rec = new Recorder();
  const socket = net.connect({ host: opts.address, port: opts.port });
  const channel = new SmtpChannel(socket, rec);
  const started = Date.now();
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("connect timeout")), opts.timeoutMs);
      socket.once("connect", () => {
        clearTimeout(timer);
        resolve();
      });
      socket.once("error", (e) => {
        clearTimeout(timer);
        reject(e);
      });
    });
    if (opts.mode === "starttls") {
      const greet = await channel.readReply("greeting", null, opts.timeoutMs, 0, opts.signal);
      if (greet.code !== 220) return { ok: false, reason: `greeting ${greet.code}` };
      channel.send(commands.ehlo(opts.helo), "EHLO");
      await channel.readReply("ehlo", "EHLO", opts.timeoutMs, 0, opts.signal);
      channel.send(commands.startTls(), "STARTTLS");
      const go = await channel.readReply("starttls", "STARTTLS", opts.timeoutMs, 0, opts.signal);
      if (go.code !== 220) return { ok: false, reason: `STARTTLS ${go.code}` };
    }
    const legacy: tls.ConnectionOptions = opts.legacy ? { minVersion: "TLSv1", ciphers: "DEFAULT@SECLEVEL=0" } : {};
    const secure = await channel.upgradeToTls(
      { rejectUnauthorized: false, ...(opts.servername ? { servername: opts.servername } : {}), ...legacy },
      opts.timeoutMs,
      0,
      opts.signal,
    );
    return { ok: true, protocol: secure.getProtocol() ?? null, ms: Date.now() - started };
  } catch (e) {
    return { ok: false, reason: (e as Error).message };
  } finally {
    channel.destroy();
  }
}

/** OpenSSL's words for "we share no protocol version" (RFC 8446 6.2 protocol_version alert). */
export function isProtocolVersionFailure(message: string, code: string): boolean {
  return /PROTOCOL_VERSION|UNSUPPORTED_PROTOCOL|NO_PROTOCOLS_AVAILABLE/i.test(code) || /unsupported protocol|protocol version|no protocols available/i.test(message);
}
