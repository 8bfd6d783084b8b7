import type { Candidate, CandidateNote, CandidateOrigin, CandidateProbe, SubmissionTls } from "../../../shared/contract/discovery";
import { DISCOVERY_SOURCES } from "../../../shared/contract/discovery";

export interface MergedCandidate {
  host: string;
  port: number;
  tls: SubmissionTls;
  origins: CandidateOrigin[];
  sourceNotes: CandidateNote[];
  probe: CandidateProbe | null;
  verified: boolean;
}

const confidence = (o: CandidateOrigin): number => DISCOVERY_SOURCES.indexOf(o.source) + (o.plainHttp ? 0.5 : 0);

/** RFC 8314 3.3 and 5.1: implicit TLS on 465 first, then STARTTLS on 587 (RFC 6409), 25 last. */
function portClass(c: { port: number; tls: SubmissionTls }): number {
  if (c.port === 25) return 5;
  if (c.tls === "implicit") return c.port === 465 ? 0 : 2;
  if (c.tls === "starttls") return c.port === 587 ? 1 : 3;
  return 4;
}

/** Published by the domain over authenticated https, or a fixed host from our own provider table. */
function trustedOrigin(o: CandidateOrigin): boolean {
  return !o.plainHttp && (o.source === "autoconfig" || o.source === "autodiscover" || o.source === "mx-provider");
}

export function notesFor(c: MergedCandidate): CandidateNote[] {
  const notes: CandidateNote[] = [];
  const add = (code: CandidateNote["code"], text: string) => notes.push({ code, text });
  if (c.port === 25) add("relay-port", "Port 25 is the relay port between mail servers: many ISPs and networks block it for end users, and providers seldom accept a login there. Prefer 465 or 587.");
  if (c.tls === "none") add("plain-text", "No encryption: a password would cross the network in clear.");
  const trusted = c.origins.some(trustedOrigin);
  if (!trusted && c.origins.some((o) => o.plainHttp)) add("plain-http", "Learned through a plain-HTTP redirect, which anyone on the path could change: confirm with the user before sending credentials.");
  if (!trusted && c.origins.every((o) => o.source.startsWith("srv-") || o.source === "guess") && c.origins.some((o) => o.source.startsWith("srv-"))) {
    add("srv-unauthenticated", "Named only by DNS SRV records, which are not authenticated (RFC 6186 6): confirm the server before sending credentials.");
  }
  if (c.origins.every((o) => o.source === "guess")) add("guessed", "Guessed from the domain name: no source published this setting.");
  for (const n of c.sourceNotes) if (!notes.some((x) => x.code === n.code && x.text === n.text)) notes.push(n);
  const tls = c.probe?.tls;
  if (tls && !tls.authorized) add("cert-untrusted", `The certificate did not verify (${tls.verifyError ?? "untrusted"}): a mail program will warn or refuse.`);
  if (tls && !tls.nameMatches) add("cert-name-mismatch", `The certificate is not valid for ${c.host}.`);
  if (c.verified && c.probe && c.probe.auth.length === 0 && c.port !== 25) add("no-auth-offered", "The server offers no AUTH here: a mail program cannot log in on this setting.");
  if (!c.verified && c.probe) add("unverified", `The probe did not get through: ${c.probe.findings.join(", ") || c.probe.outcome}.`);
  return notes;
}

/** Verified first; then RFC 8314's port preference; then the most confident source; then by name. */
export function rankCandidates(merged: MergedCandidate[]): Candidate[] {
  const sorted = [...merged].sort(
    (a, b) =>
      Number(b.verified) - Number(a.verified) ||
      portClass(a) - portClass(b) ||
      Math.min(...a.origins.map(confidence)) - Math.min(...b.origins.map(confidence)) ||
      a.host.localeCompare(b.host) ||
      a.port - b.port,
  );
  return sorted.map((c, i) => {
    const origins = [...c.origins].sort((x, y) => confidence(x) - confidence(y));
    const best = origins[0];
    const tls = c.probe?.tls;
    const certOk = c.tls === "none" ? false : Boolean(tls && tls.authorized && tls.nameMatches);
    return {
      rank: i + 1,
      host: c.host,
      port: c.port,
      tls: c.tls,
      source: best?.source ?? "guess",
      sourceDetail: best?.detail ?? "",
      origins,
      verified: c.verified,
      probe: c.probe,
      credentialsWithoutConfirmation: c.verified && certOk && origins.some(trustedOrigin),
      notes: notesFor(c),
    };
  });
}
