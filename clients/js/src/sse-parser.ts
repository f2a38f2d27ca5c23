import { ProtocolError } from "./errors.js";

/**
 * The default of {@link SseParserOptions.maxBufferLength}: 32 Mi characters (64 MiB as a
 * JavaScript string), far above any real event and far below what would exhaust a page.
 */
export const DEFAULT_MAX_BUFFER_LENGTH = 32 * 1024 * 1024;

/**
 * One dispatched Server-Sent Event.
 *
 * Field names follow the WHATWG HTML standard's `MessageEvent` (`type`, `data`, `lastEventId`).
 */
export interface SseEvent {
  /** The `event:` field, or `"message"` when the event had none. */
  readonly type: string;
  /** The `data:` lines joined with `"\n"`. */
  readonly data: string;
  /** The last `id:` seen on this stream so far (it carries over to later events), or `""`. */
  readonly lastEventId: string;
}

/** Receivers of what {@link SseParser} finds in the stream. */
export interface SseParserHandlers {
  /** Called once per dispatched event, in stream order. */
  onEvent(event: SseEvent): void;
  /** Called for each valid `retry:` field with the reconnection time in milliseconds. */
  onRetry?(milliseconds: number): void;
  /** Called for each comment line (text after the `:`), such as a `: ping` heartbeat. */
  onComment?(text: string): void;
}

/** Settings of {@link SseParser}. */
export interface SseParserOptions {
  /**
   * The most characters the parser holds at once: the `data` of the event not yet dispatched
   * plus the line not yet ended. A stream that goes past it — a line that never ends, or data
   * lines that never meet a blank line — fails with a `ProtocolError` rather than use memory
   * without bound. Defaults to {@link DEFAULT_MAX_BUFFER_LENGTH}.
   */
  maxBufferLength?: number;
}

/**
 * An incremental Server-Sent Events parser that follows the WHATWG HTML standard's
 * "event stream interpretation" and accepts text split at any position.
 *
 * Feed it decoded text with {@link SseParser.feed} as it arrives and call {@link SseParser.end}
 * when the body ends. Decoding bytes is the caller's job: use one `TextDecoder` in stream mode
 * so that a UTF-8 sequence split between network chunks is decoded once both halves are there,
 * created with `{ ignoreBOM: true }`. The parser skips one U+FEFF (byte order mark) at the very
 * start of the text, and only one, as WHATWG's EventSource does; a decoder that drops one
 * itself (`TextDecoder`'s default) makes a body that starts with two lose both.
 *
 * Implementation notes: the parser keeps the text after the last line end in `pending` and
 * handles every complete line at once. A CR at the very end of a chunk ends a line straight
 * away (CR alone is a valid line end), so `sawCarriageReturn` remembers it and a LF at the
 * start of the next chunk is then skipped as the second half of a CRLF instead of being taken
 * for an empty line, which would dispatch an event too early.
 */
export class SseParser {
  private readonly handlers: SseParserHandlers;
  private readonly maxBufferLength: number;
  private pending = "";
  private sawCarriageReturn = false;
  private eventType = "";
  private data = "";
  private hasData = false;
  private lastEventId = "";
  private atStart = true;

  /**
   * Creates a parser that reports to `handlers`.
   *
   * @throws RangeError when `options.maxBufferLength` is not a positive integer
   */
  constructor(handlers: SseParserHandlers, options: SseParserOptions = {}) {
    const maxBufferLength = options.maxBufferLength ?? DEFAULT_MAX_BUFFER_LENGTH;
    if (!Number.isSafeInteger(maxBufferLength) || maxBufferLength <= 0) {
      throw new RangeError(`maxBufferLength must be a positive integer, got ${maxBufferLength}`);
    }
    this.handlers = handlers;
    this.maxBufferLength = maxBufferLength;
  }

  /**
   * Parses the next piece of decoded text; complete events are dispatched before it returns.
   *
   * @throws ProtocolError when the text held for the unfinished event and line would pass
   *     `maxBufferLength`; the parser then drops what it held
   */
  feed(text: string): void {
    if (text === "") {
      // Nothing to do, and a CR from the previous chunk may still meet its LF in the next one.
      return;
    }
    let start = 0;
    if (this.atStart) {
      // The first text fed, however short (an empty feed does not count): one leading BOM only.
      this.atStart = false;
      if (text.charCodeAt(0) === 0xfeff) {
        start = 1;
      }
    } else if (this.sawCarriageReturn && text.startsWith("\n")) {
      start = 1;
    }
    this.sawCarriageReturn = false;
    let lineStart = start;
    for (let index = start; index < text.length; index++) {
      const code = text.charCodeAt(index);
      if (code !== 0x0a && code !== 0x0d) {
        continue;
      }
      const line = this.pending + text.slice(lineStart, index);
      this.pending = "";
      if (code === 0x0d) {
        if (index + 1 === text.length) {
          this.sawCarriageReturn = true;
        } else if (text.charCodeAt(index + 1) === 0x0a) {
          index++;
        }
      }
      lineStart = index + 1;
      this.processLine(line);
    }
    this.pending += text.slice(lineStart);
    this.checkBufferLength(0);
  }

  /**
   * Ends the stream. An event that was not closed by an empty line is discarded, as the standard
   * says: a cut connection must not deliver half an event.
   */
  end(): void {
    this.pending = "";
    this.sawCarriageReturn = false;
    this.eventType = "";
    this.data = "";
    this.hasData = false;
  }

  private processLine(line: string): void {
    if (line === "") {
      this.dispatch();
      return;
    }
    const colon = line.indexOf(":");
    if (colon === 0) {
      this.handlers.onComment?.(line.slice(1));
      return;
    }
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) {
      value = value.slice(1);
    }
    switch (field) {
      case "event":
        this.eventType = value;
        break;
      case "data":
        // Joined with LF now; the trailing LF is removed at dispatch, as the standard does.
        this.checkBufferLength(value.length + 1);
        this.data += value + "\n";
        this.hasData = true;
        break;
      case "id":
        // An id containing NULL is ignored so that it cannot poison Last-Event-ID.
        if (!value.includes("\u0000")) {
          this.lastEventId = value;
        }
        break;
      case "retry":
        if (/^[0-9]+$/.test(value)) {
          this.handlers.onRetry?.(Number.parseInt(value, 10));
        }
        break;
      default:
        // Unknown fields are ignored for forward compatibility.
        break;
    }
  }

  /** Throws when holding `adding` more characters would pass the limit, dropping what is held. */
  private checkBufferLength(adding: number): void {
    if (this.pending.length + this.data.length + adding <= this.maxBufferLength) {
      return;
    }
    this.end();
    throw new ProtocolError(
      `The stream holds more than ${this.maxBufferLength} characters without finishing an event ` +
        "(a line without an end, or data lines without a blank line)",
    );
  }

  private dispatch(): void {
    const type = this.eventType;
    const data = this.data;
    const hasData = this.hasData;
    this.eventType = "";
    this.data = "";
    this.hasData = false;
    if (!hasData) {
      // An event with no data line is not dispatched (for example a lone "event:" or "id:").
      return;
    }
    this.handlers.onEvent({
      type: type === "" ? "message" : type,
      data: data.slice(0, -1),
      lastEventId: this.lastEventId,
    });
  }
}
