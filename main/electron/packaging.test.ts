import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Configuration, TargetConfiguration } from "electron-builder";
import { afterAll, describe, expect, it } from "vitest";
import { config, createConfig, LINK_SCHEME, notarizeFromEnv, REPORT_FILE_EXTENSION } from "../../electron.config";
import { DEEP_LINK_SCHEME, parseDeepLink } from "./deep-link";
import { REPORT_FILE_PATTERN } from "./launch-args";

/**
 * The electron-builder configuration, loaded as electron-builder loads it (the TS module's
 * default export), checked field by field and by electron-builder's own schema validator. The
 * installers themselves are built by the release workflow: the Electron binary cannot be
 * downloaded here.
 */

const root = fileURLToPath(new URL("../../", import.meta.url));
const require = createRequire(import.meta.url);
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string; main: string };

/** Target names with their architectures, however the config spells a target. */
function targets(list: unknown): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const t of list as (string | TargetConfiguration)[]) {
    if (typeof t === "string") out[t] = [];
    else out[t.target] = (Array.isArray(t.arch) ? t.arch : t.arch ? [t.arch] : []).map(String);
  }
  return out;
}

describe("electron.config.ts", () => {
  it("passes electron-builder's own configuration schema, and the schema does catch a typo", async () => {
    const { validateConfiguration } = require("app-builder-lib/out/util/config/config.js") as {
      validateConfiguration(c: Configuration, logger: { isEnabled: boolean; add(): void }): Promise<void>;
    };
    const logger = { isEnabled: false, add: () => undefined };
    await expect(validateConfiguration(config, logger)).resolves.toBeUndefined();
    await expect(validateConfiguration({ ...config, mac: { ...config.mac, hardenedRuntim: true } as Configuration["mac"] }, logger)).rejects.toThrow(/Invalid configuration/);
  }, 30_000);

  it("is the module's default export, as electron-builder loads it", async () => {
    const module = (await import("../../electron.config")) as { default: Configuration };
    expect(module.default).toBe(config);
  });

  it("names the app and every artefact with version, OS and architecture; the version is package.json's", () => {
    expect(config.appId).toBe("app.ehlo.desktop");
    expect(config.productName).toBe("Ehlo");
    for (const name of [config.artifactName, config.nsis?.artifactName, config.portable?.artifactName]) {
      expect(name).toMatch(/^\$\{productName\}-\$\{version\}-\$\{os\}-\$\{arch\}.*\.\$\{ext\}$/);
    }
    // Both Windows targets make an .exe: their names must differ.
    expect(config.nsis?.artifactName).not.toBe(config.portable?.artifactName);
    expect(config.extraMetadata?.version).toBeUndefined();
    expect(config.buildVersion).toBeUndefined();
    expect(pkg.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it("ships only the built app and the knowledge data main reads, never node_modules", () => {
    expect(config.files).toEqual(expect.arrayContaining(["out/electron/**", "out/renderer/**", "shared/knowledge/**/*.json", "package.json", "!node_modules/**"]));
    expect(pkg.main).toBe("out/electron/main.js");
    expect(config.asar).toBe(true);
  });

  it("Windows: NSIS installer and portable", () => {
    const win = targets(config.win?.target);
    expect(Object.keys(win).sort()).toEqual(["nsis", "portable"]);
    expect(win.nsis).toContain("x64");
    expect(config.win?.icon).toBe("out/icons/icon.ico");
  });

  it("macOS: dmg and zip for x64 and arm64, hardened runtime, the entitlements file", () => {
    const mac = targets(config.mac?.target);
    expect(mac).toEqual({ dmg: ["x64", "arm64"], zip: ["x64", "arm64"] });
    expect(config.mac?.hardenedRuntime).toBe(true);
    expect(config.mac?.icon).toBe("out/icons/icon.icns");
    const entitlements = config.mac?.entitlements as string;
    expect(entitlements).toBe("main/electron/build/entitlements.mac.plist");
    expect(config.mac?.entitlementsInherit).toBe(entitlements);
    const plist = readFileSync(join(root, entitlements), "utf8");
    const granted = [...plist.matchAll(/<key>([^<]+)<\/key>\s*<true\/>/g)].map((m) => m[1]);
    // Network client, plus the JIT exception V8 needs under the hardened runtime; nothing else.
    expect(granted.sort()).toEqual(["com.apple.security.cs.allow-jit", "com.apple.security.network.client"]);
  });

  it("notarises only when a complete set of Apple credentials is in the environment", () => {
    expect(notarizeFromEnv({})).toBe(false);
    expect(notarizeFromEnv({ APPLE_ID: "a@example.com", APPLE_APP_SPECIFIC_PASSWORD: "x" })).toBe(false);
    expect(notarizeFromEnv({ APPLE_ID: "a@example.com", APPLE_APP_SPECIFIC_PASSWORD: "x", APPLE_TEAM_ID: " " })).toBe(false);
    expect(notarizeFromEnv({ APPLE_ID: "a@example.com", APPLE_APP_SPECIFIC_PASSWORD: "x", APPLE_TEAM_ID: "T1" })).toBe(true);
    expect(notarizeFromEnv({ APPLE_API_KEY: "k.p8", APPLE_API_KEY_ID: "id", APPLE_API_ISSUER: "iss" })).toBe(true);
    expect(notarizeFromEnv({ APPLE_KEYCHAIN: "k", APPLE_KEYCHAIN_PROFILE: "p" })).toBe(true);
    expect(createConfig({}).mac?.notarize).toBe(false);
    expect(createConfig({ APPLE_KEYCHAIN: "k", APPLE_KEYCHAIN_PROFILE: "p" }).mac?.notarize).toBe(true);
  });

  it("Linux: AppImage, deb and rpm in the Network category", () => {
    expect(Object.keys(targets(config.linux?.target)).sort()).toEqual(["AppImage", "deb", "rpm"]);
    expect(config.linux?.category).toBe("Network");
    expect(config.linux?.icon).toBe("out/icons/png");
    expect(config.linux?.maintainer).toMatch(/<[^>]+@[^>]+>/);
  });

  it("registers the .ehlo report files and the ehlo:// scheme the app itself understands", () => {
    const assoc = [config.fileAssociations].flat();
    expect(assoc).toHaveLength(1);
    expect(assoc[0]).toMatchObject({ ext: "ehlo", name: "Ehlo report", mimeType: "application/vnd.ehlo.report+json", role: "Viewer" });
    expect(REPORT_FILE_EXTENSION).toBe("ehlo");
    expect(REPORT_FILE_PATTERN.test(`run.${REPORT_FILE_EXTENSION}`)).toBe(true);
    expect([config.protocols].flat().map((p) => p?.schemes)).toEqual([["ehlo"]]);
    expect(LINK_SCHEME).toBe(DEEP_LINK_SCHEME);
    expect(parseDeepLink(`${LINK_SCHEME}://check?host=mx.example.com`).ok).toBe(true);
  });

  it("flips the release fuses", () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });
});

describe("icons", () => {
  const scratch = mkdtempSync(join(tmpdir(), "ehlo-icons-"));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it("come from one source image in the repository", () => {
    const svg = readFileSync(join(root, "main/electron/build/icon.svg"), "utf8");
    expect(svg).toMatch(/^<svg [^>]*viewBox="0 0 1024 1024"/);
    // Nothing external: the renderer rasterises it offline.
    expect(svg).not.toMatch(/(href|src)="(https?:|\/\/)/);
  });

  it("are rendered to every size and container the config points at (Chromium, offline)", async () => {
    const { makeIcons, PNG_SIZES, ICO_SIZES } = (await import("./build/make-icons.mjs" as string)) as {
      makeIcons(dir: string): Promise<string>;
      PNG_SIZES: number[];
      ICO_SIZES: number[];
    };
    const { ICNS_TYPES } = (await import("./build/icon-containers.mjs" as string)) as { ICNS_TYPES: { type: string; size: number }[] };
    const out = await makeIcons(join(scratch, "icons"));
    for (const size of PNG_SIZES) {
      const png = readFileSync(join(out, "png", `${size}x${size}.png`));
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([size, size]);
    }
    const ico = readFileSync(join(out, "icon.ico"));
    expect([ico.readUInt16LE(2), ico.readUInt16LE(4)]).toEqual([1, ICO_SIZES.length]);
    expect(ICO_SIZES.map((_, i) => ico.readUInt8(6 + 16 * i) || 256)).toEqual(ICO_SIZES);
    const icns = readFileSync(join(out, "icon.icns"));
    expect(icns.toString("latin1", 0, 4)).toBe("icns");
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    // Walk the elements: each a known PNG type of the right size, lengths adding up to the file.
    const elements: { type: string; size: number }[] = [];
    for (let at = 8; at < icns.length; at += icns.readUInt32BE(at + 4)) {
      const png = icns.subarray(at + 8, at + icns.readUInt32BE(at + 4));
      elements.push({ type: icns.toString("latin1", at, at + 4), size: png.readUInt32BE(16) });
    }
    expect(elements).toEqual(ICNS_TYPES);
    // The config's icon paths are exactly what the script writes (relative to out/icons).
    for (const path of [config.win?.icon, config.mac?.icon, config.linux?.icon]) {
      expect(existsSync(join(out, String(path).replace(/^out\/icons\/?/, "")))).toBe(true);
    }
  }, 60_000);
});
