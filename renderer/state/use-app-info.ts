import { useEffect, useState } from "react";
import type { AppInfo } from "../../shared/contract/api";
import type { EhloBridge } from "../../shared/contract/bridge";

/** Platform (checklists show its commands first) and face (the keychain exists only in Electron). */
export function useAppInfo(bridge: EhloBridge): AppInfo | null {
  const [info, setInfo] = useState<AppInfo | null>(null);
  useEffect(() => {
    let live = true;
    bridge.appInfo().then(
      (value) => live && setInfo(value),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [bridge]);
  return info;
}
