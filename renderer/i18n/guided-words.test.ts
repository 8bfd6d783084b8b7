import { describe, expect, it } from "vitest";
import { CANDIDATE_NOTES, DISCOVERY_SOURCES, SOURCE_STATES, SUBMISSION_TLS } from "../../shared/contract/discovery";
import { MATRIX_STAGES, MATRIX_TLS, STAGE_STATUSES } from "../../shared/contract/matrix";
import { CHECK_STEPS, GUIDED_STEPS, MAIL_PROGRAMS, SYMPTOMS } from "../model/guided-steps";
import { ACTIONS, CONFIRM_SERVER, TESTED_STEPS, type VerdictKind } from "../model/guided-verdict";
import { UI_RESOURCES } from "./ui-resources";

/**
 * The walkthrough and the matrix look words up by name (a step, an outcome, a verdict, a source,
 * a stage …). Every name the models can produce has its words in every UI locale, so a new id
 * cannot reach a view as a raw key.
 */
function has(resource: unknown, key: string): boolean {
  let node: unknown = resource;
  for (const part of key.split(".")) node = (node as Record<string, unknown> | undefined)?.[part];
  if (typeof node === "string") return node.trim() !== "";
  // A plural set: the "other" form is the one every language has.
  const parent = key.split(".").slice(0, -1).reduce<unknown>((n, p) => (n as Record<string, unknown> | undefined)?.[p], resource) as Record<string, unknown> | undefined;
  return typeof parent?.[`${key.split(".").at(-1)}_other`] === "string";
}

const VERDICTS = Object.keys(ACTIONS) as VerdictKind[];
const needed = [
  ...GUIDED_STEPS.flatMap((s) => [`guided.steps.${s}.title`, `guided.steps.${s}.lead`]),
  ...[...TESTED_STEPS].map((s) => `guided.steps.${s}.run`),
  ...["pass", "warn", "fail", "pending", "running", "stale"].map((o) => `guided.outcome.${o}`),
  ...[...TESTED_STEPS].flatMap((s) => ["pass", "warn", "fail"].map((o) => `guided.explain.${s}.${o}`)),
  ...VERDICTS.flatMap((v) => [`guided.verdict.${v}.title`, `guided.verdict.${v}.tell`]),
  ...[...new Set([...Object.values(ACTIONS).flat(), CONFIRM_SERVER])].map((a) => `guided.action.${a}`),
  ...MAIL_PROGRAMS.map((p) => `guided.program.${p}`),
  ...SYMPTOMS.map((s) => `guided.symptom.${s}`),
  ...SUBMISSION_TLS.map((m) => `guided.tlsMode.${m}`),
  ...DISCOVERY_SOURCES.map((s) => `guided.source.${s}`),
  ...SOURCE_STATES.map((s) => `guided.sourceState.${s}`),
  ...CANDIDATE_NOTES.map((n) => `guided.note.${n}`),
  ...MATRIX_STAGES.flatMap((s) => [`matrix.stage.${s}`, `matrix.about.${s}`]),
  ...STAGE_STATUSES.map((s) => `matrix.status.${s}`),
  ...MATRIX_TLS.map((m) => `matrix.tlsMode.${m}`),
  "matrix.progress",
  "matrix.rows",
  "app.view.guided",
  "app.view.matrix",
];

describe("words for the walkthrough and the matrix", () => {
  it("every check step is a tested step, in the same order", () => {
    expect(TESTED_STEPS.filter((s) => (CHECK_STEPS as readonly string[]).includes(s))).toEqual([...CHECK_STEPS]);
  });

  for (const [lang, resource] of Object.entries(UI_RESOURCES)) {
    it(`${lang}: has every word the models can ask for`, () => {
      expect(needed.filter((key) => !has(resource, key))).toEqual([]);
    });
  }
});
