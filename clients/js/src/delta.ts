import { ProtocolError } from "./errors.js";

/**
 * One operation of the delta wire format (see docs/wire-format.md, "Delta format").
 *
 * - a string appends that text to the string at the cursor: the path of the latest op with a
 *   `p`, where a set's final `-` stands for the index of the item it appended (the text of a
 *   value being written usually continues where the last patch left it).
 * - `{p, v}` sets the value at JSON Pointer `p`: the whole value when `p` is `""`, a member of an
 *   object (added or replaced), or an array item at an index no greater than the array's length
 *   (`-` or the length appends; a smaller index replaces that item).
 * - `{p, a}` appends text to the string at `p`.
 */
export type DeltaOp = string | { readonly p: string; readonly v: unknown } | { readonly p: string; readonly a: string };

/** The data of one patch event: one op, or an array of ops applied in order. */
export type DeltaPatch = string | DeltaOp | readonly DeltaOp[];

type Container = Record<string, unknown> | unknown[];

/**
 * Rebuilds the streamed value from delta patches, as a client of the delta format does.
 *
 * Values are copied on write: {@link DeltaDecoder.value} after a patch is a new object wherever
 * the patch changed something beneath it, while untouched subtrees keep their identity. A value
 * returned earlier is therefore never mutated, and UI code may compare items by identity (for
 * example `React.memo` on each list item).
 *
 * A patch that cannot be applied throws a {@link ProtocolError}; the value is then what the ops
 * before the failing one made it. The stream is broken at that point anyway.
 */
export class DeltaDecoder {
  private current: unknown = undefined;
  private cursor: readonly string[] | undefined = undefined;

  /** The value so far, or `undefined` before the first patch and after {@link DeltaDecoder.reset}. */
  get value(): unknown {
    return this.current;
  }

  /** Forgets the value and the cursor, as a `restart` event asks. */
  reset(): void {
    this.current = undefined;
    this.cursor = undefined;
  }

  /**
   * Applies one patch event's parsed data.
   *
   * @throws ProtocolError when the data is not a patch or an op does not fit the value
   */
  apply(patch: unknown): void {
    // Containers copied during this patch are private until the patch returns, so later ops of
    // the same patch may change them in place instead of copying them again.
    const fresh = new Set<object>();
    if (Array.isArray(patch)) {
      if (patch.length === 0) {
        // A server with no ops to send writes no event: passing this on would show a partial that
        // is none (no value at all, before the first patch).
        throw new ProtocolError("A patch has no ops");
      }
      for (const op of patch) {
        this.applyOp(op, fresh);
      }
    } else {
      this.applyOp(patch, fresh);
    }
  }

  private applyOp(op: unknown, fresh: Set<object>): void {
    if (typeof op === "string") {
      if (this.cursor === undefined) {
        throw new ProtocolError("A text op arrived before any op set the cursor");
      }
      this.append(this.cursor, op, fresh);
      return;
    }
    if (typeof op !== "object" || op === null || Array.isArray(op)) {
      throw new ProtocolError(`A delta op must be an object, got ${JSON.stringify(op)}`);
    }
    const fields = op as Record<string, unknown>;
    const keys = Object.keys(fields);
    const pointer = fields["p"];
    if (typeof pointer !== "string" || keys.length !== 2 || !(keys.includes("v") || keys.includes("a"))) {
      // Unknown op kinds fail loudly: skipping one would silently show a wrong value.
      throw new ProtocolError(`A delta op has "p" and one of "v" or "a", got ${JSON.stringify(op)}`);
    }
    const tokens = parsePointer(pointer);
    if (keys.includes("v")) {
      this.cursor = this.set(tokens, fields["v"], fresh);
    } else {
      const text = fields["a"];
      if (typeof text !== "string") {
        throw new ProtocolError(`An append op's "a" must be a string at ${pointer}`);
      }
      this.append(tokens, text, fresh);
      this.cursor = tokens;
    }
  }

  /**
   * Puts `value` at `tokens` and returns where it went: `tokens` with a final `-` replaced by
   * the index of the item it appended, so that the cursor names that item and text that follows
   * can be appended to it.
   */
  private set(tokens: readonly string[], value: unknown, fresh: Set<object>): readonly string[] {
    if (typeof value === "object" && value !== null) {
      // Freshly parsed JSON is ours alone until handed out, so later ops may fill it in place.
      fresh.add(value);
    }
    if (tokens.length === 0) {
      this.current = value;
      return tokens;
    }
    const parent = this.writable(tokens.slice(0, -1), fresh);
    const last = tokens[tokens.length - 1] as string;
    if (Array.isArray(parent)) {
      const index = last === "-" ? parent.length : arrayIndex(last);
      if (index === undefined || index > parent.length) {
        throw new ProtocolError(`Cannot set item ${last} of an array of ${parent.length} at ${formatPointer(tokens)}`);
      }
      parent[index] = value;
      return last === "-" ? [...tokens.slice(0, -1), String(index)] : tokens;
    }
    defineMember(parent, last, value);
    return tokens;
  }

  private append(tokens: readonly string[], text: string, fresh: Set<object>): void {
    if (tokens.length === 0) {
      if (typeof this.current !== "string") {
        throw new ProtocolError("Cannot append text: the value is not a string");
      }
      this.current += text;
      return;
    }
    const parent = this.writable(tokens.slice(0, -1), fresh);
    const last = tokens[tokens.length - 1] as string;
    const target = child(parent, last);
    if (typeof target !== "string") {
      throw new ProtocolError(`Cannot append text at ${formatPointer(tokens)}: no string there`);
    }
    if (Array.isArray(parent)) {
      parent[arrayIndex(last) as number] = target + text;
    } else {
      defineMember(parent, last, target + text);
    }
  }

  /** Returns the container at `tokens`, copying each container on the way that is not fresh. */
  private writable(tokens: readonly string[], fresh: Set<object>): Container {
    if (!isContainer(this.current)) {
      throw new ProtocolError(`Cannot change ${formatPointer(tokens)}/…: the value is not an object or array`);
    }
    let node: Container = this.current;
    if (!fresh.has(node)) {
      node = copy(node);
      fresh.add(node);
      this.current = node;
    }
    for (let depth = 0; depth < tokens.length; depth++) {
      const token = tokens[depth] as string;
      const found = child(node, token);
      if (!isContainer(found)) {
        throw new ProtocolError(`No object or array at ${formatPointer(tokens.slice(0, depth + 1))}`);
      }
      let next: Container = found;
      if (!fresh.has(next)) {
        next = copy(next);
        fresh.add(next);
        if (Array.isArray(node)) {
          node[arrayIndex(token) as number] = next;
        } else {
          defineMember(node, token, next);
        }
      }
      node = next;
    }
    return node;
  }
}

/**
 * Parses an RFC 6901 JSON Pointer into its unescaped reference tokens (`""` is the whole value).
 *
 * @throws ProtocolError when `pointer` is not a JSON Pointer
 */
export function parsePointer(pointer: string): string[] {
  if (pointer === "") {
    return [];
  }
  if (!pointer.startsWith("/")) {
    throw new ProtocolError(`A JSON Pointer starts with "/" or is empty, got ${JSON.stringify(pointer)}`);
  }
  return pointer
    .slice(1)
    .split("/")
    .map((token) => {
      if (/~[^01]|~$/.test(token)) {
        throw new ProtocolError(`Bad escape in JSON Pointer ${JSON.stringify(pointer)}`);
      }
      // ~1 before ~0, as RFC 6901 section 4 orders it, so "~01" becomes "~1" and not "/".
      return token.replace(/~1/g, "/").replace(/~0/g, "~");
    });
}

/** Formats reference tokens as an RFC 6901 JSON Pointer, escaping `~` and `/`. */
export function formatPointer(tokens: readonly string[]): string {
  return tokens.map((token) => "/" + token.replace(/~/g, "~0").replace(/\//g, "~1")).join("");
}

function arrayIndex(token: string): number | undefined {
  // RFC 6901 array indexes: no sign, no leading zero.
  return /^(0|[1-9][0-9]*)$/.test(token) ? Number(token) : undefined;
}

function isContainer(value: unknown): value is Container {
  return typeof value === "object" && value !== null;
}

function copy(container: Container): Container {
  return Array.isArray(container) ? container.slice() : { ...container };
}

function child(container: Container, token: string): unknown {
  if (Array.isArray(container)) {
    const index = arrayIndex(token);
    return index !== undefined && index < container.length ? container[index] : undefined;
  }
  return Object.prototype.hasOwnProperty.call(container, token) ? container[token] : undefined;
}

function defineMember(object: Record<string, unknown>, name: string, value: unknown): void {
  // defineProperty, not assignment: a member named "__proto__" must become data, as JSON.parse
  // makes it, and never replace the object's prototype.
  Object.defineProperty(object, name, { value, writable: true, enumerable: true, configurable: true });
}
