import type { AppInfo } from "../../shared/contract/api";
import { platformOf } from "../../shared/knowledge/findings";
import { EHLO_VERSION } from "./version";

/** What `app.info` answers: the face is injected because only the face knows what it is. */
export function createAppInfo(face: AppInfo["face"], platform: NodeJS.Platform = process.platform): AppInfo {
  return { version: EHLO_VERSION, platform: platformOf(platform), face };
}
