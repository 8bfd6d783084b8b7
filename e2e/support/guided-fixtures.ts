import { mkdirSync } from "node:fs";
import { expect, type Page } from "@playwright/test";
import { startAuthServer, type AuthServer } from "../../main/testing/auth-server";
import { startDnsServer, type DnsServer } from "../../main/testing/dns-server";
import { startTinySmtp, type TinySmtp } from "../../main/testing/tiny-smtp";
import { axeViolations, isSerious } from "./axe";
import { screenshotDir } from "./paths";

/**
 * Loopback peers for the walkthrough and the matrix. Discovery reads DNS only from the fixture
 * named in the form (the params' `dnsServer`), so every name it asks, every HTTPS source and
 * every probe ends on 127.0.0.1: ehlo.test's SRV record points at the auth fixture (STARTTLS,
 * AUTH, a mailbox), autoconfig and Autodiscover names do not exist, nothing real is contacted.
 */
export interface GuidedPeers {
  dns: DnsServer;
  submission: AuthServer;
  silent: TinySmtp;
  /** A port nothing listens on (connections are refused). */
  closedPort: number;
  close(): Promise<void>;
}

export const MAIL_HOST = "mx.ehlo.test";
export const USER_ADDRESS = "someone@ehlo.test";

export async function startGuidedPeers(): Promise<GuidedPeers> {
  const submission = await startAuthServer({ tls: "starttls" });
  const silent = await startTinySmtp("silent");
  const closed = await startTinySmtp("polite");
  const closedPort = closed.port;
  await closed.close();
  const dns = await startDnsServer({
    "ehlo.test": [{ type: "MX", preference: 10, exchange: MAIL_HOST }],
    [MAIL_HOST]: [{ type: "A", address: "127.0.0.1" }],
    // RFC 6186: the submission service may be on any port, so the fixture needs no privileged one.
    "_submission._tcp.ehlo.test": [{ type: "SRV", priority: 0, weight: 1, port: submission.port, target: MAIL_HOST }],
  });
  return {
    dns,
    submission,
    silent,
    closedPort,
    close: async () => {
      await Promise.all([dns.close(), submission.close(), silent.close()]);
    },
  };
}

/** A full-page screenshot for people to look at (no checks: for states that do not last). */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  // From the top: the header is sticky, so a scrolled full-page picture would show it mid-page.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  await page.screenshot({ path: `${screenshotDir}${name}.png`, fullPage: true });
}

/** A full-page screenshot, and no serious axe-core violation on the page as it is. */
export async function captureScreen(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
  const serious = (await axeViolations(page)).filter(isSerious);
  expect(serious, `${name}: ${JSON.stringify(serious, null, 1)}`).toEqual([]);
}
