import { contextBridge, ipcRenderer } from "electron";
import { createBridge } from "./create-bridge";

/**
 * The sandboxed preload (bundled to out/electron/preload.cjs: sandboxed preloads must be
 * CommonJS). It exposes the narrow bridge and nothing else.
 */
contextBridge.exposeInMainWorld("ehlo", createBridge(ipcRenderer));
