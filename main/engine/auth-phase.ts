import { AUTH_MECHANISMS, type AuthMechanism, type CheckSecrets } from "../../shared/contract/check-request";
import type { FindingId, Severity } from "../../shared/contract/findings";
import type { Capabilities } from "../../shared/smtp/capabilities";
import { classifyAuthFailure } from "../../shared/smtp/classify";
import { createSaslExchange, pickMechanism } from "./sasl";
import type { ReceivedReply, SmtpChannel } from "./smtp-channel";

export interface AuthContext {
  channel: SmtpChannel;
  caps: Capabilities;
  user: string;
  forced: AuthMechanism | undefined;
  secrets: CheckSecrets;
  read: (replyTo: string) => Promise<ReceivedReply>;
  found: (id: FindingId, severity: Severity, evidence: number[], params: Record<string, string | number>) => void;
}

/** A SASL exchange is a few round trips; more than this is a server stuck in a loop. */
const MAX_CHALLENGES = 4;

/** RFC 4954: AUTH with the chosen mechanism, answering 334 challenges until 235 or a failure. */
export async function runAuth(ctx: AuthContext): Promise<void> {
  const { channel, caps } = ctx;
  if (caps.auth.length === 0) {
    ctx.found("auth.not-offered", "error", [], { secure: channel.secure ? "yes" : "no" });
    return;
  }
  const mechanism = ctx.forced ?? pickMechanism(caps.auth, ctx.secrets.token !== undefined);
  if (!mechanism || !caps.auth.includes(mechanism)) {
    ctx.found("auth.mechanism-unsupported", "error", [], {
      wanted: mechanism ?? AUTH_MECHANISMS.join("/"),
      offered: caps.auth.join(" "),
    });
    return;
  }
  const secret = mechanism === "XOAUTH2" ? (ctx.secrets.token ?? ctx.secrets.password ?? "") : (ctx.secrets.password ?? "");
  const sasl = createSaslExchange(mechanism, ctx.user, secret);
  const first = sasl.start();
  channel.send(first.line, "AUTH", first.redacted ? first.display : undefined);
  let reply = await ctx.read("AUTH");
  const evidence = [...reply.seqs];
  for (let round = 0; reply.code === 334 && round < MAX_CHALLENGES; round++) {
    const challenge = Buffer.from(reply.lines[0]?.trim() ?? "", "base64").toString("utf8");
    const answer = sasl.respond(challenge);
    channel.send(answer.line, "AUTH-RESPONSE", answer.redacted || answer.line === "" ? answer.display : undefined);
    reply = await ctx.read("AUTH");
    evidence.push(...reply.seqs);
  }
  if (reply.code === 334) {
    // Still challenging: cancel the exchange (RFC 4954 4: "*").
    channel.send("*", "AUTH-RESPONSE");
    reply = await ctx.read("AUTH");
  }
  if (reply.code === 235) return;
  const verdict = classifyAuthFailure(reply.code);
  ctx.found(verdict.id, verdict.severity, evidence, { code: reply.code, mechanism, text: reply.lines.join(" ") });
}
