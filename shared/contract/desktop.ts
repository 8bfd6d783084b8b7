import { z } from "zod";
import type { ReportDocument } from "../report/report-schema";
import { CheckRequestSchema, TlsModeSchema } from "./check-request";

/**
 * What only the desktop app (Electron) sends the renderer beyond the check contract: native menu
 * commands, a form pre-fill from an `ehlo://` link, and a report opened from a file. The loopback
 * host has none of these, so they live beside `EhloBridge`, not in it (see `EhloDesktopBridge`).
 */

/** Menu items the renderer acts on; everything else (zoom, quit, about, open…) main does itself. */
export const MENU_COMMANDS = [
  "new-check",
  "export-report",
  "language-en",
  "language-ar",
  "theme-system",
  "theme-light",
  "theme-dark",
] as const;
export const MenuCommandSchema = z.enum(MENU_COMMANDS);
export type MenuCommand = z.infer<typeof MenuCommandSchema>;

export const UI_LANGUAGES = ["en", "ar"] as const;
export const THEMES = ["system", "light", "dark"] as const;

/** The renderer's current language and theme, so the View menu's radio items match it. */
export const ViewStateSchema = z.strictObject({
  language: z.enum(UI_LANGUAGES),
  theme: z.enum(THEMES),
});
export type ViewState = z.infer<typeof ViewStateSchema>;

/**
 * Fields an `ehlo://check?…` link may fill in. Limits come from CheckRequestSchema so a link can
 * never carry more than the form accepts. Deliberately absent: authentication, secrets, `send`
 * and anything else that would make a link more than "fill in the form for me".
 */
export const CheckPrefillSchema = z.strictObject({
  host: CheckRequestSchema.shape.host,
  port: CheckRequestSchema.shape.port,
  tls: TlsModeSchema.optional(),
  helo: CheckRequestSchema.shape.helo,
  from: CheckRequestSchema.shape.from,
  to: CheckRequestSchema.shape.to.unwrap().optional(),
});
export type CheckPrefill = z.infer<typeof CheckPrefillSchema>;

/** A report file opened from the OS (double-click, "Open with", File ▸ Open report…), already validated. */
export interface OpenedReport {
  /** The file's base name only: the renderer has no use for the full path. */
  fileName: string;
  document: ReportDocument;
}

/** The desktop events a renderer can listen to; main holds each until the renderer listens. */
export const DESKTOP_EVENTS = ["menuCommand", "prefillCheck", "openReport"] as const;
export const DesktopEventSchema = z.enum(DESKTOP_EVENTS);
export type DesktopEvent = z.infer<typeof DesktopEventSchema>;
