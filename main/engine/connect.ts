import * as net from "node:net";
import type { FindingId } from "../../shared/contract/findings";
import { ChannelError } from "./channel-error";
import type { Recorder } from "./recorder";
import type { ResolvedAddress } from "./resolve";
import { waitWithProgress } from "./wait";

export class ConnectError extends Error {
  override readonly name = "ConnectError";
  constructor(
    readonly finding: FindingId,
    message: string,
    readonly evidence: number[],
    readonly params: Record<string, string | number>,
  ) {
    super(message);
  }
}

/** Maps a connect failure to its finding: each needs a different fix, so they stay distinct. */
export function connectFinding(code: string): FindingId {
  switch (code) {
    case "ECONNREFUSED":
      return "tcp.refused";
    case "ETIMEDOUT":
    case "TIMEOUT":
      return "tcp.timeout";
    case "ECONNRESET":
    case "EPIPE":
      return "tcp.reset";
    default:
      // EHOSTUNREACH, ENETUNREACH, EADDRNOTAVAIL, ENETDOWN, EAFNOSUPPORT …
      return "tcp.unreachable";
  }
}

/** Opens the TCP connection with its own timeout and live "waiting" progress. */
export async function connectTcp(
  target: ResolvedAddress,
  port: number,
  rec: Recorder,
  timeoutMs: number,
  progressMs: number,
  signal?: AbortSignal,
): Promise<net.Socket> {
  const connecting = rec.emit({ kind: "tcp.connecting", address: target.address, port, family: target.family === 6 ? "IPv6" : "IPv4" });
  const started = rec.now();
  const socket = net.connect({ host: target.address, port, family: target.family });
  socket.setNoDelay(true);
  let connected = false;
  let failure: NodeJS.ErrnoException | null = null;
  let wake: (() => void) | null = null;
  const onConnect = () => {
    connected = true;
    wake?.();
  };
  const onError = (e: NodeJS.ErrnoException) => {
    failure = e;
    wake?.();
  };
  socket.once("connect", onConnect);
  socket.once("error", onError);
  try {
    await waitWithProgress<true>({
      rec,
      phase: "connect",
      timeoutMs,
      progressMs,
      signal,
      poll: () => {
        if (connected) return { done: true, value: true };
        if (failure) throw failure;
        return { done: false };
      },
      subscribe: (w) => {
        wake = w;
        return () => {
          wake = null;
        };
      },
      onTimeout: () => Object.assign(new Error(`no answer to the connection request within ${timeoutMs / 1000} s`), { code: "ETIMEDOUT" }),
    });
  } catch (e) {
    socket.destroy();
    if (e instanceof ChannelError) throw e; // cancelled
    const err = e as NodeJS.ErrnoException;
    const code = err.code ?? "ERROR";
    const ev = rec.emit({ kind: "tcp.error", code, message: err.message });
    throw new ConnectError(connectFinding(code), err.message, [connecting.seq, ev.seq], {
      address: target.address,
      port,
      code,
      ms: Math.round(rec.now() - started),
    });
  } finally {
    socket.off("connect", onConnect);
    socket.off("error", onError);
  }
  rec.emit({
    kind: "tcp.connected",
    localAddress: socket.localAddress ?? "",
    localPort: socket.localPort ?? 0,
    remoteAddress: socket.remoteAddress ?? target.address,
    remotePort: socket.remotePort ?? port,
    ms: Math.round((rec.now() - started) * 10) / 10,
  });
  return socket;
}
