import { describe, expect, it } from "vitest";
import { appRequestPath, isAllowedExternalUrl, isTrustedSender, RENDERER_CSP } from "./security-policy";

describe("isTrustedSender", () => {
  it.each([
    ["app://ehlo/index.html", true],
    ["app://ehlo/", true],
    // Chromium canonicalises standard-scheme URLs to lower case; a URL that is not canonical is not our frame.
    ["APP://EHLO/index.html", false],
    ["app://ehlo.evil/index.html", false],
    ["app://other/index.html", false],
    ["app://user@ehlo/index.html", false],
    ["file:///index.html", false],
    ["http://127.0.0.1:5173/", false],
    ["https://evil.example/app://ehlo/", false],
    ["about:blank", false],
    ["", false],
    [null, false],
    ["not a url", false],
  ])("%s → %s", (url, expected) => {
    expect(isTrustedSender(url)).toBe(expected);
  });
});

describe("isAllowedExternalUrl", () => {
  it.each([
    ["https://www.rfc-editor.org/rfc/rfc5321#section-4.2", true],
    ["https://datatracker.ietf.org/doc/html/rfc3207", true],
    ["https://github.com/", true],
    ["http://www.rfc-editor.org/rfc/rfc5321", false],
    ["https://www.rfc-editor.org:8443/rfc/rfc5321", false],
    ["https://user:pw@github.com/", false],
    ["https://github.com.evil.example/", false],
    ["https://evil.example/?u=https://github.com/", false],
    ["file:///etc/passwd", false],
    ["javascript:alert(1)", false],
    ["smb://server/share", false],
    ["", false],
  ])("%s → %s", (url, expected) => {
    expect(isAllowedExternalUrl(url)).toBe(expected);
  });
});

describe("app:// requests and the CSP", () => {
  it("gives the still-encoded path for our host only", () => {
    expect(appRequestPath("app://ehlo/assets/index-abc.js")).toBe("/assets/index-abc.js");
    expect(appRequestPath("app://ehlo/..%2fpackage.json")).toBe("/..%2fpackage.json");
    expect(appRequestPath("app://other/index.html")).toBeNull();
    expect(appRequestPath("https://ehlo/index.html")).toBeNull();
  });

  it("allows no inline or evaluated script, no plugins, no framing", () => {
    expect(RENDERER_CSP).toContain("script-src 'self'");
    expect(RENDERER_CSP).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline/);
    expect(RENDERER_CSP).toContain("object-src 'none'");
    expect(RENDERER_CSP).toContain("frame-ancestors 'none'");
  });
});
