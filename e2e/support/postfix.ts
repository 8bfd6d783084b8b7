import { test } from "@playwright/test";
import { postfixAvailable } from "../../main/testing/postfix";

/**
 * `postfixSuite()` semantics for Playwright: call it in a `test.beforeAll` of a spec that needs
 * the test Postfix. Without it, CI (CI=true) fails the spec, because it must not silently pass;
 * elsewhere the spec's tests are skipped and the reason is printed.
 */
export async function requirePostfix(): Promise<void> {
  const status = await postfixAvailable();
  if (status.ok) return;
  const reason = `test Postfix unavailable: ${status.reason}`;
  if (/^(true|1)$/i.test(process.env.CI ?? "")) throw new Error(`${reason} (CI=true requires it)`);
  console.warn(`[postfix] skipping: ${reason}`);
  test.skip(true, reason);
}
