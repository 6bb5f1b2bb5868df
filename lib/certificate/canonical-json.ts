/**
 * RFC 8785 JSON Canonicalization Scheme (JCS): the exact bytes a certificate signature covers.
 * Anything that is not plain JSON data is refused instead of silently dropped or converted, so two
 * machines can never sign different bytes for what looks like the same certificate.
 */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

// I-JSON (RFC 7493), which JCS requires, forbids unpaired surrogates.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function canonicalizeJson(value: unknown): string {
  return serialize(value, [], "$");
}

function serialize(value: unknown, ancestors: object[], path: string): string {
  if (value === null) return "null";
  switch (typeof value) {
    case "boolean":
      return value ? "true" : "false";
    case "number":
      if (!Number.isFinite(value)) throw new TypeError(`${path}: ${value} is not JSON`);
      // ECMAScript Number-to-string is exactly JCS's number form (and turns -0 into 0).
      return JSON.stringify(value);
    case "string":
      if (LONE_SURROGATE.test(value)) throw new TypeError(`${path}: string has an unpaired surrogate`);
      return JSON.stringify(value);
    case "object":
      return serializeContainer(value, ancestors, path);
    default:
      throw new TypeError(`${path}: ${typeof value} is not JSON`);
  }
}

function serializeContainer(value: object, ancestors: object[], path: string): string {
  if (ancestors.includes(value)) throw new TypeError(`${path}: circular reference`);
  const inner = [...ancestors, value];
  if (Array.isArray(value)) {
    return `[${value.map((item, i) => serialize(item, inner, `${path}[${i}]`)).join(",")}]`;
  }
  const proto = Object.getPrototypeOf(value);
  // Dates, Maps, class instances and Prisma Decimals would be serialised by whatever toJSON they carry.
  if (proto !== Object.prototype && proto !== null) {
    throw new TypeError(`${path}: only plain objects are JSON (got ${proto?.constructor?.name ?? "object"})`);
  }
  // Default sort compares UTF-16 code units, which is what JCS prescribes.
  const keys = Object.keys(value).sort();
  const members = keys.map((key) => {
    const child = (value as Record<string, unknown>)[key];
    return `${serialize(key, inner, path)}:${serialize(child, inner, `${path}.${key}`)}`;
  });
  return `{${members.join(",")}}`;
}
