import { describe, expect, it } from "vitest";
import { DeltaDecoder, formatPointer, parsePointer, type DeltaPatch } from "../src/delta.js";
import { ProtocolError } from "../src/errors.js";
import { DeltaEncoder } from "./support/reference-server.js";
import { partialSnapshots, wordTokens } from "./support/token-stream.js";

function decode(...patches: DeltaPatch[]): unknown {
  const decoder = new DeltaDecoder();
  for (const patch of patches) {
    decoder.apply(patch);
  }
  return decoder.value;
}

describe("DeltaDecoder", () => {
  it("has no value before the first patch", () => {
    expect(new DeltaDecoder().value).toBeUndefined();
  });

  it("sets the whole value at the empty pointer", () => {
    expect(decode({ p: "", v: [] }, { p: "", v: { a: 1 } })).toEqual({ a: 1 });
  });

  it("adds and replaces object members", () => {
    expect(decode({ p: "", v: { a: 1 } }, { p: "/b", v: "x" }, { p: "/a", v: null })).toEqual({ a: null, b: "x" });
  });

  it("appends array items at the length or at -, and replaces smaller indexes", () => {
    expect(decode({ p: "", v: [] }, { p: "/0", v: "a" }, { p: "/-", v: "b" }, { p: "/0", v: "c" })).toEqual(["c", "b"]);
  });

  it("appends text at a path and at the cursor", () => {
    const value = decode({ p: "", v: [{ title: "" }] }, { p: "/0/title", a: "Note" }, " Nin", ["ja", { p: "/0/blurb", v: "Cap" }, "ture"]);
    expect(value).toEqual([{ title: "Note Ninja", blurb: "Capture" }]);
  });

  it("moves the cursor to the item a set at - appended", () => {
    expect(decode({ p: "", v: ["x"] }, { p: "/-", v: "a" }, "b", ["c", { p: "/-", v: "d" }, "e"])).toEqual(["x", "abc", "de"]);
    expect(decode({ p: "", v: { list: [] } }, { p: "/list/-", v: "" }, "text")).toEqual({ list: ["text"] });
  });

  it("appends text to a string at the root", () => {
    expect(decode({ p: "", v: "a" }, "b", { p: "", a: "c" })).toBe("abc");
  });

  it("unescapes ~0 and ~1 in pointers", () => {
    expect(decode({ p: "", v: {} }, { p: "/a~1b", v: 1 }, { p: "/c~0d", v: 2 }, { p: "/~01", v: 3 })).toEqual({
      "a/b": 1,
      "c~d": 2,
      "~1": 3,
    });
  });

  it("keeps a member named __proto__ as data", () => {
    const value = decode({ p: "", v: {} }, { p: "/__proto__", v: { polluted: true } }) as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value)).toEqual(["__proto__"]);
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
  });

  it("never changes a value it returned before, and keeps untouched subtrees", () => {
    const decoder = new DeltaDecoder();
    decoder.apply({ p: "", v: [{ title: "a" }, { title: "b" }] });
    const before = decoder.value as { title: string }[];
    decoder.apply([{ p: "/1/title", a: "c" }, "d", { p: "/-", v: { title: "" } }]);
    const after = decoder.value as { title: string }[];
    expect(before).toEqual([{ title: "a" }, { title: "b" }]);
    expect(after).toEqual([{ title: "a" }, { title: "bcd" }, { title: "" }]);
    expect(after[0]).toBe(before[0]);
    expect(after[1]).not.toBe(before[1]);
  });

  it("forgets the value and the cursor on reset", () => {
    const decoder = new DeltaDecoder();
    decoder.apply({ p: "", v: "a" });
    decoder.reset();
    expect(decoder.value).toBeUndefined();
    expect(() => decoder.apply("b")).toThrow(ProtocolError);
  });

  it.each<[string, DeltaPatch[]]>([
    ["text before any cursor", ["x"]],
    ["a set below a missing value", [{ p: "/a", v: 1 }]],
    ["an index past the end", [{ p: "", v: [] }, { p: "/1", v: 1 }]],
    ["an index with a leading zero", [{ p: "", v: [1] }, { p: "/00", v: 1 }]],
    ["a name as an array index", [{ p: "", v: [] }, { p: "/x", v: 1 }]],
    ["an append to a number", [{ p: "", v: { a: 1 } }, { p: "/a", a: "2" }]],
    ["an append to a missing member", [{ p: "", v: {} }, { p: "/a", a: "2" }]],
    ["a set below a string", [{ p: "", v: { a: "s" } }, { p: "/a/b", v: 1 }]],
    ["a pointer without a leading slash", [{ p: "a", v: 1 }]],
    ["a bad escape", [{ p: "", v: {} }, { p: "/a~2", v: 1 }]],
    ["an op with both v and a", [{ p: "", v: "", a: "x" } as unknown as DeltaPatch]],
    ["an op with an unknown key", [{ p: "", x: 1 } as unknown as DeltaPatch]],
    ["an op that is a number", [7 as unknown as DeltaPatch]],
    ["an append that is not text", [{ p: "", v: "" }, { p: "", a: 1 } as unknown as DeltaPatch]],
    // A server with no ops writes no event; an empty one would pass on a partial that is none.
    ["an empty op list first", [[]]],
    ["an empty op list later", [{ p: "", v: [] }, []]],
  ])("rejects %s", (_name, patches) => {
    expect(() => decode(...patches)).toThrow(ProtocolError);
  });

  it("rebuilds every partial of a token stream from the reference encoder's patches", () => {
    const final = {
      ideas: [
        { title: "Note Ninja", tags: ["fast", "fun"], score: 1.5, ok: true },
        { title: "Think Ink", blurb: "Where messy thoughts become organised plans", extra: null },
      ],
      "odd/key~": "ü 😀 \"quoted\"\n",
    };
    const partials = [...partialSnapshots(final, wordTokens)];
    const encoder = new DeltaEncoder();
    const decoder = new DeltaDecoder();
    for (const partial of partials) {
      encoder.hold(partial);
      const event = encoder.flush();
      if (event !== "") {
        decoder.apply(JSON.parse(event.slice("data:".length)) as DeltaPatch);
      }
      expect(decoder.value).toEqual(partial);
    }
    expect(decoder.value).toEqual(final);
  });
});

describe("JSON Pointer", () => {
  it("round-trips tokens with ~ and /", () => {
    const tokens = ["a/b", "~", "", "0", "~1"];
    expect(parsePointer(formatPointer(tokens))).toEqual(tokens);
    expect(formatPointer([])).toBe("");
    expect(parsePointer("/")).toEqual([""]);
  });
});
