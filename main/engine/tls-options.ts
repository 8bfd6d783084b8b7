import { rootCertificates, type ConnectionOptions } from "node:tls";

/**
 * TLS client options for a check. Verification never aborts the handshake
 * (rejectUnauthorized: false): the session must see the certificate to explain what is wrong
 * with it. The verdict is read from `socket.authorized` and no secret is sent unless it is true.
 */
export function buildTlsOptions(servername: string | null, extraCaPem: string | undefined): ConnectionOptions {
  return {
    rejectUnauthorized: false,
    // RFC 6066 3: SNI carries a host name, never an IP literal.
    ...(servername ? { servername } : {}),
    // Extra roots add to the bundled Mozilla store; they never replace it.
    ...(extraCaPem ? { ca: [...rootCertificates, extraCaPem] } : {}),
  };
}
