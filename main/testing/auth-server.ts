/**
 * A well-behaved SMTP submission server for the engine's happy paths: STARTTLS or implicit
 * TLS with a trusted test certificate, AUTH PLAIN/LOGIN/CRAM-MD5/XOAUTH2 for one user, and a
 * mailbox that keeps every accepted message. Built on `smtp-server`. Test-only code.
 */
import type net from "node:net";
import { SMTPServer, type SMTPServerAuthentication, type SMTPServerAuthenticationResponse } from "smtp-server";
import { certs } from "./certs";

export const AUTH_USER = "helpdesk";
export const AUTH_PASSWORD = "S3cret-Pässword!";
export const AUTH_TOKEN = "ya29.test-token";
/** RCPT is accepted only for this domain; anything else is a relay attempt. */
export const LOCAL_DOMAIN = "ehlo.test";

export interface AuthServerOptions {
  /** "starttls" (submission, RFC 6409) or "implicit" (RFC 8314 3.3). Default "starttls". */
  tls?: "starttls" | "implicit";
  /** Allow AUTH before STARTTLS. Default false: the server answers 538 (RFC 4954 6). */
  allowInsecureAuth?: boolean;
}

export interface ReceivedMessage {
  from: string;
  to: string[];
  /** The authenticated user, if any. */
  user: string | undefined;
  /**
   * The message as the server decoded it: transparency dots removed (RFC 5321 4.5.2), the
   * final "." gone. A line the client failed to dot-stuff would lose its leading dot here.
   */
  raw: string;
}

export interface AuthServer {
  host: string;
  port: number;
  /** The CA to pass as `extraCaPem`. */
  caPem: string;
  messages: ReceivedMessage[];
  close(): Promise<void>;
}

function smtpError(message: string, responseCode: number): Error {
  return Object.assign(new Error(message), { responseCode });
}

function checkCredentials(auth: SMTPServerAuthentication): boolean {
  if (auth.username !== AUTH_USER) return false;
  switch (auth.method) {
    case "XOAUTH2":
      return auth.accessToken === AUTH_TOKEN;
    case "CRAM-MD5":
      // The client never sends the password: only an HMAC of the challenge (RFC 2195).
      return auth.validatePassword(AUTH_PASSWORD);
    case "PLAIN":
    case "LOGIN":
      return auth.password === AUTH_PASSWORD;
    default:
      return false;
  }
}

export async function startAuthServer(options: AuthServerOptions = {}): Promise<AuthServer> {
  const bundle = certs.valid();
  const messages: ReceivedMessage[] = [];
  const sockets = new Set<net.Socket>();

  const server = new SMTPServer({
    name: "mx.ehlo.test",
    banner: "Ehlo auth fixture",
    secure: options.tls === "implicit",
    key: bundle.key,
    cert: bundle.cert,
    authMethods: ["PLAIN", "LOGIN", "CRAM-MD5", "XOAUTH2"],
    authOptional: true,
    allowInsecureAuth: options.allowInsecureAuth ?? false,
    // Never resolve the client's address: tests must not touch any DNS server.
    disableReverseLookup: true,
    logger: false,
    size: 10 * 1024 * 1024,
    closeTimeout: 500,
    onAuth(auth, _session, callback) {
      if (checkCredentials(auth)) {
        callback(null, { user: AUTH_USER });
        return;
      }
      if (auth.method === "XOAUTH2") {
        // RFC 7628 3.2.2: failure is a JSON status in a 334 challenge, not an immediate error.
        const response: SMTPServerAuthenticationResponse = {
          data: { status: "401", schemes: "bearer", scope: "https://mail.google.com/" },
        };
        callback(null, response);
        return;
      }
      callback(smtpError("Authentication credentials invalid", 535));
    },
    onRcptTo(address, _session, callback) {
      const domain = address.address.split("@").pop()?.toLowerCase();
      if (domain === LOCAL_DOMAIN) {
        callback();
        return;
      }
      callback(smtpError(`<${address.address}>: Relay access denied`, 554));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const { mailFrom, rcptTo } = session.envelope;
        messages.push({
          from: mailFrom ? mailFrom.address : "",
          to: rcptTo.map((r) => r.address),
          user: typeof session.user === "string" ? session.user : undefined,
          raw: Buffer.concat(chunks).toString("utf8"),
        });
        callback(null, "Ok: queued as AUTHFIXTURE");
      });
    },
  });
  server.on("error", () => {
    // Client-side resets surface here; a fixture must survive them.
  });
  server.server.on("connection", (socket: net.Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.server.address() as net.AddressInfo;

  return {
    host: "127.0.0.1",
    port,
    caPem: bundle.caPem,
    messages,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
