/**
 * A reference encoder of both wire formats, written from docs/wire-format.md alone: what a
 * conforming server (instructor-java's SSE module) writes for a sequence of partial values.
 * Tests feed its output to the client and check that the client sees those very values.
 */
import type { DeltaOp } from "../../src/delta.js";
import { formatPointer } from "../../src/delta.js";

/** One thing the model stream produced, in order: a partial, a restart, or the end. */
export type ServerStep =
  | { readonly kind: "partial"; readonly value: unknown }
  | { readonly kind: "restart"; readonly attempt: number; readonly reason?: string }
  | { readonly kind: "done"; readonly value: unknown }
  /**
   * The end with an error. `attempt`, when set, is the attempt that failed as the server knows it
   * (a re-ask may fail before its first partial, so no restart announced it); otherwise the
   * attempt the steps had reached.
   */
  | { readonly kind: "error"; readonly message: string; readonly type?: string; readonly attempt?: number };

/**
 * Writes `steps` in the snapshot format, byte for byte as the seed's FastAPI endpoint does.
 * `partialsPerEvent` > 1 models pacing: only the last partial of each group is written.
 */
export function encodeSnapshot(steps: Iterable<ServerStep>, partialsPerEvent = 1): string {
  let out = "";
  let held: ServerStep | undefined;
  let count = 0;
  let attempt = 1;
  for (const step of steps) {
    if (step.kind === "partial") {
      held = step;
      if (++count === partialsPerEvent) {
        out += snapshotEvent(held);
        held = undefined;
        count = 0;
      }
      continue;
    }
    // A held partial goes out before an error, is superseded by done, and is stale after restart
    // (including the restart an error of an unannounced attempt brings).
    const unannounced = unannouncedAttempt(step, attempt);
    if (held !== undefined && step.kind === "error" && unannounced === undefined) {
      out += snapshotEvent(held);
    }
    held = undefined;
    count = 0;
    if (unannounced !== undefined) {
      out += namedEvent({ kind: "restart", attempt: unannounced });
      attempt = unannounced;
    }
    attempt = step.kind === "restart" ? step.attempt : attempt;
    out += namedEvent(step, attempt);
  }
  return held === undefined ? out : out + snapshotEvent(held);
}

/** Writes one step in the snapshot format. */
export function snapshotEvent(step: ServerStep): string {
  switch (step.kind) {
    case "partial":
      return `data: ${JSON.stringify(step.value)}\n\n`;
    default:
      return namedEvent(step);
  }
}

/**
 * Writes `steps` in the delta format: each partial becomes the patch from the previous partial.
 * `partialsPerEvent` > 1 models a server that paces its writes and merges several partials into
 * one patch (the last partial of a group is always the one reconstructed).
 */
export function encodeDelta(steps: Iterable<ServerStep>, partialsPerEvent = 1): string {
  const encoder = new DeltaEncoder();
  let out = "";
  let held = 0;
  let attempt = 1;
  for (const step of steps) {
    if (step.kind === "partial") {
      encoder.hold(step.value);
      held++;
      if (held === partialsPerEvent) {
        out += encoder.flush();
        held = 0;
      }
      continue;
    }
    // Pacing as in the snapshot format: held changes go out before an error, are superseded
    // by done and are stale after a restart.
    const unannounced = unannouncedAttempt(step, attempt);
    if (step.kind === "error" && unannounced === undefined) {
      out += encoder.flush();
    }
    held = 0;
    encoder.drop();
    if (unannounced !== undefined) {
      encoder.reset();
      out += namedEvent({ kind: "restart", attempt: unannounced });
      attempt = unannounced;
    }
    if (step.kind === "restart") {
      encoder.reset();
      attempt = step.attempt;
    }
    out += namedEvent(step, attempt);
  }
  return out + encoder.flush();
}

/** Turns successive partial values into patch events, as a delta server does. */
export class DeltaEncoder {
  private sent: unknown = undefined;
  private latest: unknown = undefined;
  private hasLatest = false;
  private cursor: string | undefined;

  /** Notes a newer partial without writing it yet. */
  hold(value: unknown): void {
    this.latest = value;
    this.hasLatest = true;
  }

  /** Returns the patch event from the last value written to the held one, or "" if none. */
  flush(): string {
    if (!this.hasLatest) {
      return "";
    }
    this.hasLatest = false;
    const ops: PathOp[] = [];
    diff(this.sent, this.latest, [], ops, this.sent === undefined);
    this.sent = this.latest;
    if (ops.length === 0) {
      return "";
    }
    const [data, cursor] = patchData(ops, this.cursor);
    this.cursor = cursor;
    return `data:${data}\n\n`;
  }

  /** Forgets a held value that was not written. */
  drop(): void {
    this.hasLatest = false;
  }

  /** Forgets what was sent, as after a restart. */
  reset(): void {
    this.sent = undefined;
    this.cursor = undefined;
    this.hasLatest = false;
  }
}

/**
 * The shortest data for `ops` (which all carry a path): appends at the cursor become bare
 * strings, and a single op goes without the array. Returns the data and the new cursor.
 */
export function patchData(ops: readonly PathOp[], cursor: string | undefined): [string, string | undefined] {
  const written: DeltaOp[] = [];
  for (const op of ops) {
    written.push("a" in op && op.p === cursor ? op.a : op);
    cursor = op.p;
  }
  return [JSON.stringify(written.length === 1 ? written[0] : written), cursor];
}

/** An op with an explicit path, as the diff produces them. */
export type PathOp = Exclude<DeltaOp, string>;

/** Appends to `ops` the ops that turn `before` into `after` (the recommended diff of the spec). */
export function diff(before: unknown, after: unknown, path: string[], ops: PathOp[], absent = false): void {
  if (!absent && before === after) {
    return;
  }
  const p = formatPointer(path);
  if (!absent && typeof before === "string" && typeof after === "string" && after.startsWith(before)) {
    if (after.length > before.length) {
      ops.push({ p, a: after.slice(before.length) });
    }
    return;
  }
  if (!absent && Array.isArray(before) && Array.isArray(after) && after.length >= before.length) {
    before.forEach((item, index) => diff(item, after[index], [...path, String(index)], ops));
    for (let index = before.length; index < after.length; index++) {
      ops.push({ p: formatPointer([...path, String(index)]), v: after[index] });
    }
    return;
  }
  if (!absent && isPlainObject(before) && isPlainObject(after) && Object.keys(before).every((key) => key in after)) {
    for (const [key, value] of Object.entries(after)) {
      if (key in before) {
        diff(before[key], value, [...path, key], ops);
      } else {
        ops.push({ p: formatPointer([...path, key]), v: value });
      }
    }
    return;
  }
  if (!absent && JSON.stringify(before) === JSON.stringify(after)) {
    return;
  }
  ops.push({ p, v: after });
}

/**
 * Returns the attempt of an error step that no partial or restart announced, which the server
 * announces with a restart before the error (docs/wire-format.md, section 4), or `undefined`.
 */
function unannouncedAttempt(step: ServerStep, attempt: number): number | undefined {
  return step.kind === "error" && step.attempt !== undefined && step.attempt > attempt ? step.attempt : undefined;
}

/** Writes a named event; `attempt` is the attempt running, which an error event reports. */
function namedEvent(step: ServerStep, attempt = 1): string {
  switch (step.kind) {
    case "done":
      return `event: done\ndata: ${JSON.stringify(step.value)}\n\n`;
    case "restart":
      return `event: restart\ndata: ${JSON.stringify({ attempt: step.attempt, reason: step.reason })}\n\n`;
    case "error":
      return `event: error\ndata: ${JSON.stringify(step.type === undefined ? { error: step.message, attempt } : { error: step.message, type: step.type, attempt })}\n\n`;
    default:
      throw new Error(`not a named event: ${step.kind}`);
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

