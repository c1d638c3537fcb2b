/** Parsing one line of JSON from outside, safely: used by the file readers and the validation workers. */

/** JSON nested deeper than this is refused, so that no recursive consumer can overflow. */
export const MAX_JSON_DEPTH = 64;

const MAX_MESSAGE_LENGTH = 200;

function dropPrototypeKeys(key: string, value: unknown): unknown {
  return key === '__proto__' ? undefined : value;
}

function depthExceeds(value: unknown, limit: number): boolean {
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    if (typeof item.value !== 'object' || item.value === null) continue;
    if (item.depth >= limit) return true;
    const children: unknown[] = Array.isArray(item.value) ? item.value : Object.values(item.value);
    for (const child of children) stack.push({ value: child, depth: item.depth + 1 });
  }
  return false;
}

/** Parses one JSON value; a bad one gives a short message, never an exception. */
export function parseJsonLine(text: string): { value: unknown } | { message: string } {
  try {
    // JSON.parse makes "__proto__" an own property, harmless by itself, but a later merge or zod
    // record could turn it into a prototype. The reviver drops it; it only runs when the text can
    // hold that key (literally, or spelled with \u escapes), so ordinary lines parse at full speed.
    const value: unknown =
      text.includes('__proto__') || text.includes('\\u') ? JSON.parse(text, dropPrototypeKeys) : JSON.parse(text);
    if (depthExceeds(value, MAX_JSON_DEPTH)) return { message: `value is nested deeper than ${MAX_JSON_DEPTH} levels` };
    return { value };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { message: message.length > MAX_MESSAGE_LENGTH ? `${message.slice(0, MAX_MESSAGE_LENGTH)}…` : message };
  }
}
