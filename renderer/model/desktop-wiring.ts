import { assertNever } from "../../shared/contract/events";
import type { EhloDesktopBridge } from "../../shared/contract/bridge";
import {
  CheckPrefillSchema,
  UI_LANGUAGES,
  type CheckPrefill,
  type MenuCommand,
  type OpenedReport,
  type ViewState,
} from "../../shared/contract/desktop";
import { ReportSchema } from "../../shared/report/report-schema";
import type { RecordedRun } from "./check-session";
import type { FormState } from "./form";
import { formFromPrefill, recordedFromFile } from "./rerun";

/**
 * The desktop app's events, wired to what the page does (pure: no React, so a fake bridge can
 * test it). Menu commands go through one exhaustive switch, so a new command fails to compile
 * until the page handles it. A link only fills in the form; nothing here can start a check.
 */

export type UiLanguage = (typeof UI_LANGUAGES)[number];
export type ThemeName = ViewState["theme"];

export interface DesktopActions {
  /** Fill in the form from an `ehlo://` link and show it; the person starts the check. */
  prefill(prefill: CheckPrefill): void;
  /** Show a report file read-only, like an imported report. */
  openReport(report: OpenedReport): void;
  newCheck(): void;
  /** Open the export choices for the run on screen, offering the `.ehlo` file. */
  exportReport(): void;
  setLanguage(language: UiLanguage): void;
  setTheme(theme: ThemeName): void;
}

export function runMenuCommand(command: MenuCommand, actions: DesktopActions): void {
  switch (command) {
    case "new-check":
      return actions.newCheck();
    case "export-report":
      return actions.exportReport();
    case "language-en":
      return actions.setLanguage("en");
    case "language-ar":
      return actions.setLanguage("ar");
    case "theme-system":
      return actions.setTheme("system");
    case "theme-light":
      return actions.setTheme("light");
    case "theme-dark":
      return actions.setTheme("dark");
    default:
      return assertNever(command);
  }
}

/**
 * Subscribes to every desktop event; returns one unsubscribe for all. Main validated each
 * payload already; they are checked again here because a page must not trust its IPC blindly.
 */
export function wireDesktop(desktop: EhloDesktopBridge, actions: DesktopActions, warn: (message: string) => void = () => undefined): () => void {
  const offs = [
    desktop.onMenuCommand((command) => runMenuCommand(command, actions)),
    desktop.onPrefillCheck((raw) => {
      const prefill = CheckPrefillSchema.safeParse(raw);
      if (prefill.success) actions.prefill(prefill.data);
      else warn("ignored an invalid ehlo:// pre-fill");
    }),
    desktop.onOpenReport((raw) => {
      const document = ReportSchema.safeParse(raw?.document);
      if (document.success && typeof raw.fileName === "string") actions.openReport({ fileName: raw.fileName, document: document.data });
      else warn("ignored an invalid report file");
    }),
  ];
  return () => {
    for (const off of offs) off();
  };
}

/** What the View menu should show: the page's language (English when it has another) and theme. */
export function viewStateOf(language: string, theme: ThemeName): ViewState {
  const primary = language.split("-")[0]?.toLowerCase() ?? "en";
  return { language: (UI_LANGUAGES as readonly string[]).includes(primary) ? (primary as UiLanguage) : "en", theme };
}

/** What the page can do for the desktop events: the app's run actions and preferences. */
export interface DesktopTargets {
  /** Fill in the form (and say where it came from); never start a check. */
  fillForm(form: FormState): void;
  showRecorded(run: RecordedRun): void;
  newCheck(): void;
  exportShown(): void;
  setLanguage(language: UiLanguage): void;
  setTheme(theme: ThemeName): void;
}

export function desktopActions(targets: DesktopTargets): DesktopActions {
  return {
    prefill: (prefill) => targets.fillForm(formFromPrefill(prefill)),
    openReport: (report) => targets.showRecorded(recordedFromFile(report)),
    newCheck: () => targets.newCheck(),
    exportReport: () => targets.exportShown(),
    setLanguage: (language) => targets.setLanguage(language),
    setTheme: (theme) => targets.setTheme(theme),
  };
}
