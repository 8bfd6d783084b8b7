import type { Page } from "@playwright/test";
import { HOSTILE_SERVERS, type HostileFixture } from "../main/testing/hostile-servers";
import { expect, test } from "./support/app";
import { requirePostfix } from "./support/postfix";
import { runCheck, setLanguage, uiText, waitForOutcome } from "./support/ui";

/**
 * Arabic is a right-to-left UI, not a translated left-to-right one: <html> says dir="rtl" and
 * lang="ar", the layout mirrors (the form moves to the right, the brand to the right end of the
 * header), the texts are Arabic, and the SMTP transcript stays left-to-right because wire text is
 * ASCII protocol, whatever the page direction.
 */
const ARABIC = /[\u0600-\u06FF]/;

let silent: HostileFixture;
test.beforeAll(async () => {
  // The early verdict below needs a port of 127.0.0.1 that answers SMTP while the fixture stays
  // silent: the test Postfix's 25/465/587 are the alternative ports the check probes.
  await requirePostfix();
  silent = await HOSTILE_SERVERS["silent"]!.start();
});
test.afterAll(async () => {
  await silent?.close();
});

async function boxOf(page: Page, selector: string): Promise<{ x: number; right: number }> {
  const box = await page.locator(selector).first().boundingBox();
  if (!box) throw new Error(`${selector} is not visible`);
  return { x: box.x, right: box.x + box.width };
}

test("switching to Arabic mirrors the layout and keeps the transcript left-to-right @key", async ({ app }) => {
  const { page } = app;
  await expect(page.locator("html")).toHaveAttribute("dir", "ltr");
  const formLtr = await boxOf(page, ".form-panel");
  const resultsLtr = await boxOf(page, "#results");
  const brandLtr = await boxOf(page, ".brand");
  expect(formLtr.right).toBeLessThanOrEqual(resultsLtr.x);

  await setLanguage(page, "ar");
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(page.locator("html")).toHaveAttribute("lang", "ar");

  // Mirrored: the form panel is now right of the results, the brand at the right end.
  const formRtl = await boxOf(page, ".form-panel");
  const resultsRtl = await boxOf(page, "#results");
  const brandRtl = await boxOf(page, ".brand");
  expect(formRtl.x).toBeGreaterThanOrEqual(resultsRtl.right);
  expect(brandRtl.x).toBeGreaterThan(brandLtr.x);
  const viewport = page.viewportSize();
  if (viewport) expect(Math.abs(viewport.width - formRtl.right - formLtr.x)).toBeLessThanOrEqual(20);

  // Arabic texts from the Arabic locale.
  await expect(page.locator("#check-form-title")).toHaveText(uiText("ar", "form.title"));
  await expect(page.locator(".check-form button[type=submit]")).toHaveText(uiText("ar", "form.submit"));
  await expect(page.locator(".app-nav")).toContainText(ARABIC);
  await expect(page.locator(".welcome")).toContainText(ARABIC);

  // A check in Arabic against a server that never greets: after 3 s an early verdict, then the
  // timeout. The transcript is left-to-right wire text; Arabic labels inside it keep their own
  // direction (the early-verdict tag's colon ends the label on its left, not on its right).
  await runCheck(page, { target: `${silent.host}:${silent.port}`, tls: "none", greetingSeconds: 4 });
  const transcript = page.locator(".tl-scroll");
  const earlyTag = transcript.locator(".tl-finding .tag").first();
  await expect(earlyTag).toHaveText(uiText("ar", "timeline.provisional"));
  expect(await earlyTag.evaluate((el) => getComputedStyle(el).direction)).toBe("rtl");
  await waitForOutcome(page);
  await expect(page.locator(".results .status-title").first()).toHaveText(uiText("ar", "outcome.failed"));
  await expect(transcript).toHaveAttribute("dir", "ltr");
  expect(await transcript.evaluate((el) => getComputedStyle(el).direction)).toBe("ltr");
  const firstRow = transcript.locator(".tl-row").first();
  const time = await firstRow.locator(".tl-time").boundingBox();
  const marker = await firstRow.locator(".tl-marker").boundingBox();
  expect(time && marker && time.x < marker.x).toBe(true);
  // The findings read right-to-left, in Arabic.
  const finding = page.locator(".finding").first();
  expect(await finding.evaluate((el) => getComputedStyle(el).direction)).toBe("rtl");
  await expect(finding.locator(".finding-title")).toContainText(ARABIC);

  // The choice sticks across a reload (the token stays in the address bar).
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(page.locator("html")).toHaveAttribute("lang", "ar");
});
