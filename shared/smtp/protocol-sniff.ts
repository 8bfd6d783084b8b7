/**
 * Recognises the first line of a server that is not speaking SMTP, so "no 220" can name what
 * answered instead. Signatures are the protocols' own greetings: SSH (RFC 4253 4.2 "SSH-2.0-"),
 * HTTP status lines, IMAP "* OK" (RFC 9051 7.1), POP3 "+OK" (RFC 1939 4), FTP 220 banners
 * naming an FTP product, and a TLS record (0x16 0x03 …) from an implicit-TLS port.
 */
export type ForeignProtocol = "SSH" | "HTTP" | "IMAP" | "POP3" | "FTP" | "TLS";

export function sniffForeignProtocol(line: string): ForeignProtocol | null {
  if (/^SSH-\d\.\d+-/.test(line)) return "SSH";
  if (/^HTTP\/\d(\.\d)? \d{3}/.test(line) || /^<(!doctype|html)/i.test(line)) return "HTTP";
  if (/^\* (OK|PREAUTH|BYE)\b/i.test(line)) return "IMAP";
  if (/^\+OK\b/.test(line) || /^-ERR\b/.test(line)) return "POP3";
  if (/^220[ -].*\b(FTP|ProFTPD|vsFTPd|FileZilla Server|Pure-FTPd)\b/i.test(line)) return "FTP";
  // escape.ts renders a TLS handshake/alert record as \x16\x03 / \x15\x03.
  if (/^\\x1[56]\\x03/.test(line)) return "TLS";
  return null;
}
