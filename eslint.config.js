// @ts-check
import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";

/**
 * Import boundaries from shared/docs/architecture.md ("Folder rules"), enforced here rather than
 * by good intentions. Each entry: the files, then the imports they must not use.
 */
const NODE_BUILTINS = ["fs", "net", "tls", "dns", "os", "path", "crypto", "child_process", "http", "https", "stream", "url", "util", "events", "readline", "perf_hooks"];
/** Bare module names are matched exactly (`paths`); folders and prefixes by pattern. */
const boundary = (files, banned, message) => ({
  files,
  ignores: ["**/*.test.ts"],
  rules: {
    "no-restricted-imports": [
      "error",
      {
        paths: banned.filter((b) => !b.includes("*")).map((name) => ({ name, message })),
        patterns: [{ group: banned.filter((b) => b.includes("*")), message }],
      },
    ],
  },
});

export default tseslint.config(
  { ignores: ["node_modules/", "out/", "dist/", "release/", "coverage/", "test-results/", "playwright-report/", "e2e/artifacts/", "**/.tmp/", ".ci/postfix/generated/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: "module" },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
      "no-restricted-syntax": ["error", { selector: "ExportDefaultDeclaration", message: "Use named exports (project convention)." }],
    },
  },
  boundary(["shared/**/*.ts"], [...NODE_BUILTINS, "node:*", "electron", "react", "react-dom", "react/*", "**/main/**", "**/renderer/**"], "shared/ is pure TypeScript: no Node, Electron, React or DOM, and no imports from main/ or renderer/."),
  boundary(["main/engine/**/*.ts"], ["electron", "**/electron/**", "**/host/**", "**/services/**", "**/cli/**", "**/renderer/**"], "main/engine imports only node:* and shared/."),
  boundary(["main/services/**/*.ts"], ["electron", "**/electron/**", "**/host/**", "**/cli/**", "**/renderer/**"], "main/services must not import electron or a face; inject Electron-only powers."),
  boundary(["main/host/**/*.ts", "main/cli/**/*.ts"], ["electron", "**/electron/**", "**/engine/**", "**/renderer/**"], "faces talk to services, never to the engine or electron."),
  boundary(["main/electron/**/*.ts"], ["**/engine/**", "**/renderer/**"], "the Electron shell talks to services, never to engine internals."),
  boundary(["renderer/**/*.ts", "renderer/**/*.tsx"], [...NODE_BUILTINS, "node:*", "electron", "**/main/**"], "renderer/ reaches main only through the contract (renderer/api.ts)."),
  {
    // Config files and tooling scripts may use default exports, as their tools require.
    files: ["*.config.ts", "*.config.js", "**/*.config.ts", "eslint.config.js"],
    rules: { "no-restricted-syntax": "off" },
  },
);
