import { assertWireSafe } from "./wire-guard";

/**
 * Builds SMTP command lines. Every argument passes the CR/LF/NUL guard again here, so no code
 * path can put an unchecked value on the wire, even one that skipped request validation.
 * Lines are returned without CRLF; the connection appends it.
 */
export const commands = {
  ehlo: (name: string) => line("EHLO", name),
  helo: (name: string) => line("HELO", name),
  startTls: () => "STARTTLS",
  // RFC 5321 4.1.1.2: MAIL FROM:<reverse-path>; "<>" is the null reverse-path.
  mailFrom: (address: string) => line("MAIL", `FROM:<${address}>`),
  rcptTo: (address: string) => line("RCPT", `TO:<${address}>`),
  data: () => "DATA",
  quit: () => "QUIT",
  rset: () => "RSET",
  auth: (mechanism: string, initialResponse?: string) =>
    line("AUTH", initialResponse === undefined ? mechanism : `${mechanism} ${initialResponse}`),
  /** A SASL continuation response (RFC 4954 4): a bare base64 line, or "" / "*". */
  authResponse: (payload: string) => {
    assertWireSafe("auth", "authentication response", payload);
    return payload;
  },
} as const;

function line(verb: string, argument: string): string {
  assertWireSafe("command", `${verb} argument`, argument);
  return `${verb} ${argument}`;
}

/** The verb of a command line, for transcripts ("MAIL", "AUTH" …). */
export function verbOf(commandLine: string): string {
  return (commandLine.split(" ", 1)[0] ?? "").toUpperCase();
}
