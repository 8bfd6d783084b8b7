import { useEffect, useId, useRef } from "react";

interface ConfirmDialogProps {
  title: string;
  text: string;
  confirm: string;
  cancel: string;
  onConfirm(): void;
  onCancel(): void;
}

/**
 * A modal question ("Delete this run?") on the native <dialog>: it traps focus, closes with
 * Escape and restores focus to what opened it, without any script of ours. The safe answer has
 * focus first, so Enter never deletes by accident.
 */
export function ConfirmDialog({ title, text, confirm, cancel, onConfirm, onCancel }: ConfirmDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog ref={ref} className="confirm-dialog" aria-labelledby={`${id}-title`} aria-describedby={`${id}-text`} onClose={onCancel}>
      <h2 id={`${id}-title`} className="panel-title">
        {title}
      </h2>
      <p id={`${id}-text`}>{text}</p>
      <div className="dialog-actions">
        <button type="button" className="btn btn-secondary" autoFocus onClick={onCancel}>
          {cancel}
        </button>
        <button type="button" className="btn btn-danger" onClick={onConfirm}>
          {confirm}
        </button>
      </div>
    </dialog>
  );
}
