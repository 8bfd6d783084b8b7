import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { IconCopy, IconOk } from "./Icons";

/** Clipboard API where allowed (secure contexts: loopback and Electron are), else a fallback. */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.className = "offscreen";
    document.body.append(area);
    area.select();
    const ok = document.execCommand("copy");
    area.remove();
    return ok;
  }
}

interface CopyButtonProps {
  text: string | (() => string);
  /** Visible label; icon-only when `compact`, with the label for screen readers. */
  label: string;
  compact?: boolean;
  className?: string;
}

export function CopyButton({ text, label, compact = false, className }: CopyButtonProps) {
  const { t } = useTranslation();
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  useEffect(() => {
    if (state === "idle") return;
    const timer = setTimeout(() => setState("idle"), 1800);
    return () => clearTimeout(timer);
  }, [state]);
  const onClick = async () => {
    const ok = await copyText(typeof text === "function" ? text() : text);
    setState(ok ? "copied" : "failed");
  };
  const shown = state === "copied" ? t("common.copied") : state === "failed" ? t("common.copyFailed") : label;
  return (
    <button
      type="button"
      className={`btn btn-ghost${compact ? " btn-icon" : ""}${className ? ` ${className}` : ""}`}
      onClick={() => void onClick()}
      {...(compact ? { "aria-label": shown, title: shown } : {})}
    >
      {state === "copied" ? <IconOk /> : <IconCopy />}
      {compact ? null : <span>{shown}</span>}
      <span className="sr-only" role="status">
        {state === "idle" ? "" : shown}
      </span>
    </button>
  );
}
