import { describe, expect, it } from "vitest";
import { CheckRequestSchema } from "../../shared/contract/check-request";
import { HOSTILE_SERVERS } from "../testing/hostile-servers";
import { runCheck } from "./session";

/**
 * Every misbehaving server must end in its named finding, within its timeouts plus one second,
 * with no exception escaping the engine.
 */
describe("engine against misbehaving servers", () => {
  for (const [name, spec] of Object.entries(HOSTILE_SERVERS)) {
    it(`${name} → ${spec.expectedFinding}`, async () => {
      const fixture = await spec.start();
      try {
        const request = CheckRequestSchema.parse(fixture.request);
        const started = Date.now();
        const result = await runCheck(request, { secrets: spec.secrets });
        const elapsed = Date.now() - started;
        const t = request.timeouts;
        expect(elapsed).toBeLessThan(t.connectMs + t.greetingMs + 8 * t.commandMs + 1000);
        expect(result.findings.map((f) => f.id)).toContain(spec.expectedFinding);
        const finding = result.findings.find((f) => f.id === spec.expectedFinding)!;
        for (const seq of finding.evidence) expect(result.events[seq]).toBeDefined();
        expect(result.events.at(-1)?.kind).toBe("done");
      } finally {
        await fixture.close();
      }
    });
  }
});
