import type { Page } from "@playwright/test";
import { AUTH_PASSWORD, AUTH_USER, startAuthServer, type AuthServer } from "../main/testing/auth-server";
import { expect, test } from "./support/app";
import { transcriptRows, waitForOutcome } from "./support/ui";

/**
 * A whole check without a mouse, against a submission server with STARTTLS, AUTH and DATA: Tab
 * and Shift+Tab to move, typing to fill, Enter and Space to press and tick, and Space to open an
 * explanation. Every stop shows where the focus is (a visible focus ring).
 */
let server: AuthServer;
test.beforeAll(async () => {
  server = await startAuthServer({ tls: "starttls" });
});
test.afterAll(async () => {
  await server?.close();
});

interface Focused {
  id: string;
  tag: string;
  type: string;
  classes: string;
  text: string;
  /** A focus indicator is drawn: an outline, or a ring on the element or its segment. */
  ring: boolean;
}

async function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { id: "", tag: "body", type: "", classes: "", text: "", ring: false };
    const drawn = (node: Element | null) => {
      if (!node) return false;
      const style = getComputedStyle(node);
      return (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== "none";
    };
    return {
      id: el.id,
      tag: el.tagName.toLowerCase(),
      type: el.getAttribute("type") ?? "",
      classes: el.className,
      text: (el.textContent ?? "").trim(),
      ring: drawn(el) || drawn(el.closest(".segment")),
    };
  });
}

/** Presses `key` until `until` holds for the focused element; fails after `max` presses. */
async function tabTo(page: Page, until: (f: Focused) => boolean, key = "Tab", max = 120): Promise<Focused> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(key);
    const now = await focused(page);
    expect(now.tag, "focus never falls back to the page body").not.toBe("body");
    expect(now.ring, `focus ring on ${now.tag}#${now.id}.${now.classes}`).toBe(true);
    if (until(now)) return now;
  }
  throw new Error(`${key} never reached the wanted element in ${max} presses`);
}

test("a whole check runs with the keyboard alone @key", async ({ app }) => {
  const { page } = app;
  // The first stop is the skip link; Enter takes us to the main content.
  await page.keyboard.press("Tab");
  expect((await focused(page)).classes).toContain("skip-link");
  await page.keyboard.press("Enter");
  await tabTo(page, (f) => f.id === "f-host");
  await page.keyboard.type(`${server.host}:${server.port}`);

  await tabTo(page, (f) => f.id === "f-from");
  await page.keyboard.type("helpdesk@ehlo.test");
  await tabTo(page, (f) => f.id === "f-to-0");
  await page.keyboard.type("postmaster@ehlo.test");
  // Shift+Tab goes back (through the hints-free fields) to the sender, Tab forward again.
  await tabTo(page, (f) => f.id === "f-from", "Shift+Tab");
  await expect(page.locator("#f-from")).toHaveValue("helpdesk@ehlo.test");
  await tabTo(page, (f) => f.id === "f-to-0");

  // Log in: the password field appears once there is a user name.
  await tabTo(page, (f) => f.id === "f-authUser");
  await page.keyboard.type(AUTH_USER);
  await tabTo(page, (f) => f.id === "f-password");
  await page.keyboard.type(AUTH_PASSWORD);

  // Advanced opens with Enter on its summary; Space ticks "send a test message"; the fixture's
  // private CA goes into its field (typed text, no clipboard).
  await tabTo(page, (f) => f.tag === "summary");
  await page.keyboard.press("Enter");
  await expect(page.locator("details.advanced")).toHaveAttribute("open", "");
  await tabTo(page, (f) => f.tag === "input" && f.type === "checkbox");
  await page.keyboard.press("Space");
  await expect(page.locator("details.advanced input[type=checkbox]").first()).toBeChecked();
  await tabTo(page, (f) => f.id === "f-extraCaPem");
  await page.keyboard.insertText(server.caPem);

  await tabTo(page, (f) => f.tag === "button" && f.type === "submit");
  await page.keyboard.press("Enter");
  expect(await waitForOutcome(page)).toBe("ok");
  // The whole session happened: TLS, login, and the test message was delivered.
  const sent = (await transcriptRows(page)).filter((row) => row.type === "send");
  expect(sent.filter((row) => row.marker === "~>").map((row) => row.text.split(" ")[0])).toEqual(expect.arrayContaining(["AUTH", "MAIL", "RCPT", "DATA"]));
  expect(server.messages).toHaveLength(1);
  expect(server.messages[0]?.user).toBe(AUTH_USER);

  // On into the results: the first Explain button opens with Space.
  const explain = await tabTo(page, (f) => f.classes.includes("tl-explain"), "Tab", 200);
  expect(explain.tag).toBe("button");
  await page.keyboard.press("Space");
  const toggle = page.locator(".tl-explain[aria-expanded=true]");
  await expect(toggle).toHaveCount(1);
  await expect(toggle).toBeFocused();
  await expect(page.locator(".explain .explain-sections > div")).toHaveCount(3);
  // Enter closes it again.
  await page.keyboard.press("Enter");
  await expect(page.locator(".tl-explain[aria-expanded=true]")).toHaveCount(0);
});
