import { POSTFIX } from "../main/testing/postfix";
import { expect, test } from "./support/app";
import { requirePostfix } from "./support/postfix";
import { replyRow, runCheck, transcriptRows, waitForOutcome } from "./support/ui";

/**
 * A full check against the real Postfix on port 25 with STARTTLS (RFC 3207), as a person runs it:
 * every line of the session appears, TLS lines are marked, replies are explained, the server
 * certificate is shown and verified against the test CA, and the phases are timed.
 */
test.beforeAll(requirePostfix);

test("a STARTTLS check against Postfix shows the transcript, explanations, certificate and phases @key", async ({ app }) => {
  const { page } = app;
  await runCheck(page, { target: `${POSTFIX.host}:${POSTFIX.ports.smtp}`, tls: "starttls", from: "helpdesk@ehlo.test", to: [POSTFIX.validRecipient] });
  expect(await waitForOutcome(page)).toBe("ok");

  const rows = await transcriptRows(page);
  const sent = rows.filter((row) => row.type === "send");
  const plainSent = sent.filter((row) => row.marker === "->").map((row) => row.text);
  const tlsSent = sent.filter((row) => row.marker === "~>").map((row) => row.text);
  // Before TLS: EHLO then STARTTLS in clear; after it the whole session again under TLS.
  expect(plainSent[0]).toMatch(/^EHLO /);
  expect(plainSent).toContain("STARTTLS");
  expect(tlsSent[0]).toMatch(/^EHLO /);
  expect(tlsSent.some((text) => text.startsWith("MAIL FROM:<helpdesk@ehlo.test>"))).toBe(true);
  expect(tlsSent.some((text) => text.startsWith(`RCPT TO:<${POSTFIX.validRecipient}>`))).toBe(true);
  expect(tlsSent.at(-1)).toBe("QUIT");
  const replies = rows.filter((row) => row.type === "reply");
  expect(replies[0]?.marker).toBe("<-");
  expect(replies[0]?.text).toMatch(/220.*ESMTP Postfix/);
  expect(replies.some((row) => row.marker === "<~" && /250.*2\.1\.5/.test(row.text))).toBe(true);
  expect(sent.filter((row) => row.marker === "~>").length).toBeGreaterThan(3);

  // The greeting explained: its three sections are there and name the code.
  const greeting = replyRow(page, "220").first();
  await greeting.scrollIntoViewIfNeeded();
  await greeting.locator(".tl-explain").click();
  const explain = greeting.locator(".explain");
  await expect(explain).toBeVisible();
  await expect(explain.locator(".explain-sections > div")).toHaveCount(3);
  await expect(explain.locator(".layer-kind").first()).toContainText("220");

  // The certificate card: who it is for, who vouches for it, verified through NODE_EXTRA_CA_CERTS.
  const card = page.locator("section.certificate");
  await expect(card.locator(".verdict")).toHaveClass(/verdict-ok/);
  await expect(card.locator(".facts")).toContainText(POSTFIX.serverName);
  await expect(card.locator(".facts")).toContainText("Ehlo Test CA");
  await expect(card.locator(".panel-meta")).toContainText("TLSv1.");

  // The waterfall: one row per phase group, each with a duration, and a total.
  const waterfall = page.locator("section.waterfall");
  await expect(waterfall.locator(".panel-meta")).toContainText(/\d/);
  const phases = waterfall.locator("tbody tr");
  expect(await phases.count()).toBeGreaterThanOrEqual(5);
  for (const text of await phases.locator("td.num").allTextContents()) expect(text).toMatch(/\d+(\.\d+)?\s*ms/);
  await expect(waterfall.locator("tbody th")).toContainText(["Connect", "Greeting", "EHLO", "TLS"]);
});
