import { InlineError } from "./InlineError";
import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { MethodCallError, type EhloBridge } from "../../shared/contract/bridge";
import type { CheckResult } from "../../shared/contract/check-result";
import type { ExportFormat, ExportSource } from "../../shared/contract/methods-history";
import { availableLanguages } from "../i18n/ui-resources";
import { checklistForExport, type ChecklistStates } from "../model/checklist-state";
import { downloadFile } from "../state/download-file";

/** Formats everyone gets; the desktop app adds its own `.ehlo` file. */
const FORMATS: readonly ExportFormat[] = ["html", "pdf", "md", "json"];

export interface ExportRequest {
  /** Changes on every request, so the same request twice opens the panel twice. */
  n: number;
  format: ExportFormat;
}

interface ExportMenuProps {
  bridge: EhloBridge;
  source: ExportSource;
  /** The run itself, for when its history copy cannot be read (the save failed). */
  fallback?: CheckResult | null;
  checklists?: ChecklistStates;
  /** The desktop app offers its `.ehlo` report file. */
  offerEhlo: boolean;
  /** Opens the panel from outside (the desktop menu's Export…) with a format chosen. */
  openRequest?: ExportRequest | null;
  /** Names the button for screen readers when its visible text alone is ambiguous (a list row). */
  label?: string;
  small?: boolean;
  /** Show the choices in a modal dialog, for places whose overflow would clip a floating panel (table rows). */
  modal?: boolean;
}

/** The choices as a modal <dialog>: the top layer is never clipped, and focus stays inside. */
function ModalPanel({ id, labelledBy, onClose, setRef, children }: { id: string; labelledBy: string; onClose(): void; setRef(el: HTMLElement | null): void; children: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog
      ref={(el) => {
        ref.current = el;
        setRef(el);
      }}
      id={id}
      className="export-panel export-dialog"
      aria-labelledby={labelledBy}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      {children}
    </dialog>
  );
}

type Status = { kind: "idle" } | { kind: "working" } | { kind: "done"; name: string } | { kind: "error"; detail: string };

/**
 * "Export report": a disclosure (button + panel), not a menu widget, because it holds a form:
 * format, report language, anonymise. The file arrives from main as base64 and is saved with a
 * Blob download. Escape closes the panel and gives focus back to its button.
 */
export function ExportMenu({ bridge, source, fallback, checklists, offerEhlo, openRequest, label, small, modal }: ExportMenuProps) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState(false);
  const [format, setFormat] = useState<ExportFormat>("html");
  const [lang, setLang] = useState(i18n.language);
  const [anonymise, setAnonymise] = useState(false);
  const [status, setStatus] = useState<Status>({ kind: "idle" });
  const id = useId();
  const toggle = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLElement | null>(null);
  const setPanel = (el: HTMLElement | null) => {
    panel.current = el;
  };
  const formats = offerEhlo ? [...FORMATS, "ehlo" as const] : FORMATS;
  const withChecklist = checklistForExport(checklists ?? {});

  useEffect(() => {
    if (!openRequest) return;
    setFormat(openRequest.format);
    setOpen(true);
  }, [openRequest]);

  // Focus goes into the panel when it opens, onto the chosen format.
  useEffect(() => {
    if (open) panel.current?.querySelector<HTMLInputElement>("input[type=radio]:checked")?.focus();
  }, [open]);

  const close = () => {
    setOpen(false);
    setStatus({ kind: "idle" });
    toggle.current?.focus();
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== "Escape") return;
    event.stopPropagation();
    close();
  };

  const download = async () => {
    if (status.kind === "working") return;
    setStatus({ kind: "working" });
    const params = { format, lang, anonymise, checklistState: withChecklist, paperLocale: navigator.language || undefined };
    try {
      const file = await bridge.callMethod("report.export", { ...params, source }).catch((error: unknown) => {
        // A run whose save failed is still on screen: export it from here instead.
        if (error instanceof MethodCallError && error.field === "source.id" && fallback) {
          return bridge.callMethod("report.export", { ...params, source: { kind: "result", result: fallback } });
        }
        throw error;
      });
      downloadFile(file);
      setStatus({ kind: "done", name: file.fileName });
    } catch (error) {
      setStatus({ kind: "error", detail: (error as Error).message });
    }
  };

  const choices = (
    <>
      <h3 id={`${id}-title`} className="export-title">
        {t("export.title")}
      </h3>
      <fieldset className="export-formats">
        <legend>{t("export.format")}</legend>
        {formats.map((item) => (
          <label key={item} className="choice">
            <input type="radio" name={`${id}-format`} value={item} checked={format === item} onChange={() => setFormat(item)} />
            <span>{t(`export.formats.${item}`)}</span>
          </label>
        ))}
      </fieldset>
      <label className="field-label" htmlFor={`${id}-lang`}>
        {t("export.language")}
      </label>
      <select id={`${id}-lang`} className="input input-small" value={lang} onChange={(e) => setLang(e.target.value)}>
        {availableLanguages().map((option) => (
          <option key={option.code} value={option.code} lang={option.code}>
            {option.name}
          </option>
        ))}
      </select>
      <label className="choice export-anonymise">
        <input type="checkbox" checked={anonymise} onChange={(e) => setAnonymise(e.target.checked)} aria-describedby={`${id}-anon-hint`} />
        <span>{t("export.anonymise")}</span>
      </label>
      <p id={`${id}-anon-hint`} className="muted small">
        {t("export.anonymiseHint")}
      </p>
      {withChecklist ? <p className="muted small">{t("export.checklistNote")}</p> : null}
      <div className="export-actions">
        {/* aria-disabled, not disabled: a disabled button would drop the keyboard focus. */}
        <button type="button" className="btn btn-primary" onClick={() => void download()} aria-disabled={status.kind === "working"}>
          {t("export.download")}
        </button>
        <button type="button" className="btn btn-ghost" onClick={close}>
          {t("export.close")}
        </button>
      </div>
      <div className="export-status" aria-live="polite">
        {status.kind === "working" ? <p>{t("export.working")}</p> : null}
        {status.kind === "done" ? (
          <p>
            {t("export.done")}{" "}
            <bdi dir="ltr" className="mono break">
              {status.name}
            </bdi>
          </p>
        ) : null}
      </div>
      {status.kind === "error" ? <InlineError className="export-error" summary={t("export.failed")} detail={status.detail} /> : null}
    </>
  );

  return (
    <div className="export-menu" onKeyDown={onKeyDown}>
      <button
        ref={toggle}
        type="button"
        className={`btn btn-secondary${small ? " btn-small" : ""}`}
        aria-expanded={open}
        aria-haspopup={modal ? "dialog" : undefined}
        aria-controls={open ? `${id}-panel` : undefined}
        aria-label={label}
        onClick={() => (open ? close() : setOpen(true))}
      >
        {t("export.button")}
      </button>
      {open ? (
        modal ? (
          <ModalPanel id={`${id}-panel`} labelledBy={`${id}-title`} onClose={close} setRef={setPanel}>
            {choices}
          </ModalPanel>
        ) : (
          <div ref={setPanel} id={`${id}-panel`} className="export-panel" role="group" aria-labelledby={`${id}-title`}>
            {choices}
          </div>
        )
      ) : null}
    </div>
  );
}
