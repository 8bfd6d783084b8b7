import type { AppInfo } from "../../shared/contract/api";
import { EHLO_VERSION } from "./version";

/** The contract's platform names; checklists show the commands of this platform first. */
export function platformName(platform: NodeJS.Platform): AppInfo["platform"] {
  switch (platform) {
    case "win32":
      return "windows";
    case "darwin":
      return "macos";
    case "linux":
      return "linux";
    default:
      return "other";
  }
}

/** What `app.info` answers: the face is injected because only the face knows what it is. */
export function createAppInfo(face: AppInfo["face"], platform: NodeJS.Platform = process.platform): AppInfo {
  return { version: EHLO_VERSION, platform: platformName(platform), face };
}
