import type { SubmissionTls } from "../../../shared/contract/discovery";
import type { FoundSetting } from "./source-types";

/** The ports tried for each guessed host: RFC 8314 implicit TLS, RFC 6409 submission, then 25. */
const GUESS_PORTS: { port: number; tls: SubmissionTls }[] = [
  { port: 465, tls: "implicit" },
  { port: 587, tls: "starttls" },
  { port: 25, tls: "starttls" },
];

/**
 * What a mail program tries when nothing is published: the usual host names under the domain
 * on the usual ports. Only a probe can tell whether one of them is real.
 */
export function guessSettings(domain: string): FoundSetting[] {
  const hosts = [`smtp.${domain}`, `mail.${domain}`, domain];
  return hosts.flatMap((host) =>
    GUESS_PORTS.map(({ port, tls }) => ({ host, port, tls, detail: `guess: ${host === domain ? "the domain itself" : host.split(".")[0]} on ${port}`, plainHttp: false, notes: [] })),
  );
}
