import { acceptPrefersDelta } from "./accept.js";
import { HttpError, IncompleteStreamError, ProtocolError } from "./errors.js";
import { StructuredEvents, type WireFormat } from "./events.js";
import { rethrowLater } from "./report.js";
import { SseParser } from "./sse-parser.js";

/**
 * A value of type `T` that may still be missing members at any depth: the shape of a partial.
 * Strings that are still being written are present but shorter than they will be, so every
 * string type becomes `string`: a string-literal union or string enum (`"productivity"`) may
 * show up as any prefix of one of its members (`"prod"`). Numbers, booleans and `null` arrive
 * whole and keep their types.
 */
export type DeepPartial<T> = T extends string
  ? string
  : T extends readonly (infer Item)[]
    ? DeepPartial<Item>[]
    : T extends object
      ? { [Key in keyof T]?: DeepPartial<T[Key]> }
      : T;

/** What {@link streamStructured} needs: the request, the wire format and the callbacks. */
export interface StreamStructuredOptions<T> {
  /** The endpoint that streams the value. */
  url: string | URL;
  /** The request body, sent as JSON with `POST`. Defaults to `{}`. */
  body?: unknown;
  /**
   * The wire format to ask for: `"snapshot"` (the default; every partial whole) or `"delta"`
   * (only the changes; linear in the size of the value). The client then follows whatever
   * format the response announces in `X-Instructor-Format`, so a server that only speaks
   * snapshots still works. A `format` query parameter in `url`, or an `Accept` in `headers`, asks
   * instead, as the server reads them.
   */
  format?: WireFormat;
  /** Aborts the request and the stream; the promise then rejects with the signal's reason. */
  signal?: AbortSignal;
  /**
   * Extra request headers, for example `Authorization`. A header named like a default
   * (`Content-Type`, `Accept`), in any letter case, replaces it.
   */
  headers?: Record<string, string>;
  /**
   * Called with each newer partial value (at most once per `throttleMs`). If it throws, the
   * stream fails with that exception: the request is aborted (so the server stops the model),
   * `onError` is called with it and the promise rejects with it — the same whether the partial
   * was passed on at once or later by the throttle.
   */
  onPartial?: (value: DeepPartial<T>) => void;
  /**
   * Called once with the final, validated value of the `done` event. If it throws, the outcome
   * stands — the promise still resolves with the value and `onError` is not called — and the
   * exception is rethrown from a task of its own, where the platform reports uncaught errors.
   */
  onDone?: (value: T) => void;
  /**
   * Called once when the stream fails, with the same error the promise rejects with; not
   * called on abort. If it throws, the promise still rejects with the stream's error and the
   * callback's exception is rethrown from a task of its own, as for `onDone`.
   */
  onError?: (error: unknown) => void;
  /**
   * Called when the server starts over after a failed validation (a re-ask). Drop what the
   * partials showed so far: the partials that follow begin again from nothing. If it throws,
   * the stream fails with that exception, as for `onPartial`.
   */
  onRestart?: (attempt: number, reason: string | undefined) => void;
  /**
   * The least time in milliseconds between two `onPartial` calls; newer partials that arrive
   * sooner are held and only the latest is passed on. `0` (the default) passes every partial.
   * `onDone` is never delayed: a held partial is dropped when the final value arrives.
   */
  throttleMs?: number;
  /**
   * How long in milliseconds the server may stay silent — before the response headers arrive,
   * and then between bytes of the body — before the stream counts as dead, the request is
   * aborted and the promise fails with {@link IncompleteStreamError}; `0` (the default) waits
   * for ever. instructor-java servers send a heartbeat every 15 s, so 60 000 is a good value with
   * them. A timeout between bytes, never for the whole response: a long answer is not a hung one.
   */
  idleTimeoutMs?: number;
  /**
   * The most characters of one event (its data and its unfinished line) held while it arrives;
   * past it the stream fails with {@link ProtocolError} rather than grow without bound.
   * 32 Mi characters (`DEFAULT_MAX_BUFFER_LENGTH`) unless set.
   */
  maxBufferLength?: number;
  /** The `fetch` to use instead of the global one (for tests, or to add credentials). */
  fetch?: typeof fetch;
}

/**
 * Streams a structured value from an instructor-java endpoint: `POST`s `body` as JSON, reads the
 * Server-Sent Events of the response as they arrive, and resolves with the final value.
 *
 * `EventSource` is not used because it can only `GET`. Partial values go to `onPartial`, a
 * re-ask's fresh start to `onRestart`, and the validated result to `onDone` and the promise.
 *
 * Errors: the promise rejects (after `onError`) with {@link HttpError} for a non-2xx response or a
 * 204 (the server will not resume a stream),
 * {@link StreamError} for an `error` event, {@link ProtocolError} when the response breaks the
 * wire format, {@link IncompleteStreamError} when the body ends, or the connection is cut, before
 * `done`, or the server is silent for longer than `idleTimeoutMs`, and with `fetch`'s own
 * `TypeError` when the request cannot be sent or no response comes (network down, CORS refused).
 * On abort it rejects with the signal's reason (an `AbortError`) and no callback runs after the
 * abort.
 *
 * Callbacks that throw: an exception from `onPartial` or `onRestart`, which run while the stream
 * is going, ends it with that exception (request aborted, `onError` called, promise rejected
 * with it). An exception from `onDone` or `onError`, which run once the outcome is known, or from
 * the last `onPartial` of a stream that ends without `done`, never changes that outcome: the
 * promise settles as it would have, `onError` is not called for it, and the exception is rethrown
 * from a task of its own (the page's `error` event in a browser, `uncaughtException` in Node,
 * which ends the process unless handled), as an exception from an event listener is.
 *
 * @returns the final value, as the `done` event carried it
 */
export async function streamStructured<T>(options: StreamStructuredOptions<T>): Promise<T> {
  const { signal } = options;
  try {
    return await run(options);
  } catch (error) {
    if (signal?.aborted) {
      // Whatever the fetch implementation threw while aborting, the caller gets its own reason.
      throw signal.reason;
    }
    try {
      options.onError?.(error);
    } catch (fromOnError) {
      // The promise still rejects with the stream's error; the callback's own goes elsewhere.
      rethrowLater(fromOnError);
    }
    throw error;
  }
}

async function run<T>(options: StreamStructuredOptions<T>): Promise<T> {
  const { signal } = options;
  if (signal?.aborted) {
    throw signal.reason;
  }
  const idleTimeoutMs = options.idleTimeoutMs ?? 0;
  // The request runs on a controller of its own, so that the idle timer can end it as well as
  // the caller; its reason says which one did.
  const controller = new AbortController();
  const onCallerAbort = (): void => controller.abort(signal?.reason);
  signal?.addEventListener("abort", onCallerAbort);
  const idle = new IdleTimer(idleTimeoutMs, () =>
    controller.abort(new IncompleteStreamError(`No data for ${idleTimeoutMs} ms; the connection counts as dead`)),
  );
  // Started before fetch: a server that never sends its response headers is as dead as one
  // that stops sending bytes.
  idle.restart();
  try {
    return await request(options, controller, idle);
  } catch (error) {
    if (controller.signal.aborted && !signal?.aborted) {
      // Whatever fetch or the body threw while they were aborted from inside (the idle timer, or
      // a held partial that is not JSON), the failure is that reason.
      throw controller.signal.reason;
    }
    throw error;
  } finally {
    idle.stop();
    signal?.removeEventListener("abort", onCallerAbort);
  }
}

async function request<T>(options: StreamStructuredOptions<T>, controller: AbortController, idle: IdleTimer): Promise<T> {
  const { signal } = controller;
  const fetchFunction = options.fetch ?? globalThis.fetch;
  const requested = options.format ?? "snapshot";
  const headers = new Headers({
    "Content-Type": "application/json",
    Accept: requested === "delta" ? "text/event-stream; format=delta" : "text/event-stream",
  });
  // set, not a merged object: header names are case-insensitive, and a caller's "content-type"
  // must replace the default, not be joined to it.
  new Headers(options.headers).forEach((value, name) => headers.set(name, value));
  const response = await untilAborted(
    fetchFunction(options.url, {
      method: "POST",
      headers,
      body: JSON.stringify(options.body ?? {}),
      signal,
    }),
    signal,
    (late) => late.body?.cancel().catch(() => undefined),
  );
  idle.restart();
  // A 204 is ok to fetch, but it is a refusal without a stream: the server will not resume one.
  if (!response.ok || response.status === 204) {
    // The idle timer covers the error body too, between its bytes as for a stream; its abort
    // fails the request with the timeout.
    const body = await untilAborted(readErrorBody(response, idle), signal);
    throw new HttpError(response.status, response.statusText, body, response.headers);
  }
  let format: WireFormat;
  try {
    format = streamFormat(response, asksForDelta(options.url, headers.get("Accept")));
  } catch (error) {
    // Close the connection: the server must not go on generating for a client that gave up.
    await response.body?.cancel().catch(() => undefined);
    throw error;
  }
  // A partial the throttle fails to pass on from its timer ends the request like an abort would.
  const events = new StructuredEvents<DeepPartial<T>, T>(format, options.throttleMs ?? 0, options, (error) =>
    controller.abort(error),
  );
  if (response.body === null) {
    throw new IncompleteStreamError("The response has no body");
  }
  const reader = response.body.getReader();
  // Some fetch implementations do not end a pending read when the signal aborts: cancelling the
  // reader ends it everywhere, and the closed connection is how the server learns to stop the
  // model.
  const onAbort = (): void => {
    if (!idle.expired) {
      // An abort stops every callback at once; a timeout still shows the partial held back.
      events.cancel();
    }
    reader.cancel(signal.reason).catch(() => undefined);
  };
  signal.addEventListener("abort", onAbort);
  try {
    return await readEvents(reader, events, signal, idle, options.maxBufferLength);
  } catch (error) {
    if (idle.expired) {
      events.flush();
    }
    events.cancel();
    reader.cancel(error).catch(() => undefined);
    throw error;
  } finally {
    signal.removeEventListener("abort", onAbort);
  }
}

/**
 * Settles as `promise` does, or rejects with the signal's reason as soon as it aborts: a `fetch`
 * that ignores its signal cannot keep the stream waiting for headers that never come. A value
 * that arrives after the abort goes to `onLate`, to close it.
 */
function untilAborted<R>(promise: Promise<R>, signal: AbortSignal, onLate: (value: R) => void = () => undefined): Promise<R> {
  return new Promise<R>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    if (signal.aborted) {
      onAbort();
    }
    signal.addEventListener("abort", onAbort);
    promise.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        if (signal.aborted) {
          onLate(value);
        }
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}

async function readEvents<P, T>(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  events: StructuredEvents<P, T>,
  signal: AbortSignal,
  idle: IdleTimer,
  maxBufferLength: number | undefined,
): Promise<T> {
  // One decoder in stream mode: a UTF-8 sequence split across chunks is decoded whole. It keeps
  // a leading byte order mark, because the parser drops exactly one: dropping it here as well
  // would lose a second one, which WHATWG's EventSource keeps (it spoils the first field name).
  const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
  const parser = new SseParser(
    { onEvent: (event) => events.handle(event) },
    maxBufferLength === undefined ? {} : { maxBufferLength },
  );
  for (;;) {
    if (signal.aborted) {
      throw signal.reason;
    }
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await reader.read();
    } catch (cut) {
      if (signal.aborted) {
        throw signal.reason;
      }
      // A connection cut mid-body fails the read (Chromium's "network error", Node's "terminated")
      // rather than end the body: the stream is as incomplete as one that ended early.
      events.flush();
      throw new IncompleteStreamError("The connection was cut before the done event", { cause: cut });
    }
    const { done, value } = chunk;
    if (signal.aborted) {
      throw signal.reason;
    }
    if (done) {
      break;
    }
    idle.restart();
    try {
      parser.feed(decoder.decode(value, { stream: true }));
    } catch (error) {
      // The limit guards events still to come: bytes behind `done` in the same chunk are not
      // one of them, and must not turn a finished stream into a failed one.
      if (!events.result.finished) {
        throw error;
      }
    }
    const outcome = events.result;
    if (outcome.finished) {
      // The server closes after done; stop reading now rather than wait for it.
      reader.cancel().catch(() => undefined);
      return outcome.value;
    }
  }
  parser.feed(decoder.decode());
  parser.end();
  events.flush();
  throw new IncompleteStreamError();
}

/** Calls `onExpiry` when `restart` was not called again within `timeoutMs`; 0 turns it off. */
class IdleTimer {
  private readonly timeoutMs: number;
  private readonly onExpiry: () => void;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** True once the timer ran out. */
  expired = false;

  constructor(timeoutMs: number, onExpiry: () => void) {
    this.timeoutMs = timeoutMs;
    this.onExpiry = onExpiry;
  }

  restart(): void {
    this.stop();
    if (this.timeoutMs > 0) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.expired = true;
        this.onExpiry();
      }, this.timeoutMs);
    }
  }

  stop(): void {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
  }
}

/**
 * Whether the request asks for the delta format, read as a server reads it: the URL's `format`
 * query parameter wins over `Accept`. The caller may have asked in either place rather than with
 * `format`, and the server then sends patches all the same.
 */
function asksForDelta(url: string | URL, accept: string | null): boolean {
  let query: string | null = null;
  try {
    // Only the query matters, so any base does for a relative URL.
    query = new URL(url, "http://localhost/").searchParams.get("format");
  } catch {
    // A custom fetch took a URL the parser refuses: Accept is all there is to go by.
  }
  if (query !== null) {
    // The server compares the value without regard to case, as it does Accept's format parameter.
    return query.toLowerCase() === "delta";
  }
  return accept !== null && acceptPrefersDelta(accept);
}

/** Checks that the response is an event stream and returns the format its header announces. */
function streamFormat(response: Response, askedForDelta: boolean): WireFormat {
  const contentType = response.headers.get("Content-Type") ?? "";
  // The media type whole, then parameters or nothing: `\b` alone also let `text/event-stream-v2` through.
  if (!/^text\/event-stream\s*(;|$)/i.test(contentType)) {
    throw new ProtocolError(`Expected a text/event-stream response, got "${contentType}"`);
  }
  const header = response.headers.get("X-Instructor-Format");
  if (header === null) {
    if (askedForDelta && response.type === "cors") {
      // Across origins a header the server did not expose is invisible. Guessing "snapshot" would
      // show raw patches as partials, so fail with the fix instead.
      throw new ProtocolError(
        "Asked for the delta format but cannot see X-Instructor-Format: the server must send it " +
          "and list it in Access-Control-Expose-Headers",
      );
    }
    // A server that predates the delta format sends no header and snapshots.
    return "snapshot";
  }
  const announced = header.trim().toLowerCase();
  if (announced !== "snapshot" && announced !== "delta") {
    throw new ProtocolError(`Unknown X-Instructor-Format "${announced}"`);
  }
  return announced;
}

/**
 * The most bytes of an error response's body that are read: far more than any JSON error, and a
 * proxy's error page that is huge or never ends cannot fill the page's memory. (instructor-java's
 * own HTTP transport keeps the same 64 KiB of a provider's error body.)
 */
const MAX_ERROR_BODY_BYTES = 64 * 1024;

/**
 * Reads the body of an error response, at most {@link MAX_ERROR_BODY_BYTES} of it (the rest is
 * cancelled, which closes the connection), restarting the idle timer with each chunk. A body that
 * fails partway gives the text read before it failed.
 */
async function readErrorBody(response: Response, idle: IdleTimer): Promise<unknown> {
  let text = "";
  const decoder = new TextDecoder();
  try {
    if (response.body !== null) {
      const reader = response.body.getReader();
      let room = MAX_ERROR_BODY_BYTES;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) {
          break;
        }
        idle.restart();
        text += decoder.decode(value.length > room ? value.subarray(0, room) : value, { stream: true });
        room -= Math.min(room, value.length);
        if (room === 0) {
          reader.cancel().catch(() => undefined);
          break;
        }
      }
    }
  } catch {
    // The connection dropped partway: what came before still tells the caller what went wrong.
  }
  text += decoder.decode();
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
