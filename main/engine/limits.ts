/**
 * Hard caps that keep a hostile server from making the engine buffer without bound.
 * RFC 5321 4.5.3.1.5 limits a reply line to 512 octets including CRLF; real servers exceed it a
 * little (long policy URLs), so we accept eight times that before calling it an attack.
 */
export const MAX_REPLY_LINE_BYTES = 4096;
/** Lines in one multiline reply. An EHLO reply has a few dozen at most. */
export const MAX_REPLY_LINES = 200;
/** Unparseable lines tolerated before the greeting (stray data) before giving up. */
export const MAX_STRAY_LINES = 8;
