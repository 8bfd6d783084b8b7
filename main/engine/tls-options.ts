import { extraRootsFromEnv } from "./trust-stores";
import { createSecureContext, rootCertificates, type ConnectionOptions, type SecureContext } from "node:tls";

/**
 * Building a secure context from ~140 Mozilla roots plus a private CA costs tens of milliseconds
 * of CPU; a check needs it once per distinct CA set, so it is built once and reused.
 */
const contexts = new Map<string, SecureContext>();
const MAX_CACHED_CONTEXTS = 16;

function contextWithExtraCa(extraCaPem: string): SecureContext {
  let context = contexts.get(extraCaPem);
  if (!context) {
    if (contexts.size >= MAX_CACHED_CONTEXTS) contexts.clear();
    context = createSecureContext({ ca: [...rootCertificates, ...extraRootsFromEnv(), extraCaPem] });
    contexts.set(extraCaPem, context);
  }
  return context;
}

/**
 * TLS client options for a check. Verification never aborts the handshake
 * (rejectUnauthorized: false): the session must see the certificate to explain what is wrong
 * with it. The verdict is read from `socket.authorized` and no secret is sent unless it is true.
 */
export function buildTlsOptions(servername: string | null, extraCaPem: string | undefined): ConnectionOptions {
  return {
    rejectUnauthorized: false,
    // Trust and name are judged apart (readTlsDetails checks the name against the right host).
    // Without this Node checks the name against "localhost" when there is no SNI (an IP
    // literal), and a valid chain would be reported as untrusted.
    checkServerIdentity: () => undefined,
    // RFC 6066 3: SNI carries a host name, never an IP literal.
    ...(servername ? { servername } : {}),
    // Extra roots add to the bundled Mozilla store; they never replace it.
    ...(extraCaPem ? { secureContext: contextWithExtraCa(extraCaPem) } : {}),
  };
}
