// Module resolution hook: `electron` → the stand-in. Test-only code.
const STUB = new URL("./electron.mjs", import.meta.url).href;

export async function resolve(specifier, context, next) {
  if (specifier === "electron") return { url: STUB, shortCircuit: true };
  return next(specifier, context);
}
