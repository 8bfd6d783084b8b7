import { useEffect, useRef } from "react";
import type { EhloDesktopBridge } from "../../shared/contract/bridge";
import { desktopActions, viewStateOf, wireDesktop, type DesktopTargets, type ThemeName } from "../model/desktop-wiring";

/**
 * The desktop app's events for this page (nothing over WebSocket, where `desktop` is null):
 * subscribes once (each subscription tells main to deliver what it held for the page, e.g. the
 * link that launched the app), and tells main the page's language and theme on mount and on
 * every change, so the View menu's radio items match.
 */
export function useDesktop(desktop: EhloDesktopBridge | null, targets: DesktopTargets, language: string, theme: ThemeName): void {
  const latest = useRef(targets);
  useEffect(() => {
    latest.current = targets;
  }, [targets]);

  useEffect(() => {
    if (!desktop) return undefined;
    // Through the ref: the page's handlers change on every render, the subscription must not.
    const actions = desktopActions({
      fillForm: (form) => latest.current.fillForm(form),
      showRecorded: (run) => latest.current.showRecorded(run),
      newCheck: () => latest.current.newCheck(),
      exportShown: () => latest.current.exportShown(),
      setLanguage: (lang) => latest.current.setLanguage(lang),
      setTheme: (next) => latest.current.setTheme(next),
    });
    return wireDesktop(desktop, actions, (message) => console.warn(`ehlo desktop: ${message}`));
  }, [desktop]);

  useEffect(() => {
    desktop?.setViewState(viewStateOf(language, theme));
  }, [desktop, language, theme]);
}
