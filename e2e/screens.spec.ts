import { mkdirSync } from "node:fs";
import type { Page } from "@playwright/test";
import { HOSTILE_SERVERS, type HostileFixture } from "../main/testing/hostile-servers";
import { POSTFIX } from "../main/testing/postfix";
import { expect, test } from "./support/app";
import { axeViolations, isSerious } from "./support/axe";
import { screenshotDir } from "./support/paths";
import { requirePostfix } from "./support/postfix";
import { replyRow, runCheck, setLanguage, setTheme, waitForOutcome, type Lang, type Theme } from "./support/ui";

/**
 * Every screen, in both languages and both themes: no serious or critical axe-core violation
 * (WCAG 2.x A/AA and best practices), and a full-page screenshot of each in
 * e2e/artifacts/screenshots/ for people to look at. Screens: the form, a running check, a
 * finished check (Postfix with STARTTLS, one reply explained), findings (a refused port), the
 * code reference and the comparison of two codes.
 */
test.skip(({ face }) => face !== "browser", "screens are captured in the browser face");
test.describe.configure({ mode: "parallel" });
test.beforeAll(requirePostfix);

let silent: HostileFixture;
test.beforeAll(async () => {
  silent = await HOSTILE_SERVERS["silent"]!.start();
});
test.afterAll(async () => {
  await silent?.close();
});

async function capture(page: Page, screen: string, lang: Lang, theme: Theme): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  // From the top (the header and the form are sticky, so a scrolled full-page picture would
  // show them mid-page), once the last state has settled (the virtual list's measurements).
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  await page.screenshot({ path: `${screenshotDir}${screen}-${lang}-${theme}.png`, fullPage: true });
  const violations = await axeViolations(page);
  const serious = violations.filter(isSerious);
  // Lesser findings are recorded on the test, for people to read; serious ones fail it.
  for (const v of violations.filter((x) => !isSerious(x))) {
    test.info().annotations.push({ type: `axe ${v.impact ?? ""}`, description: `${screen} ${lang} ${theme}: ${v.id} (${v.help}) at ${v.targets.join(", ")}` });
  }
  expect(serious, `${screen} (${lang}, ${theme}): ${JSON.stringify(serious, null, 1)}`).toEqual([]);
}

for (const lang of ["en", "ar"] as const) {
  for (const theme of ["light", "dark"] as const) {
    test(`every screen in ${lang}, ${theme} theme: screenshots and no serious axe violations`, async ({ app }) => {
      const { page } = app;
      if (lang !== "en") await setLanguage(page, lang);
      await setTheme(page, theme);
      await capture(page, "1-form", lang, theme);

      // A running check, waiting for a greeting that never comes; then cancelled.
      await runCheck(page, { target: `${silent.host}:${silent.port}`, tls: "none" });
      await expect(page.locator(".tl-waiting")).toBeVisible();
      await capture(page, "2-running", lang, theme);
      await page.locator(".status-running .btn-danger").click();
      expect(await waitForOutcome(page)).toBe("cancelled");

      // A finished check against Postfix with STARTTLS, one reply explained.
      await runCheck(page, { target: `${POSTFIX.host}:${POSTFIX.ports.smtp}`, tls: "starttls", from: "helpdesk@ehlo.test", to: [POSTFIX.validRecipient] });
      expect(await waitForOutcome(page)).toBe("ok");
      const greeting = replyRow(page, "220").first();
      await greeting.locator(".tl-explain").click();
      await expect(greeting.locator(".explain")).toBeVisible();
      await capture(page, "3-finished", lang, theme);

      // Findings: a refused port, its checklist and the ports that answered.
      await runCheck(page, { target: "127.0.0.1:1", tls: "none" });
      expect(await waitForOutcome(page)).toBe("failed");
      await expect(page.locator(".alt-ports")).toBeVisible();
      await capture(page, "4-findings", lang, theme);

      // The code reference, then two codes compared.
      await page.locator(".app-nav .nav-item").nth(1).click();
      await expect(page.locator(".ref-detail")).toBeVisible();
      await capture(page, "5-reference", lang, theme);
      await page.locator(".compare .panel-header button").click();
      await expect(page.locator(".compare-result")).toBeVisible();
      await page.locator(".compare").scrollIntoViewIfNeeded();
      await capture(page, "6-compare", lang, theme);
    });
  }
}
