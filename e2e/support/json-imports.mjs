// Node module hook for the Playwright runner and workers. Product code imports JSON data files
// the way Vite, Vitest and tsx accept (`import table from "./x.json"`), but Node's own ESM loader,
// which Playwright uses for everything that is not TypeScript, demands the import attribute
// `with { type: "json" }`. This hook supplies it for .json files, and only for them.
export async function resolve(specifier, context, nextResolve) {
  const result = await nextResolve(specifier, context);
  if (result.url.startsWith("file:") && result.url.endsWith(".json")) {
    return { ...result, format: "json", importAttributes: { ...context.importAttributes, type: "json" } };
  }
  return result;
}
