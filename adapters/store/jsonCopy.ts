/** Deep copy through JSON, so callers never hold (and mutate) the store's own objects. */
export function jsonCopy<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}
