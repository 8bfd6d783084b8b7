import { readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { reportJsonSchema } from "./report-schema";

const file = new URL("./ehlo.report-1.schema.json", import.meta.url);

describe("ehlo.report-1.schema.json", () => {
  it("is exactly the JSON Schema generated from ReportSchema (run with EHLO_UPDATE_SCHEMA=1 to regenerate)", () => {
    const generated = `${JSON.stringify(reportJsonSchema(), null, 2)}\n`;
    if (process.env.EHLO_UPDATE_SCHEMA === "1") writeFileSync(file, generated);
    expect(readFileSync(file, "utf8")).toBe(generated);
  });
});
