/** Shared checks for the tokenizers' saved JSON: what each reader expects before it trusts a file. */

export function parseJson(text: string, where: string): unknown {
  if (typeof text !== 'string')
    throw new Error(`${where}: expected a JSON string, got ${typeof text}`);
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new Error(`${where}: the file is not valid JSON (${(e as Error).message})`);
  }
}

/** Checks the `format` and `version` fields and returns the object's fields. */
export function checkHeader(
  value: unknown,
  format: string,
  version: number,
  where: string,
): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`${where}: expected a JSON object, got ${describe(value)}`);
  }
  const obj = value as Record<string, unknown>;
  if (obj.format !== format) {
    throw new Error(`${where}: expected format '${format}', got ${describe(obj.format)}`);
  }
  if (obj.version !== version) {
    throw new Error(
      `${where}: unsupported version ${describe(obj.version)}; this release reads version ${version}`,
    );
  }
  return obj;
}

/** A short description of a JSON value for error messages. */
export function describe(value: unknown): string {
  if (value === undefined) return 'nothing (the field is missing)';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (typeof value === 'object') return 'an object';
  const text = JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 40)}...` : text;
}
