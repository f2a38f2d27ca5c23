import { readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { streamStructured } from "../src/client.js";
import { fetchReturning } from "./support/fake-fetch.js";
import { encodeDelta, encodeSnapshot, type ServerStep } from "./support/reference-server.js";
import { partialSnapshots, wordTokens } from "./support/token-stream.js";

/**
 * Golden bodies of docs/wire-format.md for servers in other languages: for each case,
 * `<case>.steps.json` is what the engine produced (partials, restarts, the end) and
 * `<case>.snapshot.sse` and `<case>.delta.sse` are the exact bytes a conforming server writes for
 * it without pacing. These tests keep the files equal to the reference encoder's output and check
 * that the client sees the steps' partials in both. `UPDATE_FIXTURES=1 npx vitest run` rewrites them.
 */
const FIXTURES = new URL("./fixtures/wire-format/", import.meta.url);

const ideas = [
  { title: "Note Ninja", blurb: "Capture ideas at the speed of thought", votes: 42, tags: ["fast"] },
  { title: "Thïnk Ink ✍️", blurb: "Where \"messy\" thoughts\nbecome plans", votes: 2.5, tags: [], pinned: true, note: null },
];

const CASES: Record<string, ServerStep[]> = {
  ideas: [...partials(ideas), { kind: "done", value: ideas }],
  "odd-names": [
    ...partials({ "a/b": { "~c": ["x y"] }, "": "empty name", "😀": 1 }),
    { kind: "done", value: { "a/b": { "~c": ["x y"] }, "": "empty name", "😀": 1 } },
  ],
  restart: [
    ...partials([{ title: "Too long a title" }]),
    { kind: "restart", attempt: 2 },
    ...partials([{ title: "Short" }]),
    { kind: "done", value: [{ title: "Short" }] },
  ],
  // The final value differs from the last partial: binding coerced and filled in members.
  "coerced-done": [...partials({ count: "3" }), { kind: "done", value: { count: 3, extra: [] } }],
  error: [
    ...partials({ answer: "The capital of" }),
    { kind: "error", message: "The provider closed the stream: overloaded", type: "provider" },
  ],
  // The re-ask fails before its first partial: the server announces attempt 2 with a restart
  // right before the error, so the client drops attempt 1's rejected partial.
  "reask-fails-early": [
    ...partials({ title: "Far too long" }),
    { kind: "error", message: "The model provider failed.", type: "provider", attempt: 2 },
  ],
  // Seeded random documents: names and strings that need escaping in JSON or in a JSON Pointer,
  // nesting, empty containers, numbers. Both encoders must write the same bytes for them.
  ...Object.fromEntries(
    [11, 23, 37].map((seed) => {
      const value = randomDocument(seed);
      return [`random-${seed}`, [...partials(value), { kind: "done", value }]];
    }),
  ),
};

function partials(value: unknown): ServerStep[] {
  return [...partialSnapshots(value, wordTokens)].map((partial) => ({ kind: "partial", value: partial }));
}

function fixture(name: string, text: string): string {
  const url = new URL(name, FIXTURES);
  if (process.env["UPDATE_FIXTURES"] === "1") {
    writeFileSync(url, text);
  }
  return readFileSync(url, "utf8");
}

describe.each(Object.entries(CASES))("wire fixture %s", (name, steps) => {
  const stepsJson = JSON.stringify(steps, null, 1) + "\n";
  let attempt = 1;
  const expectedCalls = steps.flatMap((step): unknown[][] => {
    switch (step.kind) {
      case "partial":
        return [["partial", step.value]];
      case "restart":
        attempt = step.attempt;
        return [["restart", step.attempt, step.reason]];
      case "done":
        return [["done", step.value]];
      case "error":
        // An error of an attempt no restart announced comes after the restart that announces it.
        return step.attempt !== undefined && step.attempt > attempt
          ? [["restart", step.attempt, undefined], ["error", step.message]]
          : [["error", step.message]];
    }
  });

  it("keeps its steps file", () => {
    expect(fixture(`${name}.steps.json`, stepsJson)).toBe(stepsJson);
  });

  it.each([
    ["snapshot", encodeSnapshot(steps)],
    ["delta", encodeDelta(steps)],
  ])("keeps the %s body the reference encoder writes, and the client reads it back", async (format, body) => {
    expect(fixture(`${name}.${format}.sse`, body)).toBe(body);
    const calls: unknown[][] = [];
    await streamStructured({
      url: "http://localhost/fixture",
      format: format as "snapshot" | "delta",
      fetch: fetchReturning([body], { headers: { "X-Instructor-Format": format } }).fetch,
      onPartial: (value) => calls.push(["partial", value]),
      onRestart: (attempt, reason) => calls.push(["restart", attempt, reason]),
      onDone: (value) => calls.push(["done", value]),
      onError: (error) => calls.push(["error", (error as Error).message]),
    }).catch(() => undefined);
    expect(calls).toEqual(expectedCalls);
  });
});

/** A JSON value made by a small seeded generator (mulberry32), the same for every run. */
function randomDocument(seed: number): unknown {
  let state = seed;
  const random = (): number => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <V>(items: readonly V[]): V => items[Math.floor(random() * items.length)] as V;
  const names = ["a", "a/b", "~0", "~1/~", "", "x y", "é", '"q"', "tab\t", "title", "tags"];
  const pieces = ["word", " ", "\n", '"', "\\", "/", "\u2028", "é", "✍", "<b>", "\u0001", "~", "12"];
  const string = (): string => Array.from({ length: Math.floor(random() * 6) }, () => pick(pieces)).join("");
  const value = (depth: number): unknown => {
    const kind = depth >= 3 ? Math.floor(random() * 4) : Math.floor(random() * 6);
    switch (kind) {
      case 0:
        return string();
      case 1:
        return pick([0, 7, -3, 2.5, 1000000, 0.125]);
      case 2:
        return pick([true, false, null]);
      case 3:
        return string();
      case 4:
        return Array.from({ length: Math.floor(random() * 4) }, () => value(depth + 1));
      default:
        return Object.fromEntries(Array.from({ length: Math.floor(random() * 4) }, () => [pick(names), value(depth + 1)]));
    }
  };
  return Object.fromEntries(Array.from({ length: 4 }, (_unused, index) => [`${pick(names)}${index}`, value(1)]));
}
