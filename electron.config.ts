import type { Configuration } from "electron-builder";

/**
 * electron-builder packaging: `npm run dist` (main/electron/dist.mjs) builds the renderer, the
 * Electron bundles and the icons, then runs `electron-builder --config electron.config.ts`.
 * The version is package.json's (electron-builder's default; nothing here overrides it).
 *
 * Only built output ships: out/electron (main + preload bundles, which include the engine and
 * services), out/renderer (the Vite build), the knowledge base data that main reads at run time,
 * and package.json. node_modules is excluded: esbuild bundled everything main needs, and
 * `electron` is the runtime itself.
 */

/** The `.ehlo` report file and the `ehlo://` link scheme the app registers with the OS. */
export const REPORT_FILE_EXTENSION = "ehlo";
export const LINK_SCHEME = "ehlo";

/**
 * electron-builder notarises on macOS when one of these sets is complete in the environment
 * (see `MacConfiguration.notarize` in app-builder-lib). An App Store Connect API key is the
 * recommended one; an Apple ID with an app-specific password, or a keychain profile, also work.
 */
export const NOTARY_ENV_SETS: readonly (readonly string[])[] = [
  ["APPLE_API_KEY", "APPLE_API_KEY_ID", "APPLE_API_ISSUER"],
  ["APPLE_ID", "APPLE_APP_SPECIFIC_PASSWORD", "APPLE_TEAM_ID"],
  ["APPLE_KEYCHAIN", "APPLE_KEYCHAIN_PROFILE"],
];

/** Notarise only when credentials are present; a build without them is simply not notarised. */
export function notarizeFromEnv(env: Record<string, string | undefined>): boolean {
  return NOTARY_ENV_SETS.some((set) => set.every((name) => (env[name] ?? "").trim() !== ""));
}

/** Name, version, OS and architecture in every file name, so one release folder holds them all. */
const ARTIFACT = "${productName}-${version}-${os}-${arch}";

export function createConfig(env: Record<string, string | undefined> = process.env): Configuration {
  return {
    appId: "app.ehlo.desktop",
    productName: "Ehlo",
    copyright: "Copyright © Ehlo contributors",
    artifactName: `${ARTIFACT}.\${ext}`,
    directories: { output: "release", buildResources: "main/electron/build" },
    files: ["out/electron/**", "out/renderer/**", "shared/knowledge/**/*.json", "package.json", "!node_modules/**"],
    asar: true,
    // Nothing native to rebuild: the app is two esbuild bundles.
    npmRebuild: false,
    nodeGypRebuild: false,

    // Electron fuses, flipped in the packaged binary (Electron's docs/tutorial/fuses.md). Nobody
    // can turn the signed app into a Node runtime, feed it NODE_OPTIONS or attach an inspector,
    // or swap its code: only the integrity-checked app.asar loads. file:// pages get no extra
    // powers (the renderer is served over app://). Cookies are encrypted at rest.
    electronFuses: {
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    },

    protocols: [{ name: "Ehlo check link", schemes: [LINK_SCHEME] }],
    // One extension of our own: associating ".json" (or "ehlo.json", which Windows and macOS
    // match by its last part only) would claim every JSON file on the machine.
    fileAssociations: [
      {
        ext: REPORT_FILE_EXTENSION,
        name: "Ehlo report",
        description: "Ehlo SMTP check report",
        mimeType: "application/vnd.ehlo.report+json",
        role: "Viewer",
        rank: "Owner",
      },
    ],

    win: {
      icon: "out/icons/icon.ico",
      target: [
        { target: "nsis", arch: ["x64", "arm64"] },
        { target: "portable", arch: ["x64"] },
      ],
    },
    // Both Windows targets make an .exe: the suffix keeps them apart.
    nsis: {
      artifactName: `${ARTIFACT}-setup.\${ext}`,
      oneClick: false,
      perMachine: false,
      allowToChangeInstallationDirectory: true,
    },
    portable: { artifactName: `${ARTIFACT}-portable.\${ext}` },

    mac: {
      icon: "out/icons/icon.icns",
      category: "public.app-category.developer-tools",
      target: [
        { target: "dmg", arch: ["x64", "arm64"] },
        { target: "zip", arch: ["x64", "arm64"] },
      ],
      hardenedRuntime: true,
      gatekeeperAssess: false,
      entitlements: "main/electron/build/entitlements.mac.plist",
      entitlementsInherit: "main/electron/build/entitlements.mac.plist",
      notarize: notarizeFromEnv(env),
      darkModeSupport: true,
    },

    linux: {
      icon: "out/icons/png",
      category: "Network",
      synopsis: "SMTP troubleshooter with a live, explained transcript",
      target: ["AppImage", "deb", "rpm"],
      // deb requires a maintainer; replace with the project's real contact before a public release.
      maintainer: "Ehlo maintainers <maintainers@ehlo.invalid>",
    },
  };
}

export const config: Configuration = createConfig();

// electron-builder loads the default export of a config file.
export default config;
