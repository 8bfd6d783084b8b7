import { CheckRequestSchema, type CheckRequestInput, type CheckSecrets } from "../../shared/contract/check-request";
import type { CheckResult } from "../../shared/contract/check-result";
import type { CheckEvent } from "../../shared/contract/events";
import { parseOrExplain } from "../../shared/contract/schema-errors";
import { runCheck } from "../engine/session";
import { EHLO_VERSION } from "./version";

export interface StartCheckOptions {
  secrets?: CheckSecrets;
  signal?: AbortSignal;
  onEvent?: (event: CheckEvent) => void;
}

/**
 * `checks.start` of the contract: validate at the edge (schema, then the wire guard inside the
 * engine, both before any socket is opened), then run the engine. Every face calls this.
 */
export async function startCheck(input: CheckRequestInput | unknown, options: StartCheckOptions = {}): Promise<CheckResult> {
  const request = parseOrExplain(CheckRequestSchema, input, "check request");
  return runCheck(request, { ...options, version: EHLO_VERSION });
}
