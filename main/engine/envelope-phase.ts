import { randomBytes } from "node:crypto";
import type { CheckRequest } from "../../shared/contract/check-request";
import type { Phase } from "../../shared/contract/events";
import { classifyMail, classifyRcpt } from "../../shared/smtp/classify";
import { commands } from "../../shared/smtp/commands";
import { buildTestMessage, dotStuff } from "../../shared/smtp/test-message";
import type { FindingLog } from "./finding-log";
import type { ReceivedReply, SmtpChannel } from "./smtp-channel";

export interface EnvelopeContext {
  req: CheckRequest;
  channel: SmtpChannel;
  findings: FindingLog;
  helo: string;
  version: string;
  phase: (phase: Phase, body: () => Promise<void>) => Promise<void>;
  command: (line: string, phase: Phase) => Promise<ReceivedReply>;
  read: (phase: Phase, replyTo: string, timeoutMs: number) => Promise<ReceivedReply>;
  /** RFC 5321 3.8: a 421 means the server is closing; the session stops there. */
  serverClosing: (reply: ReceivedReply) => never;
}

/** MAIL FROM, each RCPT TO, and with `send` a DATA phase (RFC 5321 3.3). */
export async function runEnvelope(ctx: EnvelopeContext): Promise<void> {
  const { req, findings } = ctx;
  const from = req.from ?? "";
  let mail: ReceivedReply | null = null;
  await ctx.phase("mail", async () => {
    mail = await ctx.command(commands.mailFrom(from), "mail");
  });
  const mailReply = mail as ReceivedReply | null;
  if (!mailReply) return;
  if (mailReply.code === 421) ctx.serverClosing(mailReply);
  const mailVerdict = classifyMail(mailReply.code, mailReply.lines.join(" "));
  if (mailVerdict) {
    findings.add(mailVerdict.id, mailVerdict.severity, mailReply.seqs, { code: mailReply.code, from: from || "<>" });
    return;
  }
  let accepted = 0;
  await ctx.phase("rcpt", async () => {
    for (const to of req.to) {
      const reply = await ctx.command(commands.rcptTo(to), "rcpt");
      if (reply.code === 421) ctx.serverClosing(reply);
      const verdict = classifyRcpt(reply.code, reply.lines.join(" "));
      if (verdict) findings.add(verdict.id, verdict.severity, reply.seqs, { code: reply.code, to });
      if (reply.code >= 250 && reply.code <= 252) accepted++;
    }
  });
  if (req.send && accepted > 0) await ctx.phase("data", () => runData(ctx, from));
}

async function runData(ctx: EnvelopeContext, from: string): Promise<void> {
  const go = await ctx.command(commands.data(), "data");
  if (go.code !== 354) {
    ctx.findings.add("data.rejected", "error", go.seqs, { code: go.code, stage: "DATA" });
    return;
  }
  const lines = buildTestMessage({
    from,
    to: ctx.req.to,
    idDomain: ctx.helo.replace(/^\[|\]$/g, "") || "ehlo.invalid",
    date: new Date(),
    nonce: randomBytes(8).toString("hex"),
    version: ctx.version,
  });
  ctx.channel.sendData(dotStuff(lines), lines);
  // RFC 5321 4.5.3.2.6 gives the server 10 minutes after the final dot; we use the command timeout.
  const done = await ctx.read("data", "DATA-END", ctx.req.timeouts.commandMs);
  if (done.code < 200 || done.code >= 300) ctx.findings.add("data.rejected", "error", done.seqs, { code: done.code, stage: "DATA-END" });
}
