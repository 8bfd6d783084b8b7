import os from "node:os";
import path from "node:path";

/**
 * Where Ehlo keeps its data (history): EHLO_DATA_DIR when set (tests, portable installs), else
 * the platform's per-user application data folder:
 *   Windows  %APPDATA%\Ehlo                     (roaming profile, like other desktop apps)
 *   macOS    ~/Library/Application Support/Ehlo
 *   others   $XDG_DATA_HOME/ehlo, else ~/.local/share/ehlo  (XDG Base Directory Specification)
 */
export function appDataDir(
  env: Record<string, string | undefined> = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = os.homedir(),
): string {
  if (env.EHLO_DATA_DIR) return path.resolve(env.EHLO_DATA_DIR);
  switch (platform) {
    case "win32":
      return path.win32.join(env.APPDATA || path.win32.join(home, "AppData", "Roaming"), "Ehlo");
    case "darwin":
      return path.posix.join(home, "Library", "Application Support", "Ehlo");
    default:
      // The XDG spec says a relative XDG_DATA_HOME is invalid and must be ignored.
      return env.XDG_DATA_HOME && path.isAbsolute(env.XDG_DATA_HOME)
        ? path.join(env.XDG_DATA_HOME, "ehlo")
        : path.join(home, ".local", "share", "ehlo");
  }
}
