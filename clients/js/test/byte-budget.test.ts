import { describe, expect, it } from "vitest";
import { DeltaDecoder, type DeltaPatch } from "../src/delta.js";
import { SseParser } from "../src/sse-parser.js";
import { encodeDelta, encodeSnapshot, type ServerStep } from "./support/reference-server.js";
import { ideaList, partialSnapshots, wordTokens } from "./support/token-stream.js";

/**
 * The byte budget of docs/wire-format.md ("Worked byte count"): a list of about 100 KB written
 * token by token costs at most 3 times its size in the delta format when the server paces its
 * writes, and grows linearly with the size, while the snapshot format grows quadratically.
 */
function scenario(bytes: number): { final: unknown; finalBytes: number; steps: ServerStep[] } {
  const final = ideaList(bytes);
  const steps: ServerStep[] = [...partialSnapshots(final, wordTokens)].map((value) => ({ kind: "partial", value }));
  steps.push({ kind: "done", value: final });
  return { final, finalBytes: utf8Length(JSON.stringify(final)), steps };
}

function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}

describe("byte budget", () => {
  const large = scenario(100_000);

  it("stays within 3 times the final JSON for 100 KB at 5 tokens per paced event", () => {
    const ratio = utf8Length(encodeDelta(large.steps, 5)) / large.finalBytes;
    expect(large.finalBytes).toBeGreaterThanOrEqual(100_000);
    expect(ratio).toBeLessThanOrEqual(3);
  });

  it("stays within 4 times the final JSON even with one event per token", () => {
    // Over the 3x budget: each event's framing costs more than a token's text (see the spec).
    const ratio = utf8Length(encodeDelta(large.steps, 1)) / large.finalBytes;
    expect(ratio).toBeLessThanOrEqual(4);
  });

  it("grows linearly in the delta format and quadratically in the snapshot format", () => {
    const small = scenario(5_000);
    const double = scenario(10_000);
    const deltaSmall = utf8Length(encodeDelta(small.steps)) / small.finalBytes;
    const deltaLarge = utf8Length(encodeDelta(large.steps)) / large.finalBytes;
    expect(Math.abs(deltaLarge - deltaSmall)).toBeLessThan(0.1);
    const snapshotSmall = utf8Length(encodeSnapshot(small.steps)) / small.finalBytes;
    const snapshotDouble = utf8Length(encodeSnapshot(double.steps)) / double.finalBytes;
    // Twice the size, twice the bytes per final byte.
    expect(snapshotDouble / snapshotSmall).toBeGreaterThan(1.8);
  });

  it("rebuilds the 100 KB value from its patches", () => {
    const decoder = new DeltaDecoder();
    let done: unknown;
    const parser = new SseParser({
      onEvent: (event) => {
        if (event.type === "done") {
          done = JSON.parse(event.data);
        } else {
          decoder.apply(JSON.parse(event.data) as DeltaPatch);
        }
      },
    });
    parser.feed(encodeDelta(large.steps, 5));
    expect(decoder.value).toEqual(large.final);
    expect(done).toEqual(large.final);
  });
});
