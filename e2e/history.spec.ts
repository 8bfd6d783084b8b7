import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import type { Download, Locator, Page } from "@playwright/test";
import { POSTFIX } from "../main/testing/postfix";
import { parseReportJson } from "../shared/report/report-import";
import { test as base, expect } from "./support/app";
import { axeViolations, isSerious } from "./support/axe";
import { screenshotDir } from "./support/paths";
import { requirePostfix } from "./support/postfix";
import { runCheck, setLanguage, transcriptRows, uiText, waitForOutcome, type CheckInput, type Lang } from "./support/ui";

/**
 * The history and reports, through the real UI, engine and Postfix: a finished check exports to
 * every format (with the checklist and notes), is saved to the history, reopens exactly as it
 * was, runs again, compares with another run of the same server, is deleted after a question,
 * and a JSON report imports as a run. Screenshots of the new screens in English and Arabic.
 */

// Each test gets its own history: the host's hub reads EHLO_DATA_DIR when the page connects,
// and auto fixtures are set up before `app` opens the page.
const test = base.extend<{ dataDir: string }>({
  dataDir: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern
    async ({}, use, testInfo) => {
      const dir = testInfo.outputPath("ehlo-data");
      const before = process.env.EHLO_DATA_DIR;
      process.env.EHLO_DATA_DIR = dir;
      await use(dir);
      process.env.EHLO_DATA_DIR = before;
    },
    { auto: true },
  ],
});

test.skip(({ face }) => face !== "browser", "downloads and screenshots are checked in the browser face");
test.beforeAll(requirePostfix);

const target = `${POSTFIX.host}:${POSTFIX.ports.smtp}`;
const good: CheckInput = { target, tls: "starttls", from: "helpdesk@ehlo.test", to: [POSTFIX.validRecipient] };
const bad: CheckInput = { target, tls: "starttls", from: "helpdesk@ehlo.test", to: [POSTFIX.unknownRecipient] };

async function check(page: Page, input: CheckInput, outcome: string): Promise<void> {
  await runCheck(page, input);
  expect(await waitForOutcome(page)).toBe(outcome);
  await expect(page.locator(".run-saved")).toBeVisible();
}

/** Chooses a format in an open export panel, downloads, and returns the file's bytes. */
async function download(panel: Locator, format: string): Promise<{ download: Download; bytes: Buffer }> {
  const page = panel.page();
  await panel.locator(`input[type=radio][value="${format}"]`).check();
  const [file] = await Promise.all([page.waitForEvent("download"), panel.getByRole("button", { name: uiText("en", "export.download") }).click()]);
  const path = await file.path();
  return { download: file, bytes: readFileSync(path) };
}

async function openHistory(page: Page): Promise<Locator> {
  const name = new RegExp(`^(${uiText("en", "app.view.history")}|${uiText("ar", "app.view.history")})$`);
  await page.locator(".app-nav").getByRole("button", { name }).click();
  const table = page.locator(".history-table");
  await expect(table).toBeVisible();
  return table;
}

async function capture(page: Page, name: string, lang: Lang): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  await page.screenshot({ path: `${screenshotDir}${name}-${lang}-light.png`, fullPage: true });
  const serious = (await axeViolations(page)).filter(isSerious);
  expect(serious, `${name} (${lang}): ${JSON.stringify(serious, null, 1)}`).toEqual([]);
}

test("a finished check exports to HTML, PDF, Markdown and JSON, with the checklist and notes", async ({ app }) => {
  const { page } = app;
  await check(page, bad, "failed");
  // Work on the checklist of the refused recipient: one step done, a note for the ticket.
  const card = page.locator(".finding").filter({ has: page.locator(".finding-head .tag", { hasText: "rcpt.rejected" }) });
  await card.locator(".step input[type=checkbox]").first().check();
  await card.locator("textarea").fill("Asked the postmaster: ticket 4711.");

  await page.locator(".run-toolbar .export-menu > button").click();
  const panel = page.locator(".run-toolbar .export-panel");
  await expect(panel).toBeVisible();
  await expect(panel.locator("input[type=radio]:checked")).toBeFocused();
  await expect(panel).toContainText(uiText("en", "export.checklistNote"));
  // The browser face has no .ehlo file: that is the desktop app's.
  await expect(panel.locator('input[value="ehlo"]')).toHaveCount(0);

  const html = await download(panel, "html");
  expect(html.download.suggestedFilename()).toMatch(/^ehlo-127\.0\.0\.1-25-\d{8}-\d{4}\.html$/);
  const htmlText = html.bytes.toString("utf8");
  expect(htmlText).toMatch(/<section class="verdict outcome-failed"/);
  expect(htmlText).toContain("Failed");
  expect(htmlText).toContain("Asked the postmaster: ticket 4711.");
  await expect(panel.locator(".export-status")).toContainText(html.download.suggestedFilename());

  const pdf = await download(panel, "pdf");
  expect(pdf.download.suggestedFilename()).toMatch(/\.pdf$/);
  expect(pdf.bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");

  const md = await download(panel, "md");
  expect(md.download.suggestedFilename()).toMatch(/\.md$/);
  expect(md.bytes.toString("utf8")).toContain("550 5.1.1");

  const json = await download(panel, "json");
  const report = parseReportJson(json.bytes.toString("utf8"));
  const rejected = report.model.findings.find((finding) => finding.id === "rcpt.rejected");
  expect(rejected?.notes).toBe("Asked the postmaster: ticket 4711.");
  expect(rejected?.checklist[0]?.checked).toBe(true);
  expect(report.model.verdict.outcome).toBe("failed");

  // In another language, anonymised: Arabic words, no mailbox.
  await panel.locator("select").selectOption("ar");
  await panel.getByRole("checkbox", { name: uiText("en", "export.anonymise") }).check();
  const arabic = (await download(panel, "html")).bytes.toString("utf8");
  expect(arabic).toMatch(/<html lang="ar" dir="rtl"/);
  expect(arabic).not.toContain(POSTFIX.unknownRecipient);
  expect(arabic).not.toContain("helpdesk@ehlo.test");

  // Escape closes the panel and gives focus back to its button.
  await page.keyboard.press("Escape");
  await expect(panel).toHaveCount(0);
  await expect(page.locator(".run-toolbar .export-menu > button")).toBeFocused();
});

test("a check is saved to the history, reopens exactly as it was, runs again and is deleted after a question", async ({ app }) => {
  const { page } = app;
  await check(page, good, "ok");
  const live = await transcriptRows(page);
  const certificate = await page.locator("section.certificate .facts").textContent();
  const phases = await page.locator("section.waterfall tbody th").allTextContents();

  const table = await openHistory(page);
  await expect(table.locator("tbody tr")).toHaveCount(1);
  const row = table.locator("tbody tr").first();
  await expect(row).toContainText(target);
  await expect(row).toContainText(uiText("en", "outcome.ok"));

  // Reopen: the same rows, findings, certificate and waterfall.
  await row.getByRole("button", { name: /^Open / }).click();
  await expect(page.locator(".run-where")).toContainText("Saved run from");
  expect(await waitForOutcome(page)).toBe("ok");
  expect(await transcriptRows(page)).toEqual(live);
  expect(await page.locator("section.certificate .facts").textContent()).toBe(certificate);
  expect(await page.locator("section.waterfall tbody th").allTextContents()).toEqual(phases);
  await expect(page.locator(".finding .finding-head .tag")).toHaveText(["session.ok"]);

  // Run again: the same request, started at once, saved as a second run.
  await page.locator(".run-toolbar").getByRole("button", { name: uiText("en", "run.runAgain") }).click();
  expect(await waitForOutcome(page)).toBe("ok");
  await expect(page.locator("#f-host")).toHaveValue(target);
  await expect(page.locator("#f-to-0")).toHaveValue(POSTFIX.validRecipient);
  await openHistory(page);
  await expect(table.locator("tbody tr")).toHaveCount(2);

  // Filters: by outcome and by host.
  await page.locator("#h-outcome").selectOption("failed");
  await expect(page.locator(".history-empty")).toHaveText(uiText("en", "history.noMatch"));
  await page.locator("#h-outcome").selectOption("ok");
  await expect(table.locator("tbody tr")).toHaveCount(2);
  await page.locator("#h-host").fill("example.org");
  await expect(page.locator(".history-empty")).toBeVisible();
  await page.getByRole("button", { name: uiText("en", "history.clear") }).click();
  await expect(table.locator("tbody tr")).toHaveCount(2);

  // Delete: a question first; "Keep it" keeps it, "Delete run" deletes it.
  await table.locator("tbody tr").first().getByRole("button", { name: /^Delete / }).click();
  const dialog = page.getByRole("dialog", { name: uiText("en", "history.deleteTitle") });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("button", { name: uiText("en", "history.keep") })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);
  await expect(table.locator("tbody tr")).toHaveCount(2);
  await table.locator("tbody tr").first().getByRole("button", { name: /^Delete / }).click();
  await dialog.getByRole("button", { name: uiText("en", "history.deleteConfirm") }).click();
  await expect(table.locator("tbody tr")).toHaveCount(1);
});

test("two runs of the same server compare: findings, replies that changed, time per phase", async ({ app }) => {
  const { page } = app;
  await check(page, good, "ok");
  await check(page, bad, "failed");
  const table = await openHistory(page);
  await expect(table.locator("tbody tr")).toHaveCount(2);
  const compare = page.locator("#history-compare-button");
  await expect(compare).toBeDisabled();
  await table.locator("tbody tr input[type=checkbox]").nth(0).check();
  await expect(compare).toBeDisabled();
  await table.locator("tbody tr input[type=checkbox]").nth(1).check();
  await expect(compare).toBeEnabled();
  await compare.click();

  const view = page.locator(".run-compare");
  await expect(view).toBeVisible();
  await expect(view.locator(".compare-run").nth(0)).toContainText(uiText("en", "outcome.ok"));
  await expect(view.locator(".compare-run").nth(1)).toContainText(uiText("en", "outcome.failed"));
  await expect(view.locator(".compare-added")).toContainText("rcpt.rejected");
  await expect(view.locator(".compare-gone")).toContainText("session.ok");
  const rcpt = view.locator(".replies-table tbody tr", { has: page.locator("th", { hasText: "RCPT" }) });
  await expect(rcpt).toContainText(uiText("en", "compareRuns.codeChanged"));
  await expect(rcpt.locator("td").nth(0)).toContainText("250 2.1.5");
  await expect(rcpt.locator("td").nth(1)).toContainText("550 5.1.1");
  await expect(view.locator(".timing-table tbody th")).toContainText([uiText("en", "compareRuns.phases.connect"), uiText("en", "compareRuns.phases.greeting")]);
  for (const text of await view.locator(".timing-table tbody td.num").allTextContents()) expect(text).toMatch(/\d+(\.\d+)? ms|—/);
  await view.getByRole("button", { name: uiText("en", "compareRuns.back") }).click();
  await expect(compare).toBeFocused();
});

test("a JSON report imports as a run shown like a local one; a bad file gets a clear error", async ({ app }, testInfo) => {
  const { page } = app;
  await check(page, bad, "failed");
  const live = await transcriptRows(page);
  await page.locator(".run-toolbar .export-menu > button").click();
  const { bytes } = await download(page.locator(".run-toolbar .export-panel"), "json");
  const file = testInfo.outputPath("report.json");
  writeFileSync(file, bytes);
  const broken = testInfo.outputPath("broken.json");
  writeFileSync(broken, '{"schema":"ehlo.report/1","model":{}}');

  await openHistory(page);
  const picker = page.locator(".import input[type=file]");
  await picker.setInputFiles(broken);
  const error = page.locator(".import-error");
  await expect(error).toContainText(uiText("en", "history.importFailed"));
  await expect(error).toContainText("broken.json: The report does not match ehlo.report/1");
  await expect(page.locator(".history-table tbody tr")).toHaveCount(1);

  await picker.setInputFiles(file);
  await expect(page.locator(".run-where")).toContainText("Imported report");
  expect(await waitForOutcome(page)).toBe("failed");
  expect(await transcriptRows(page)).toEqual(live);
  // An imported run is not started again by a click: it fills in the form.
  await page.locator(".run-toolbar").getByRole("button", { name: uiText("en", "run.fillForm") }).click();
  await expect(page.locator(".form-notice")).toHaveText(uiText("en", "run.inferred"));
  await expect(page.locator("#f-host")).toHaveValue(target);
  await expect(page.locator("#f-to-0")).toHaveValue(POSTFIX.unknownRecipient);
  await expect(page.locator(".results .status-running")).toHaveCount(0);
  const table = await openHistory(page);
  await expect(table.locator("tbody tr")).toHaveCount(2);
  await expect(table.locator(".history-imported")).toHaveCount(1);
});

for (const lang of ["en", "ar"] as const) {
  test(`the new screens in ${lang}: history, export, comparison, an imported run; no serious axe violations`, async ({ app }, testInfo) => {
    const { page } = app;
    if (lang !== "en") await setLanguage(page, lang);
    await check(page, good, "ok");
    await check(page, bad, "failed");
    await page.locator(".run-toolbar .export-menu > button").click();
    await expect(page.locator(".export-panel")).toBeVisible();
    await capture(page, "7-export", lang);
    const file = testInfo.outputPath("report.json");
    const [json] = await Promise.all([page.waitForEvent("download"), page.locator('.export-panel input[value="json"]').check().then(() => page.locator(".export-panel .btn-primary").click())]);
    await json.saveAs(file);

    const table = await openHistory(page);
    await table.locator("tbody tr input[type=checkbox]").nth(0).check();
    await table.locator("tbody tr input[type=checkbox]").nth(1).check();
    await capture(page, "8-history", lang);
    await table.locator("tbody tr").first().locator(".export-menu > button").click();
    await expect(table.locator(".export-panel")).toBeVisible();
    await capture(page, "8-history-export", lang);
    await page.keyboard.press("Escape");
    await table.locator("tbody tr").first().locator(".btn-danger").click();
    await expect(page.getByRole("dialog")).toBeVisible();
    await capture(page, "8-history-delete", lang);
    await page.keyboard.press("Escape");

    await page.locator("#history-compare-button").click();
    await expect(page.locator(".run-compare")).toBeVisible();
    await capture(page, "9-run-compare", lang);
    await page.locator(".run-compare .panel-header button").click();

    await page.locator(".import input[type=file]").setInputFiles(file);
    await expect(page.locator(".run-where")).toBeVisible();
    await capture(page, "10-imported", lang);
  });
}
