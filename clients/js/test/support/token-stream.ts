/**
 * Models what the server's partial-JSON engine shows while a model writes a JSON value token by
 * token: a container appears empty when its bracket is read, a string appears as "" when its
 * opening quote is read and then grows one token at a time, and numbers, booleans and null
 * appear only once complete. Each yielded value is one partial the snapshot format would send.
 *
 * Snapshots share unchanged subtrees (the engine's identity contract), so long streams stay
 * cheap to generate and to diff.
 */
export function* partialSnapshots(final: unknown, tokenize: (text: string) => string[]): Generator<unknown> {
  let current: unknown = undefined;
  function* build(value: unknown, path: readonly (string | number)[]): Generator<unknown> {
    if (typeof value === "string") {
      current = assoc(current, path, "");
      yield current;
      let text = "";
      for (const token of tokenize(value)) {
        text += token;
        current = assoc(current, path, text);
        yield current;
      }
    } else if (Array.isArray(value)) {
      current = assoc(current, path, []);
      yield current;
      for (let index = 0; index < value.length; index++) {
        yield* build(value[index], [...path, index]);
      }
    } else if (typeof value === "object" && value !== null) {
      current = assoc(current, path, {});
      yield current;
      for (const [key, member] of Object.entries(value)) {
        yield* build(member, [...path, key]);
      }
    } else {
      current = assoc(current, path, value);
      yield current;
    }
  }
  yield* build(final, []);
}

/**
 * Splits text roughly as a BPE tokenizer does English: a word with its leading space is one
 * token up to 8 characters, longer words come in pieces of 4, punctuation on its own.
 */
export function wordTokens(text: string): string[] {
  const tokens: string[] = [];
  for (const piece of text.match(/ ?[A-Za-z0-9]+|[^A-Za-z0-9]/g) ?? []) {
    if (piece.length <= 8) {
      tokens.push(piece);
    } else {
      for (let start = 0; start < piece.length; start += 4) {
        tokens.push(piece.slice(start, start + 4));
      }
    }
  }
  return tokens;
}

/** A deterministic list of `{title, blurb, votes}` items whose compact JSON is about `bytes` long. */
export function ideaList(bytes: number, seed = 42): { title: string; blurb: string; votes: number }[] {
  const words = (
    "note capture idea thought speed brain organize plan quick simple smart sync share team " +
    "search tag folder daily journal focus write draft meeting summary remember task list " +
    "the a of to and for with your every from into while always ready second messy clean"
  ).split(" ");
  let state = seed;
  const random = (): number => {
    // A 32-bit linear congruential generator: reproducible on every machine.
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const phrase = (count: number): string =>
    Array.from({ length: count }, () => words[Math.floor(random() * words.length)]).join(" ");
  const items: { title: string; blurb: string; votes: number }[] = [];
  let size = 2;
  while (size < bytes) {
    const item = { title: phrase(2 + Math.floor(random() * 3)), blurb: phrase(12 + Math.floor(random() * 12)), votes: Math.floor(random() * 500) };
    items.push(item);
    size += JSON.stringify(item).length + 1;
  }
  return items;
}

function assoc(root: unknown, path: readonly (string | number)[], value: unknown): unknown {
  if (path.length === 0) {
    return value;
  }
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  if (Array.isArray(root)) {
    const copy = root.slice();
    copy[head as number] = assoc(root[head as number], rest, value);
    return copy;
  }
  const object = root as Record<string, unknown>;
  return { ...object, [head]: assoc(object[head], rest, value) };
}
