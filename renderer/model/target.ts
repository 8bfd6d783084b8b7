import { CheckRequestSchema } from "../../shared/contract/check-request";
import { InputError } from "../../shared/smtp/input-error";
import { parseTarget, type ParsedTarget } from "../../shared/smtp/parse-target";
import { validateCheckInput } from "../../shared/smtp/validate-request";

export { effectivePort, parseTarget, type ParsedTarget } from "../../shared/smtp/parse-target";

/**
 * `parseTarget` plus the shared host rules the service applies at the edge (no spaces, a valid
 * name or address), so "bad host name" is refused in the form, not only by the server.
 */
export function checkTarget(raw: string): ParsedTarget {
  const target = parseTarget(raw);
  const request = CheckRequestSchema.safeParse({ host: target.host, mx: target.mx });
  if (!request.success) throw new InputError("host", `"${target.host}" is not a valid host name.`);
  validateCheckInput(request.data);
  return target;
}
