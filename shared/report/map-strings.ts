/**
 * Applies `fn` to every string value inside plain JSON-like data (objects, arrays, strings),
 * returning a copy; object keys are left alone (they are field names, never user data).
 * Used so redaction and anonymisation cannot miss a field that is added later.
 */
export function mapStrings<T>(value: T, fn: (text: string) => string): T {
  return walk(value, fn) as T;
}

function walk(value: unknown, fn: (text: string) => string): unknown {
  if (typeof value === "string") return fn(value);
  if (Array.isArray(value)) return value.map((item) => walk(item, fn));
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      // defineProperty, not assignment: a "__proto__" key stays a plain property.
      Object.defineProperty(out, key, { value: walk(item, fn), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return value;
}
