import { useCallback, useReducer, useState } from "react";
import type { EhloBridge } from "../../shared/contract/bridge";
import type { MatrixStage } from "../../shared/contract/matrix";
import { DEFAULT_MATRIX_FORM, matrixParams, validateMatrixForm, type MatrixFormState } from "../model/matrix-form";
import { EMPTY_GRID, gridReducer, type MatrixGridState } from "../model/matrix-grid";
import { useMethodRunner } from "./use-method-runner";

/** The cell whose transcript is open. */
export interface SelectedCell {
  index: number;
  stage: MatrixStage;
}

/** The matrix view's state, kept by the app so switching views does not lose a grid. */
export interface MatrixView {
  form: MatrixFormState;
  setForm(patch: Partial<MatrixFormState> | ((old: MatrixFormState) => MatrixFormState)): void;
  errors: Record<string, string>;
  grid: MatrixGridState;
  selected: SelectedCell | null;
  select(cell: SelectedCell | null): void;
  /** Validates, then runs; false when the form has problems (shown by field). */
  run(): boolean;
  cancel(): void;
}

export function useMatrixView(bridge: EhloBridge): MatrixView {
  const [form, setFormState] = useState<MatrixFormState>(DEFAULT_MATRIX_FORM);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [grid, dispatch] = useReducer(gridReducer, EMPTY_GRID);
  const [selected, select] = useState<SelectedCell | null>(null);
  const runner = useMethodRunner(bridge);

  const setForm = useCallback((patch: Partial<MatrixFormState> | ((old: MatrixFormState) => MatrixFormState)) => {
    setFormState((old) => (typeof patch === "function" ? patch(old) : { ...old, ...patch }));
  }, []);

  const run = useCallback((): boolean => {
    const found = validateMatrixForm(form);
    setErrors(found);
    if (Object.keys(found).length > 0) return false;
    dispatch({ type: "start" });
    select(null);
    void runner.run("matrix.run", matrixParams(form), (row) => dispatch({ type: "row", row })).then((outcome) => {
      if (outcome.ok) dispatch({ type: "done", result: outcome.result });
      else if (outcome.cancelled) dispatch({ type: "cancelled" });
      else dispatch({ type: "failed", field: outcome.field, message: outcome.message });
    });
    return true;
  }, [form, runner]);

  return { form, setForm, errors, grid, selected, select, run, cancel: runner.cancel };
}
