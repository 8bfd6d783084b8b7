import { describe, expect, it } from "vitest";
import { realKnowledge } from "./knowledge-fixture";
import { explainReply } from "../../shared/knowledge/lookup";
import { quotedReply } from "./quoted-reply";

describe("a reply quoted in the description", () => {
  it("is found in free text, from its code to the end of its line", () => {
    expect(quotedReply("Outlook says: 535 5.7.8 Authentication credentials invalid\nsince Monday")).toBe("535 5.7.8 Authentication credentials invalid");
    expect(quotedReply("error 550-5.1.1 user unknown")).toBe("550 5.1.1 user unknown");
    expect(quotedReply("got a 421")).toBe("421");
  });

  it("ignores numbers that are not replies: years, ports, addresses, error numbers", () => {
    for (const text of ["since 2025", "port 587 and 465", "server 192.0.2.250 on :465", "Error 0x800CCC0F", "it fails", "code 999", "the 260 items"]) {
      expect(quotedReply(text), text).toBeNull();
    }
  });

  it("yields lines the knowledge base can explain", async () => {
    const { facts, bundle } = await realKnowledge("en");
    const reply = quotedReply("it says 535 5.7.8 Authentication credentials invalid");
    const layers = explainReply(facts, bundle, { lines: [reply ?? ""] });
    expect(layers[0]?.explanation.title).toBeTruthy();
    expect(layers.some((layer) => layer.key.startsWith("5.7.8") || layer.key === "535")).toBe(true);
  });
});
