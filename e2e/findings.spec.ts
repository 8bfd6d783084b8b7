import { HOSTILE_SERVERS, type HostileFixture } from "../main/testing/hostile-servers";
import { POSTFIX } from "../main/testing/postfix";
import { expect, test, type App } from "./support/app";
import { requirePostfix } from "./support/postfix";
import { runCheck, uiText, waitForOutcome } from "./support/ui";

/**
 * When there is no SMTP session at all, the findings carry the diagnosis: a refused port
 * (tcp.refused) and a port that accepts but never greets (greeting.timeout) each show their
 * finding, a checklist with commands for this OS (Linux here), and the other ports of the same
 * host that did answer (the test Postfix's 25, 465 and 587 on 127.0.0.1).
 */
test.beforeAll(requirePostfix);

let silent: HostileFixture;
test.beforeAll(async () => {
  silent = await HOSTILE_SERVERS["silent"]!.start();
});
test.afterAll(async () => {
  await silent?.close();
});

async function expectDiagnosis(app: App, findingId: string): Promise<void> {
  const { page } = app;
  const card = page.locator(".finding").filter({ has: page.locator(".finding-head .tag", { hasText: findingId }) });
  await expect(card).toHaveCount(1);
  await expect(card).toHaveClass(/sev-error/);
  await expect(card.locator(".finding-title")).not.toBeEmpty();
  await expect(card.locator(".finding-fix")).toBeVisible();

  // The checklist: numbered steps, with commands for this system first and the others folded away.
  const checklist = card.locator(".checklist");
  await expect(checklist.locator(".step").first()).toBeVisible();
  const shells = await checklist.locator(".step > .commands .commands-shell").allTextContents();
  expect(shells.length).toBeGreaterThan(0);
  expect(new Set(shells)).toEqual(new Set([uiText("en", "shell.linux")]));
  await expect(checklist.locator(".step > .commands code").first()).not.toBeEmpty();
  await expect(checklist.locator("details.other-commands").first()).not.toHaveAttribute("open", "");
  // Ticking a step counts it.
  await checklist.locator(".step input[type=checkbox]").first().check();
  await expect(checklist.locator(".checklist-head")).toContainText(uiText("en", "findings.progress", { done: 1, total: await checklist.locator(".step").count() }));

  // The ports that did answer, each one click from a new check of that port.
  const table = page.locator(".alt-ports table");
  await expect(table).toBeVisible();
  const ports = (await table.locator("tbody tr td:first-child").allTextContents()).map(Number);
  expect(ports).toEqual(expect.arrayContaining([POSTFIX.ports.submission, POSTFIX.ports.smtps, POSTFIX.ports.smtp]));
  await table.locator("tbody tr", { has: page.locator("td:first-child", { hasText: /^587$/ }) }).getByRole("button", { name: uiText("en", "findings.altPorts.try", { port: 587 }) }).click();
  await expect(page.locator("#f-host")).toHaveValue("127.0.0.1:587");
  await expect(page.locator("#f-host")).toBeFocused();
}

test("a refused port shows tcp.refused with its checklist and the ports that answered @key", async ({ app }) => {
  await runCheck(app.page, { target: "127.0.0.1:1", tls: "none" });
  expect(await waitForOutcome(app.page)).toBe("failed");
  await expectDiagnosis(app, "tcp.refused");
});

test("a port that never greets shows greeting.timeout with its checklist and the ports that answered @key", async ({ app }) => {
  await runCheck(app.page, { target: `${silent.host}:${silent.port}`, tls: "none", greetingSeconds: 1 });
  expect(await waitForOutcome(app.page)).toBe("failed");
  await expectDiagnosis(app, "greeting.timeout");
});
