import { loadKnowledgeBundle, loadKnowledgeFacts } from "../main/services/knowledge-store";
import { POSTFIX } from "../main/testing/postfix";
import { label } from "../shared/knowledge/labels";
import { explainReply } from "../shared/knowledge/lookup";
import { expect, test } from "./support/app";
import { requirePostfix } from "./support/postfix";
import { replyRow, runCheck, waitForOutcome } from "./support/ui";

/**
 * Expanding a reply explains that reply: Postfix refuses to relay to a foreign domain with
 * `554 5.7.1 <someone@example.org>: Relay access denied`, and the expanded row must show the
 * explanation the knowledge base gives for exactly those lines in the RCPT phase, in its three
 * sections. It opens with a click and with the keyboard alike.
 */
test.beforeAll(requirePostfix);

test("a reply expands by click and keyboard into its three sections, explaining that code @key", async ({ app }) => {
  const { page } = app;
  await runCheck(page, { target: `${POSTFIX.host}:${POSTFIX.ports.smtp}`, tls: "starttls", from: "helpdesk@ehlo.test", to: [POSTFIX.foreignRecipient] });
  expect(await waitForOutcome(page)).toBe("failed");

  const refused = replyRow(page, "554");
  await refused.scrollIntoViewIfNeeded();
  const line = (await refused.locator(".tl-lines code").first().textContent()) ?? "";
  expect(line).toMatch(/5\.7\.1 .*Relay access denied/);
  const toggle = refused.locator(".tl-explain");
  await expect(toggle).toHaveAttribute("aria-expanded", "false");

  // Click: the panel opens, wired to its button for assistive technology.
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-expanded", "true");
  const panelId = await toggle.getAttribute("aria-controls");
  const panel = page.locator(`[id="${panelId}"]`);
  await expect(panel).toBeVisible();

  // The same explanation the knowledge base gives for this reply, in this phase (RFC 5321 4.2.1).
  const bundle = loadKnowledgeBundle("en");
  const layers = explainReply(loadKnowledgeFacts(), bundle, { lines: [`554 ${line}`], phase: "RCPT" });
  const primary = layers[0]!;
  await expect(panel.locator(".explain-title")).toHaveText(primary.explanation.title);
  const sections = panel.locator(".explain-sections > div");
  await expect(sections).toHaveCount(3);
  await expect(sections.locator("dt")).toHaveText(["section.meaning", "section.whenSeen", "section.howToFix"].map((key) => label(bundle, key)));
  await expect(sections.nth(0).locator("dd")).toHaveText(primary.explanation.description);
  await expect(sections.nth(1).locator("dd")).toHaveText(primary.explanation.whenSeen);
  await expect(sections.nth(2).locator("dd")).toHaveText(primary.explanation.howToFix);
  // It is about relaying, and the enhanced code the server sent is named.
  await expect(panel).toContainText(/relay/i);
  await expect(panel).toContainText("5.7.1");

  // Keyboard: Enter closes it, Space opens it again; focus stays on the button.
  await toggle.focus();
  await page.keyboard.press("Enter");
  await expect(toggle).toHaveAttribute("aria-expanded", "false");
  await expect(panel).toHaveCount(0);
  await page.keyboard.press("Space");
  await expect(toggle).toHaveAttribute("aria-expanded", "true");
  await expect(page.locator(`[id="${panelId}"] .explain-sections > div`)).toHaveCount(3);
  await expect(toggle).toBeFocused();
});
