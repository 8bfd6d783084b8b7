import { beforeAll, describe, expect, it } from "vitest";
import type { CheckEvent } from "../../shared/contract/events";
import type { KnowledgeBundle, KnowledgeFacts } from "../../shared/knowledge/types";
import { realKnowledge } from "./knowledge-fixture";
import { explainReplyRow } from "./reply-explain";
import { buildTimeline, type ReplyRow } from "./timeline";

let facts: KnowledgeFacts;
let bundle: KnowledgeBundle;
beforeAll(async () => {
  ({ facts, bundle } = await realKnowledge("en"));
});

function replyRow(lines: string[], replyTo: string | null, code: number | null): ReplyRow {
  const events = lines.map(
    (text, i) =>
      ({ kind: "recv", text, code, final: i === lines.length - 1, tls: true, bareLf: false, phase: "rcpt", replyTo, seq: i, t: i }) as CheckEvent,
  );
  const row = buildTimeline(events).rows[0];
  if (row?.type !== "reply") throw new Error("no reply row");
  return row;
}

describe("explaining a reply row", () => {
  it("puts the provider rule first and keeps the enhanced code's own meaning beside it", () => {
    const row = replyRow(
      [
        "550-5.1.1 The email account that you tried to reach does not exist. Please try",
        "550-5.1.1 double-checking the recipient's email address for typos or",
        "550-5.1.1 unnecessary spaces. Learn more at",
        "550 5.1.1  https://support.google.com/mail/?p=NoSuchUser z127si6173191wmc.132 - gsmtp",
      ],
      "RCPT",
      550,
    );
    const view = explainReplyRow(facts, bundle, row);
    expect(view?.phase).toBe("RCPT");
    expect(view?.primary.kind).toBe("provider");
    expect(view?.enhanced?.key).toMatch(/^(5|X)\.1\.1$/);
    expect(view?.enhancedCode).toBe("5.1.1");
    expect(view?.general.at(-1)?.kind).toBe("class");
    expect(view?.general.some((layer) => layer.kind === "enhanced")).toBe(false);
  });

  it("explains the greeting as a reply to the connection", () => {
    const view = explainReplyRow(facts, bundle, replyRow(["220 mx.example.com ESMTP"], null, 220));
    expect(view?.phase).toBe("CONNECT");
    expect(view?.primary.key).toMatch(/^220/);
  });

  it("has nothing to explain for a line that is not a reply", () => {
    expect(explainReplyRow(facts, bundle, replyRow(["SSH-2.0-OpenSSH_9.6"], null, null))).toBeNull();
  });
});
