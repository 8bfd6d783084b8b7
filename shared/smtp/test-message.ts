/**
 * The small, clearly labelled message `--send` delivers. Built here (pure) so the CLI, the app and
 * the tests agree byte for byte on what was sent.
 */
export interface TestMessageInput {
  from: string;
  to: string[];
  /** Host part for the Message-ID (RFC 5322 3.6.4); the HELO name is a good choice. */
  idDomain: string;
  date: Date;
  /** Random token that makes the Message-ID unique. */
  nonce: string;
  version: string;
}

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** RFC 5322 3.3 date-time in UTC, e.g. "Sun, 29 Nov 2026 05:52:40 +0000". */
export function rfc5322Date(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${DAYS[date.getUTCDay()]}, ${pad(date.getUTCDate())} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`;
}

export function buildTestMessage(input: TestMessageInput): string[] {
  const from = input.from === "" ? "ehlo-test@invalid" : input.from;
  return [
    `Date: ${rfc5322Date(input.date)}`,
    `From: Ehlo connectivity test <${from}>`,
    `To: ${input.to.map((a) => `<${a}>`).join(", ")}`,
    `Message-ID: <ehlo.${input.nonce}@${input.idDomain}>`,
    `Subject: Ehlo SMTP test message (safe to delete)`,
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=utf-8",
    "Content-Transfer-Encoding: 7bit",
    "Auto-Submitted: auto-generated",
    "X-Mailer: Ehlo " + input.version,
    "",
    "This is a test message sent by Ehlo, the SMTP troubleshooter, to check that",
    "this server accepts mail. It needs no action and can be deleted.",
    "",
    ".A line starting with a dot, to prove dot-stuffing works.",
    ".",
    "End of test.",
  ];
}

/**
 * RFC 5321 4.5.2 transparency: a line that starts with "." gets one more "." in front, so the
 * server never mistakes it for the end of data. Returns the DATA payload ending with CRLF.CRLF.
 */
export function dotStuff(lines: readonly string[]): string {
  return lines.map((l) => (l.startsWith(".") ? `.${l}` : l)).join("\r\n") + "\r\n.\r\n";
}
