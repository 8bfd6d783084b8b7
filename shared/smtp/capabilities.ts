/**
 * EHLO response keywords (RFC 5321 4.1.1.1: ehlo-line = ehlo-keyword *( SP ehlo-param )).
 * Known extensions get typed fields; everything else is kept raw so nothing the server said is lost.
 */
export interface Capabilities {
  /** The greeting line of the EHLO reply (domain and greeting text). */
  greeting: string;
  size: number | null; // RFC 1870; 0 means "no fixed limit"
  pipelining: boolean; // RFC 2920
  eightBitMime: boolean; // RFC 6152
  smtpUtf8: boolean; // RFC 6531
  chunking: boolean; // RFC 3030
  dsn: boolean; // RFC 3461
  enhancedStatusCodes: boolean; // RFC 2034
  startTls: boolean; // RFC 3207
  requireTls: boolean; // RFC 8689
  /** SASL mechanisms in upper case (RFC 4954), including the obsolete "AUTH=" form. */
  auth: string[];
  /** Every keyword line as sent, after the first line. */
  raw: string[];
}

export function parseCapabilities(lines: readonly string[]): Capabilities {
  const caps: Capabilities = {
    greeting: lines[0] ?? "",
    size: null,
    pipelining: false,
    eightBitMime: false,
    smtpUtf8: false,
    chunking: false,
    dsn: false,
    enhancedStatusCodes: false,
    startTls: false,
    requireTls: false,
    auth: [],
    raw: [],
  };
  for (const line of lines.slice(1)) {
    const trimmed = line.trim();
    if (trimmed === "") continue;
    caps.raw.push(trimmed);
    // Some old servers send "AUTH=LOGIN PLAIN" (pre-RFC 4954 syntax); treat "=" like a space.
    const [keywordRaw = "", ...params] = trimmed.replace(/^AUTH=/i, "AUTH ").split(/\s+/);
    const keyword = keywordRaw.toUpperCase();
    switch (keyword) {
      case "SIZE": {
        const n = Number(params[0] ?? "0");
        caps.size = Number.isFinite(n) && n >= 0 ? n : 0;
        break;
      }
      case "PIPELINING":
        caps.pipelining = true;
        break;
      case "8BITMIME":
        caps.eightBitMime = true;
        break;
      case "SMTPUTF8":
        caps.smtpUtf8 = true;
        break;
      case "CHUNKING":
        caps.chunking = true;
        break;
      case "DSN":
        caps.dsn = true;
        break;
      case "ENHANCEDSTATUSCODES":
        caps.enhancedStatusCodes = true;
        break;
      case "STARTTLS":
        caps.startTls = true;
        break;
      case "REQUIRETLS":
        caps.requireTls = true;
        break;
      case "AUTH":
        for (const mech of params) {
          const upper = mech.toUpperCase();
          if (upper !== "" && !caps.auth.includes(upper)) caps.auth.push(upper);
        }
        break;
      default:
        break;
    }
  }
  return caps;
}
