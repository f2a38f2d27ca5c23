import { describe, expect, it } from "vitest";
import { ProtocolError } from "../src/errors.js";
import { DEFAULT_MAX_BUFFER_LENGTH, SseParser, type SseEvent } from "../src/sse-parser.js";

interface Parsed {
  events: SseEvent[];
  retries: number[];
  comments: string[];
}

/** Feeds `pieces` to a fresh parser, ends it, and returns everything it reported. */
function parse(...pieces: string[]): Parsed {
  const parsed: Parsed = { events: [], retries: [], comments: [] };
  const parser = new SseParser({
    onEvent: (event) => parsed.events.push(event),
    onRetry: (ms) => parsed.retries.push(ms),
    onComment: (text) => parsed.comments.push(text),
  });
  for (const piece of pieces) {
    parser.feed(piece);
  }
  parser.end();
  return parsed;
}

function message(data: string, type = "message", lastEventId = ""): SseEvent {
  return { type, data, lastEventId };
}

// A body using every line end, a comment, ids, retry, a multi-line event and non-ASCII text.
const RECORDED =
  ': ping\r\n\r\n' +
  'data: {"title":"Nöte"}\r\n\r\n' +
  'id: 1\rdata: [1,\rdata: 2]\r\r' +
  'event: restart\ndata: {"attempt":2}\n\n' +
  'retry: 3000\nid: 2\r\nevent: done\r\ndata:{"title":"😀 done"}\n\n' +
  'data: cut off';

const RECORDED_EVENTS: SseEvent[] = [
  message('{"title":"Nöte"}'),
  message("[1,\n2]", "message", "1"),
  message('{"attempt":2}', "restart", "1"),
  message('{"title":"😀 done"}', "done", "2"),
];

describe("SseParser", () => {
  it("dispatches a data event on the blank line", () => {
    expect(parse("data: hello\n\n").events).toEqual([message("hello")]);
  });

  it("names the event after its event field", () => {
    expect(parse('event: done\ndata: {"a":1}\n\n').events).toEqual([message('{"a":1}', "done")]);
  });

  it("joins data lines with LF", () => {
    expect(parse("data: one\ndata: two\ndata:\n\n").events).toEqual([message("one\ntwo\n")]);
  });

  it("removes exactly one space after the colon", () => {
    expect(parse("data:x\n\ndata:  y\n\n").events).toEqual([message("x"), message(" y")]);
  });

  it.each([
    ["LF", "\n"],
    ["CR", "\r"],
    ["CRLF", "\r\n"],
  ])("accepts %s line ends", (_name, end) => {
    expect(parse(`event: a${end}data: 1${end}${end}data: 2${end}${end}`).events).toEqual([
      message("1", "a"),
      message("2"),
    ]);
  });

  it("reports comments and dispatches nothing for them", () => {
    const parsed = parse(": ping\n\n:\n\n");
    expect(parsed.events).toEqual([]);
    expect(parsed.comments).toEqual([" ping", ""]);
  });

  it("does not dispatch an event without data", () => {
    expect(parse("event: done\n\nid: 7\n\ndata: x\n\n").events).toEqual([message("x", "message", "7")]);
  });

  it("resets the event type after each dispatch", () => {
    expect(parse("event: error\ndata: 1\n\ndata: 2\n\n").events.map((event) => event.type)).toEqual([
      "error",
      "message",
    ]);
  });

  it("keeps the last event id for later events", () => {
    const ids = parse("id: 5\ndata: a\n\ndata: b\n\nid:\ndata: c\n\n").events.map((event) => event.lastEventId);
    expect(ids).toEqual(["5", "5", ""]);
  });

  it("ignores an id containing NULL", () => {
    expect(parse("id: 1\ndata: a\n\nid: 2\u00003\ndata: b\n\n").events[1]?.lastEventId).toBe("1");
  });

  it("reports retry only when it is all digits", () => {
    expect(parse("retry: 1500\n\nretry: 1.5\n\nretry: soon\n\n").retries).toEqual([1500]);
  });

  it("ignores unknown fields and a line that is only a field name", () => {
    expect(parse("foo: bar\ndata\nwhatever\n\n").events).toEqual([message("")]);
  });

  it("drops an event the stream did not finish", () => {
    expect(parse("data: one\n\ndata: two\n").events).toEqual([message("one")]);
  });

  it("does not take a CRLF split across chunks for two line ends", () => {
    // Read as CR + LF, the LF would be an empty line and dispatch before the event field.
    expect(parse("data: a\r", "\nevent: x\r", "\n\r\n").events).toEqual([message("a", "x")]);
    expect(parse("data: a\r", "", "\nevent: x\r\n\r\n").events).toEqual([message("a", "x")]);
    expect(parse("data: a\r", "\n\r", "\n").events).toEqual([message("a")]);
  });

  it("skips one byte order mark at the very start", () => {
    expect(parse("\ufeffdata: first\n\ndata: second\n\n").events).toEqual([message("first"), message("second")]);
    expect(parse("", "\ufeff", "data: first\n\n").events).toEqual([message("first")]);
  });

  it("keeps a second byte order mark, and one later in the stream", () => {
    // Exactly one is skipped: after it, U+FEFF is part of the field name, which is then unknown.
    expect(parse("\ufeff\ufeffdata: lost\n\ndata: kept\n\n").events).toEqual([message("kept")]);
    expect(parse("data: a\n\n", "\ufeffdata: lost\n\n").events).toEqual([message("a")]);
    expect(parse("\ufeff", "\ufeffdata: lost\n\ndata: kept\n\n").events).toEqual([message("kept")]);
    expect(parse("", "\ufeff", "", "\ufeff", "data: lost\n\ndata: kept\n\n").events).toEqual([message("kept")]);
    expect(parse("data: \ufeffx\n\n").events).toEqual([message("\ufeffx")]);
  });

  describe("buffer limit", () => {
    let events: SseEvent[] = [];
    const limited = (maxBufferLength: number): SseParser => {
      events = [];
      return new SseParser({ onEvent: (event) => events.push(event) }, { maxBufferLength });
    };

    it("fails a line that never ends", () => {
      const parser = limited(16);
      parser.feed("data: 0123456789");
      expect(() => parser.feed("abcdef")).toThrow(ProtocolError);
    });

    it("fails data lines that never meet a blank line", () => {
      const parser = limited(16);
      parser.feed("data: 12345\n");
      parser.feed("data: 12345\n");
      expect(() => parser.feed("data: 12345\n")).toThrow(/more than 16 characters/);
      expect(events).toEqual([]);
    });

    it("counts the unfinished line and the data together, and allows exactly the limit", () => {
      const parser = limited(12);
      // "12345\n" held as data (6) plus "data: " pending (6): 12, still allowed.
      parser.feed("data: 12345\ndata: ");
      expect(() => parser.feed("x")).toThrow(ProtocolError);
    });

    it("holds only one event at a time: many events within the limit each pass", () => {
      const parser = limited(16);
      for (let index = 0; index < 100; index++) {
        parser.feed("data: 123456789\n\n");
      }
      expect(events.length).toBe(100);
    });

    it("defaults to 32 Mi characters", () => {
      expect(DEFAULT_MAX_BUFFER_LENGTH).toBe(32 * 1024 * 1024);
      const parser = new SseParser({ onEvent: () => undefined });
      const mebi = "x".repeat(1024 * 1024);
      parser.feed("data: ");
      for (let chunk = 1; chunk < 32; chunk++) {
        parser.feed(mebi);
      }
      expect(() => parser.feed(mebi)).toThrow(ProtocolError);
    });

    it("rejects a limit that is not a positive integer", () => {
      expect(() => limited(0)).toThrow(RangeError);
      expect(() => limited(1.5)).toThrow(/1.5/);
    });
  });

  it("gives the same events for every split of a recorded body into two pieces", () => {
    const whole = parse(RECORDED);
    expect(whole.events).toEqual(RECORDED_EVENTS);
    expect(whole.retries).toEqual([3000]);
    for (let split = 0; split <= RECORDED.length; split++) {
      const parsed = parse(RECORDED.slice(0, split), RECORDED.slice(split));
      expect(parsed, `split at ${split}`).toEqual(whole);
    }
  });

  it("gives the same events for every split into three pieces", () => {
    const whole = parse(RECORDED);
    for (let first = 0; first <= RECORDED.length; first++) {
      for (let second = first; second <= RECORDED.length; second++) {
        const parsed = parse(RECORDED.slice(0, first), RECORDED.slice(first, second), RECORDED.slice(second));
        if (parsed.events.length !== whole.events.length || JSON.stringify(parsed) !== JSON.stringify(whole)) {
          expect(parsed, `splits at ${first} and ${second}`).toEqual(whole);
        }
      }
    }
  });

  it("gives the same events fed one character at a time", () => {
    expect(parse(...RECORDED)).toEqual(parse(RECORDED));
  });
});
