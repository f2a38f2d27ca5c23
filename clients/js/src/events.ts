import { DeltaDecoder } from "./delta.js";
import { ProtocolError, StreamError } from "./errors.js";
import type { SseEvent } from "./sse-parser.js";
import { rethrowLater } from "./report.js";
import { Throttle } from "./throttle.js";

/** The two wire formats of docs/wire-format.md. */
export type WireFormat = "snapshot" | "delta";

/** The callbacks {@link StructuredEvents} drives; each is optional. */
export interface StructuredEventCallbacks<P, T> {
  /**
   * A newer partial value; rate-limited by the throttle. An exception from it ends the stream
   * with that exception, whether it was called at once or from the throttle's timer; from the
   * last one of a stream that ends without `done`, it is rethrown from a task of its own instead.
   */
  onPartial?(value: P): void;
  /**
   * The final, validated value from the `done` event. An exception from it does not change the
   * outcome: it is rethrown from a task of its own.
   */
  onDone?(value: T): void;
  /**
   * The server started over (a re-ask); `attempt` counts from 1, so the first restart says 2. A
   * restart whose `attempt` is not an integer of at least 2 is a {@link ProtocolError}. An
   * exception from it ends the stream with that exception.
   */
  onRestart?(attempt: number, reason: string | undefined): void;
}

/** The outcome so far of the events handled: still running, or finished with a final value. */
export type StreamOutcome<T> = { readonly finished: false } | { readonly finished: true; readonly value: T };

/**
 * Turns the events of one response into partial values and callbacks: the wire format's
 * semantics, without any I/O.
 *
 * One instance per response, used from one thread (the page's event loop).
 */
export class StructuredEvents<P, T> {
  private readonly format: WireFormat;
  private readonly callbacks: StructuredEventCallbacks<P, T>;
  private readonly onFailure: (error: unknown) => void;
  /**
   * Holds partials as functions that produce them: a snapshot is parsed only when it is passed
   * on, so the snapshots a throttle drops cost no `JSON.parse` (a delta patch is applied at once,
   * since every patch builds on the one before, and the function returns the value it made).
   */
  private readonly throttle: Throttle<() => P>;
  private readonly delta = new DeltaDecoder();
  private outcome: StreamOutcome<T> = { finished: false };
  private cancelled = false;
  private failure: { readonly error: unknown } | undefined;
  /** Set once the outcome is known (an `error` event, the end of the body): see {@link flush}. */
  private ending = false;

  /**
   * Creates the handler for a response in `format`, emitting partials at most once per
   * `throttleMs`. A held partial that turns out not to be JSON, or whose `onPartial` throws, when
   * the throttle passes it on from its timer cannot be thrown to the reader, so the error goes to
   * `onFailure`, which should end the stream with it; the handler is cancelled by then. (It goes
   * there when the partial is passed on at once, too, and is also thrown to the caller.)
   */
  constructor(
    format: WireFormat,
    throttleMs: number,
    callbacks: StructuredEventCallbacks<P, T>,
    onFailure: (error: unknown) => void = () => undefined,
  ) {
    this.format = format;
    this.callbacks = callbacks;
    this.onFailure = onFailure;
    this.throttle = new Throttle<() => P>(throttleMs, (partial) => this.emit(partial));
  }

  /** Whether a `done` event has been handled, and its value. */
  get result(): StreamOutcome<T> {
    return this.outcome;
  }

  /**
   * Handles one event; after `done` it ignores the rest.
   *
   * @throws StreamError for an `error` event (after passing on any held partial)
   * @throws ProtocolError when the event's data breaks the wire format
   */
  handle(event: SseEvent): void {
    if (this.outcome.finished || this.cancelled) {
      return;
    }
    switch (event.type) {
      case "message":
        this.throttle.push(this.partialFrom(event));
        this.rethrowFailure();
        break;
      case "done": {
        const value = parseJson(event) as T;
        // The final value supersedes any partial still held back by the throttle.
        this.throttle.discard();
        this.outcome = { finished: true, value };
        try {
          this.callbacks.onDone?.(value);
        } catch (error) {
          // The stream succeeded; the caller's own bug must not turn that into a failure.
          rethrowLater(error);
        }
        break;
      }
      case "error":
        // Show the latest partial the server got to before reporting what went wrong, which stays
        // the outcome whatever that partial's onPartial does.
        this.flush();
        throw new StreamError(errorData(event));
      case "restart":
        this.restart(event);
        break;
      default:
        // Event types this client does not know are skipped, so servers can add new ones.
        break;
    }
  }

  /** Stops every callback for good, including a partial the throttle still holds. */
  cancel(): void {
    this.cancelled = true;
    this.throttle.discard();
  }

  /**
   * Passes on a partial the throttle still holds, for a stream that ends without `done` (an
   * `error` event, the end of the body, the idle timeout). The outcome is known by then, so an
   * exception from that last `onPartial` does not replace it: it is rethrown from a task of its
   * own, as one from `onDone` is.
   */
  flush(): void {
    this.ending = true;
    this.throttle.flush();
  }

  private partialFrom(event: SseEvent): () => P {
    if (this.format === "snapshot") {
      return () => parseJson(event) as P;
    }
    const data = parseJson(event);
    try {
      this.delta.apply(data);
    } catch (error) {
      throw new ProtocolError(`Cannot apply delta patch: ${(error as Error).message}`, event, { cause: error });
    }
    const value = this.delta.value as P;
    return () => value;
  }

  private emit(partial: () => P): void {
    if (this.cancelled) {
      return;
    }
    try {
      this.callbacks.onPartial?.(partial());
    } catch (error) {
      if (this.ending) {
        rethrowLater(error);
        return;
      }
      // A snapshot that is not JSON, or an exception from onPartial: either ends the stream. This
      // may run inside the throttle's timer, where a throw would be lost (and the stream would go
      // on), so record it for the caller's own call and report it to end the request.
      this.failure = { error };
      this.cancel();
      this.onFailure(error);
    }
  }

  /** Throws the failure of a partial passed on just now, inside the caller's own call. */
  private rethrowFailure(): void {
    if (this.failure !== undefined) {
      throw this.failure.error;
    }
  }

  private restart(event: SseEvent): void {
    const data = parseJson(event);
    const attempt = typeof data === "object" && data !== null ? (data as Record<string, unknown>)["attempt"] : undefined;
    // The first attempt is 1, so a restart starts attempt 2 or later: any other value is a
    // server bug, and a wrong count would mislead whoever shows it.
    if (typeof attempt !== "number" || !Number.isInteger(attempt) || attempt < 2) {
      throw new ProtocolError('A restart event needs an integer "attempt" of at least 2', event);
    }
    const reason = (data as Record<string, unknown>)["reason"];
    this.throttle.discard();
    this.delta.reset();
    this.callbacks.onRestart?.(attempt, typeof reason === "string" ? reason : undefined);
  }
}

function parseJson(event: SseEvent): unknown {
  try {
    return JSON.parse(event.data);
  } catch (error) {
    throw new ProtocolError(`The data of a "${event.type}" event is not JSON`, event, { cause: error });
  }
}

function errorData(event: SseEvent): Record<string, unknown> {
  // An error event is reported even when its data is not the JSON object it should be: the
  // server's failure is the news, and its text is the best message there is.
  try {
    const data: unknown = JSON.parse(event.data);
    if (typeof data === "object" && data !== null && !Array.isArray(data)) {
      return data as Record<string, unknown>;
    }
  } catch {
    // Fall through to the raw text.
  }
  return { error: event.data };
}
