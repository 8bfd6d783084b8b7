import { useSyncExternalStore } from "react";
import type { ConnectionMonitor, ConnectionState } from "../transport/connection";

export function useConnection(monitor: ConnectionMonitor): ConnectionState {
  return useSyncExternalStore(monitor.subscribe, monitor.get, monitor.get);
}
