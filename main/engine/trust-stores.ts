import { X509Certificate } from "node:crypto";
import { readFileSync } from "node:fs";
import * as tls from "node:tls";

/**
 * The operating system's trust store, where the runtime can read it (`tls.getCACertificates`,
 * Node 22.15 and later, as in current Electron). Node 20 cannot: then null, and the verdict
 * rests on the bundled Mozilla roots alone.
 */
export function systemRoots(): string[] | null {
  const get = (tls as unknown as { getCACertificates?: (type: string) => string[] }).getCACertificates;
  if (typeof get !== "function") return null;
  try {
    return get("system");
  } catch {
    return null;
  }
}

/**
 * Roots given through NODE_EXTRA_CA_CERTS. Node adds them to its default store by itself, but a
 * check that brings its own CA builds a new context, so they are added back explicitly.
 */
export function extraRootsFromEnv(env: NodeJS.ProcessEnv = process.env): string[] {
  const path = env.NODE_EXTRA_CA_CERTS;
  if (!path) return [];
  try {
    return readFileSync(path, "utf8").match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  } catch {
    return [];
  }
}

/**
 * Does a root in `store` vouch for this chain? Checks that the top certificate the server sent
 * is itself in the store, or was issued and signed by a certificate in it (RFC 5280 6.1 in its
 * simplest form: the chain below was already checked by OpenSSL's own verification).
 */
export function chainAnchoredIn(chainDer: Buffer[], store: string[]): boolean {
  const top = chainDer.at(-1);
  if (!top) return false;
  const cert = new X509Certificate(top);
  for (const pem of store) {
    let root: X509Certificate;
    try {
      root = new X509Certificate(pem);
    } catch {
      continue;
    }
    if (root.fingerprint256 === cert.fingerprint256) return true;
    if (cert.checkIssued(root) && cert.verify(root.publicKey)) return true;
  }
  return false;
}
