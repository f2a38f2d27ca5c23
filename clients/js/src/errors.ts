import type { SseEvent } from "./sse-parser.js";

/**
 * The base class of every error this package raises; `instanceof InstructorStreamError` catches
 * them all. An abort is not one of them: it rejects with the signal's own reason (an
 * `AbortError` `DOMException` unless the caller chose another).
 */
export class InstructorStreamError extends Error {
  /** The underlying error, such as the `SyntaxError` of bad JSON, when there is one. */
  readonly cause: unknown;

  /** Creates an error with `message`; `name` is set by each subclass. */
  constructor(message: string, options?: { cause?: unknown }) {
    // Error's own `cause` option is ES2022; setting the field works on the ES2020 target too.
    super(message);
    this.name = "InstructorStreamError";
    this.cause = options?.cause;
  }
}

/**
 * The server answered with a status outside 200–299, or with 204 No Content, so no stream started.
 *
 * A 204 is how a server refuses to resume a stream: instructor-java answers it to a `GET` that
 * carries `Last-Event-ID`, because a stream that was cut cannot be continued and a new one would
 * be another model call (an `EventSource` stops reconnecting on it). A `POST` carrying the header
 * gets a 400 whose message says so instead.
 *
 * A request the server rejected before streaming (HTTP 400) carries a JSON body
 * `{"error": "...", "field": "..."}`; {@link HttpError.body} holds it parsed, and the message
 * is its `error` text when there is one.
 */
export class HttpError extends InstructorStreamError {
  /** The HTTP status code, for example 400. */
  readonly status: number;
  /**
   * The body parsed as JSON when it is JSON, else its text: `""` when empty, the text read so far when reading it
   * failed partway; only its first 64 KiB are read.
   */
  readonly body: unknown;
  /** The `field` member of a JSON error body: which request field was rejected, if any. */
  readonly field: string | undefined;
  /**
   * The response's headers. Across origins a browser shows only the CORS-safelisted ones and those
   * the server lists in `Access-Control-Expose-Headers`.
   */
  readonly headers: Headers;
  /**
   * How long the server asks the caller to wait before trying again, in milliseconds, from a
   * `Retry-After` header (seconds, or an HTTP date; a date in the past is 0); `undefined` when there
   * is none or it cannot be read. Servers send it with `429` and `503`.
   */
  readonly retryAfterMs: number | undefined;

  /** Creates the error for a response with `status` and its already read `body`. */
  constructor(
    status: number,
    statusText: string,
    body: unknown,
    headers: Headers = new Headers(),
    now: number = Date.now(),
  ) {
    const serverMessage = memberString(body, "error");
    const statusLine = `HTTP ${status}${statusText ? ` ${statusText}` : ""}`;
    super(
      serverMessage ??
        (status === 204 ? `${statusLine}: the server has no stream for this request and does not resume one` : statusLine),
    );
    this.name = "HttpError";
    this.status = status;
    this.body = body;
    this.field = memberString(body, "field");
    this.headers = headers;
    this.retryAfterMs = retryAfterMs(headers.get("Retry-After"), now);
  }
}

/** Reads a `Retry-After` value (RFC 9110 §10.2.3): delay-seconds or an HTTP date. */
function retryAfterMs(value: string | null, now: number): number | undefined {
  if (value === null) {
    return undefined;
  }
  const text = value.trim();
  if (/^\d+$/.test(text)) {
    return Number(text) * 1000;
  }
  // Only a date with a weekday and a time zone: Date.parse reads many other forms, digits among them.
  if (!/^[A-Za-z]{3},/.test(text)) {
    return undefined;
  }
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * The server reported a failure inside the stream with an `event: error`: for example the model
 * provider failed, or validation still failed after the last re-ask.
 */
export class StreamError extends InstructorStreamError {
  /** The whole parsed `data` of the error event, including extra members such as `type`. */
  readonly data: Readonly<Record<string, unknown>>;
  /** The `type` member of the error event, when the server sent one. */
  readonly type: string | undefined;
  /** The `attempt` member of the error event, when the server sent one. */
  readonly attempt: number | undefined;
  /**
   * What broke, for a `validation` error: each violation's `path`, a JSON Pointer into the value
   * the stream showed (`/0/blurb`; `""` for the whole value), and its `message`. Empty when the
   * server sent none; entries that are not such objects are left out.
   */
  readonly violations: ReadonlyArray<StreamViolation>;

  /** Creates the error from the error event's parsed data; the message is its `error` member. */
  constructor(data: Readonly<Record<string, unknown>>) {
    super(memberString(data, "error") ?? "The server reported an error without a message");
    this.name = "StreamError";
    this.data = data;
    this.type = memberString(data, "type");
    this.attempt = typeof data["attempt"] === "number" ? data["attempt"] : undefined;
    this.violations = violationsOf(data["violations"]);
  }
}

/** One violation of a `validation` error: where in the streamed value, and what is wrong. */
export interface StreamViolation {
  /** A JSON Pointer (RFC 6901) into the value the stream showed; `""` is the whole value. */
  readonly path: string;
  /** A readable message, such as `size must be between 0 and 140`. */
  readonly message: string;
}

function violationsOf(member: unknown): ReadonlyArray<StreamViolation> {
  if (!Array.isArray(member)) {
    return [];
  }
  const violations: StreamViolation[] = [];
  for (const entry of member) {
    if (
      typeof entry === "object" &&
      entry !== null &&
      typeof (entry as Record<string, unknown>)["path"] === "string" &&
      typeof (entry as Record<string, unknown>)["message"] === "string"
    ) {
      const { path, message } = entry as { path: string; message: string };
      violations.push({ path, message });
    }
  }
  return violations;
}

/**
 * The response broke the wire format: an event's data is not the JSON it must be, a delta patch
 * cannot be applied, or the response is not an event stream at all.
 */
export class ProtocolError extends InstructorStreamError {
  /** The offending event, when one event is to blame. */
  readonly event: SseEvent | undefined;

  /** Creates the error with a message saying what was wrong. */
  constructor(message: string, event?: SseEvent, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "ProtocolError";
    this.event = event;
  }
}

/**
 * The response body ended before a `done` or `error` event: the connection was cut (the body's
 * read failed, which is then the {@link InstructorStreamError.cause}) or the server stopped
 * writing without finishing the stream.
 */
export class IncompleteStreamError extends InstructorStreamError {
  /** Creates the error. */
  constructor(message = "The stream ended before its done event", options?: { cause?: unknown }) {
    super(message, options);
    this.name = "IncompleteStreamError";
  }
}

function memberString(value: unknown, name: string): string | undefined {
  if (typeof value !== "object" || value === null) {
    return undefined;
  }
  const member = (value as Record<string, unknown>)[name];
  return typeof member === "string" ? member : undefined;
}
