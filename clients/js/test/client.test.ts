import { afterEach, describe, expect, it, vi } from "vitest";
import { streamStructured, type StreamStructuredOptions } from "../src/client.js";
import { HttpError, IncompleteStreamError, ProtocolError, StreamError } from "../src/errors.js";
import { fakeFetch, fetchAnswering, fetchReturning, settle } from "./support/fake-fetch.js";
import { encodeDelta, encodeSnapshot, type ServerStep } from "./support/reference-server.js";
import { partialSnapshots, wordTokens } from "./support/token-stream.js";

interface Idea {
  title: string;
  blurb: string;
}

const FINAL: Idea[] = [
  { title: "Note Ninja", blurb: "Capture ideas at the speed of thought" },
  { title: "Thïnk Ink ✍️", blurb: "Where messy thoughts become organized plans" },
];
const PARTIALS = [...partialSnapshots(FINAL, wordTokens)];
const STEPS: ServerStep[] = [...PARTIALS.map((value) => ({ kind: "partial" as const, value })), { kind: "done", value: FINAL }];
const SNAPSHOT_BODY = encodeSnapshot(STEPS);
const DELTA_BODY = encodeDelta(STEPS);
const DELTA_HEADERS = { "X-Instructor-Format": "delta" };

/** What one call saw through its callbacks, in order. */
interface Recording {
  calls: unknown[][];
  options: StreamStructuredOptions<Idea[]>;
}

function recording(overrides: Partial<StreamStructuredOptions<Idea[]>> = {}): Recording {
  const calls: unknown[][] = [];
  return {
    calls,
    options: {
      url: "http://localhost/ideas",
      body: { topic: "notes" },
      onPartial: (value) => calls.push(["partial", value]),
      onDone: (value) => calls.push(["done", value]),
      onError: (error) => calls.push(["error", error]),
      onRestart: (attempt, reason) => calls.push(["restart", attempt, reason]),
      ...overrides,
    },
  };
}

const expectedCalls = (partials: unknown[], final: unknown): unknown[][] => [
  ...partials.map((value) => ["partial", value]),
  ["done", final],
];

function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

afterEach(() => {
  vi.useRealTimers();
});

describe("streamStructured", () => {
  it("posts the body as JSON and asks for an event stream", async () => {
    const fake = fetchReturning([SNAPSHOT_BODY]);
    const { options } = recording({ fetch: fake.fetch, headers: { Authorization: "Bearer t" } });
    await streamStructured(options);
    const [request] = fake.requests;
    expect(request?.url).toBe("http://localhost/ideas");
    expect(request?.init.method).toBe("POST");
    expect(request?.headers.get("Content-Type")).toBe("application/json");
    expect(request?.headers.get("Accept")).toBe("text/event-stream");
    expect(request?.headers.get("Authorization")).toBe("Bearer t");
    expect(request?.body).toEqual({ topic: "notes" });
  });

  it("lets a caller's header replace a default whatever its letter case", async () => {
    const fake = fetchReturning([SNAPSHOT_BODY]);
    const headers = { "content-type": "application/json; charset=utf-8", ACCEPT: "text/event-stream; format=snapshot" };
    await streamStructured(recording({ fetch: fake.fetch, headers }).options);
    const sent = fake.requests[0]?.headers;
    expect(sent?.get("Content-Type")).toBe("application/json; charset=utf-8");
    expect(sent?.get("Accept")).toBe("text/event-stream; format=snapshot");
  });

  it("asks for the delta format in the Accept header", async () => {
    const fake = fetchReturning([DELTA_BODY], { headers: DELTA_HEADERS });
    await streamStructured({ ...recording({ fetch: fake.fetch }).options, format: "delta" });
    expect(fake.requests[0]?.headers.get("Accept")).toBe("text/event-stream; format=delta");
  });

  it("passes every snapshot partial on and resolves with the final value", async () => {
    const { calls, options } = recording({ fetch: fetchReturning([SNAPSHOT_BODY]).fetch });
    await expect(streamStructured(options)).resolves.toEqual(FINAL);
    expect(calls).toEqual(expectedCalls(PARTIALS, FINAL));
  });

  it("rebuilds from delta patches exactly the partials the snapshot format sends", async () => {
    const { calls, options } = recording({ fetch: fetchReturning([DELTA_BODY], { headers: DELTA_HEADERS }).fetch, format: "delta" });
    await expect(streamStructured(options)).resolves.toEqual(FINAL);
    expect(calls).toEqual(expectedCalls(PARTIALS, FINAL));
  });

  it("rebuilds paced delta patches as the same paced snapshots", async () => {
    const snapshot = recording({ fetch: fetchReturning([encodeSnapshot(STEPS, 3)]).fetch });
    const delta = recording({ fetch: fetchReturning([encodeDelta(STEPS, 3)], { headers: DELTA_HEADERS }).fetch, format: "delta" });
    await streamStructured(snapshot.options);
    await streamStructured(delta.options);
    expect(delta.calls).toEqual(snapshot.calls);
    expect(delta.calls.length).toBeLessThan(PARTIALS.length / 2);
  });

  it("follows the format the response announces, not the one it asked for", async () => {
    const { calls, options } = recording({ fetch: fetchReturning([SNAPSHOT_BODY]).fetch, format: "delta" });
    await streamStructured(options);
    expect(calls).toEqual(expectedCalls(PARTIALS, FINAL));
  });

  it.each([
    ["snapshot", SNAPSHOT_BODY, {}],
    ["delta", DELTA_BODY, DELTA_HEADERS],
  ])("gives the same callbacks for every split of the %s body's bytes", async (_format, body, headers) => {
    // The body mixes in CRLF line ends and multi-byte characters, so some splits fall inside a
    // CRLF and some inside a UTF-8 sequence.
    const bytes = utf8(body.replace(/\n\n/g, "\r\n\r\n"));
    const whole = recording({ fetch: fetchReturning([bytes], { headers }).fetch });
    await streamStructured(whole.options);
    expect(whole.calls).toEqual(expectedCalls(PARTIALS, FINAL));
    for (let split = 1; split < bytes.length; split++) {
      const { calls, options } = recording({ fetch: fetchReturning([bytes.slice(0, split), bytes.slice(split)], { headers }).fetch });
      await streamStructured(options);
      expect(calls, `split at byte ${split}`).toEqual(whole.calls);
    }
    // Hundreds of whole streams: under a second alone, but past the 5 s default on a machine busy with a build.
  }, 30_000);

  it("decodes a character whose UTF-8 bytes arrive one chunk each", async () => {
    const bytes = utf8('data: "😀"\n\nevent: done\ndata: "ü"\n\n');
    const chunks = Array.from(bytes, (byte) => Uint8Array.of(byte));
    const { calls, options } = recording({ fetch: fetchReturning(chunks).fetch });
    await streamStructured(options);
    expect(calls).toEqual(expectedCalls(["😀"], "ü"));
  });

  describe("byte order marks", () => {
    const BOM = [0xef, 0xbb, 0xbf];
    const EVENTS = utf8('data: {"a":1}\n\nevent: done\ndata: {"a":2}\n\n');

    /** Every way to deliver `body`: whole, in two chunks split at each byte, and one byte a chunk. */
    function deliveries(body: Uint8Array): [string, Uint8Array[]][] {
      const ways: [string, Uint8Array[]][] = [["whole", [body]]];
      for (let split = 1; split < body.length; split++) {
        ways.push([`split at byte ${split}`, [body.slice(0, split), body.slice(split)]]);
      }
      ways.push(["one byte a chunk", Array.from(body, (byte) => Uint8Array.of(byte))]);
      return ways;
    }

    it("drops one at the start of the body, however the bytes are split", async () => {
      for (const [how, chunks] of deliveries(new Uint8Array([...BOM, ...EVENTS]))) {
        const { calls, options } = recording({ fetch: fetchReturning(chunks).fetch });
        await streamStructured(options);
        expect(calls, how).toEqual(expectedCalls([{ a: 1 }], { a: 2 }));
      }
    });

    it("drops only the first of two, as EventSource does, however the bytes are split", async () => {
      // The second one starts the first field's name, "\ufeffdata", which is unknown: the
      // first event has no data and is not dispatched. Losing both would deliver it.
      for (const [how, chunks] of deliveries(new Uint8Array([...BOM, ...BOM, ...EVENTS]))) {
        const { calls, options } = recording({ fetch: fetchReturning(chunks).fetch });
        await streamStructured(options);
        expect(calls, how).toEqual([["done", { a: 2 }]]);
      }
    });

    it("keeps one that is not at the very start", async () => {
      const body = new Uint8Array([...utf8("data: {\"a\":0}\n\n"), ...BOM, ...EVENTS]);
      for (const [how, chunks] of deliveries(body)) {
        const { calls, options } = recording({ fetch: fetchReturning(chunks).fetch });
        await streamStructured(options);
        expect(calls, how).toEqual(expectedCalls([{ a: 0 }], { a: 2 }));
      }
    });
  });

  it("skips comments, ids and event types it does not know", async () => {
    const body = ': ping\n\nid: 1\ndata: {"a":1}\n\nevent: usage\ndata: {"tokens":3}\n\n: ping\n\nid: 2\nevent: done\ndata: {"a":2}\n\n';
    const { calls, options } = recording({ fetch: fetchReturning([body]).fetch });
    await streamStructured(options);
    expect(calls).toEqual(expectedCalls([{ a: 1 }], { a: 2 }));
  });

  it("stops reading at done and ignores anything after it", async () => {
    const fake = fakeFetch();
    const { calls, options } = recording({ fetch: fake.fetch });
    fake.body.push('event: done\ndata: {"a":1}\n\ndata: {"a":2}\n\n');
    await expect(streamStructured(options)).resolves.toEqual({ a: 1 });
    expect(calls).toEqual([["done", { a: 1 }]]);
    expect(fake.body.cancelled).toBe(true);
  });

  describe("errors", () => {
    it("rejects with HttpError carrying the parsed JSON body of a 400", async () => {
      const body = JSON.stringify({ error: "count must be at most 20", field: "count" });
      const { calls, options } = recording({ fetch: fetchAnswering(400, body, { "Content-Type": "application/json" }) });
      const error = await streamStructured(options).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(HttpError);
      expect(error).toMatchObject({
        status: 400,
        message: "count must be at most 20",
        field: "count",
        body: { error: "count must be at most 20", field: "count" },
      });
      expect(calls).toEqual([["error", error]]);
    });

    it("rejects with HttpError carrying the headers and the Retry-After delay of a 429", async () => {
      const body = JSON.stringify({ error: "slow down" });
      const { options } = recording({
        fetch: fetchAnswering(429, body, { "Content-Type": "application/json", "Retry-After": "30", "X-Limit": "5" }),
      });
      const error = await streamStructured(options).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(HttpError);
      expect(error).toMatchObject({ status: 429, message: "slow down", retryAfterMs: 30_000 });
      expect((error as HttpError).headers.get("x-limit")).toBe("5");
    });

    it.each([
      ["an HTTP date", "Wed, 21 Oct 2015 07:28:30 GMT", 10_000],
      ["a past HTTP date", "Wed, 21 Oct 2015 07:28:00 GMT", 0],
      ["no header", null, undefined],
      ["a negative number", "-5", undefined],
      ["a fraction", "1.5", undefined],
      ["an ISO date, not an HTTP date", "2015-10-21T07:28:30Z", undefined],
      ["garbage", "soon", undefined],
    ])("reads Retry-After given as %s", (_, value, expected) => {
      const headers = new Headers(value === null ? {} : { "Retry-After": value });
      const now = Date.parse("Wed, 21 Oct 2015 07:28:20 GMT");
      expect(new HttpError(503, "", "", headers, now).retryAfterMs).toBe(expected);
    });

    it("rejects with HttpError for a 204, the server's refusal to resume a stream, not a ProtocolError", async () => {
      // instructor-java answers 204 to a request carrying Last-Event-ID: a stream cannot be resumed, and
      // an EventSource stops reconnecting on a 204. A caller that retries with that header gets it here.
      const noContent = (async () => new Response(null, { status: 204, statusText: "No Content" })) as typeof fetch;
      const { calls, options } = recording({ fetch: noContent, headers: { "Last-Event-ID": "0" } });
      const error = await streamStructured(options).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(HttpError);
      expect((error as HttpError).status).toBe(204);
      expect((error as Error).message).toMatch(/204 No Content.*resume/);
      expect(calls).toEqual([["error", error]]);
    });

    it("reads at most 64 KiB of an error body and closes the rest, however long it goes on", async () => {
      // A proxy's error page that never ends (or a huge one) must not fill the page's memory.
      const fake = fakeFetch({ status: 502, headers: { "Content-Type": "text/html" } });
      const { options } = recording({ fetch: fake.fetch });
      const result = streamStructured(options).catch((caught: unknown) => caught);
      let pushed = 0;
      while (pushed < 4 * 1024 * 1024 && fake.body.push("x".repeat(16 * 1024))) {
        pushed += 16 * 1024;
        await settle();
        if (fake.body.cancelled) {
          break;
        }
      }
      const error = await result;
      expect(error).toBeInstanceOf(HttpError);
      expect((error as HttpError).status).toBe(502);
      expect((error as HttpError).body).toBe("x".repeat(64 * 1024));
      expect(fake.body.cancelled).toBe(true);
    });

    it("rejects with HttpError carrying the text read before the error body failed", async () => {
      // The connection drops partway: what was read still tells the caller what went wrong.
      const body = new ReadableStream<Uint8Array>({
        start: (controller) => {
          controller.enqueue(new TextEncoder().encode("<html>Bad gat"));
        },
        pull: (controller) => controller.error(new TypeError("network error")),
      });
      const { options } = recording({ fetch: (async () => new Response(body, { status: 502 })) as typeof fetch });
      const error = await streamStructured(options).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(HttpError);
      expect(error).toMatchObject({ status: 502, body: "<html>Bad gat" });
    });

    it("rejects with HttpError carrying the text of a non-JSON error body", async () => {
      const { options } = recording({ fetch: fetchAnswering(502, "<html>Bad gateway</html>") });
      const error = await streamStructured(options).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(HttpError);
      expect(error).toMatchObject({ status: 502, body: "<html>Bad gateway</html>", field: undefined, message: "HTTP 502" });
    });

    it("rejects with StreamError after passing on the partials before the error event", async () => {
      const body = 'data: {"a":1}\n\nevent: error\ndata: {"error":"validation failed","type":"validation","attempt":3}\n\n';
      const { calls, options } = recording({ fetch: fetchReturning([body]).fetch });
      const error = await streamStructured(options).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(StreamError);
      expect(error).toMatchObject({ message: "validation failed", type: "validation", attempt: 3 });
      expect((error as StreamError).data).toEqual({ error: "validation failed", type: "validation", attempt: 3 });
      expect(calls).toEqual([["partial", { a: 1 }], ["error", error]]);
    });

    it("reads a validation error's violations, leaving out entries that are not path and message", async () => {
      const data = {
        error: "all 3 attempts failed validation",
        type: "validation",
        attempt: 3,
        violations: [
          { path: "/0/blurb", message: "size must be between 0 and 140" },
          { path: 7, message: "not a pointer" },
          "neither",
          { path: "", message: "size must be between 1 and 3" },
        ],
      };
      const body = `event: error\ndata: ${JSON.stringify(data)}\n\n`;
      const { options } = recording({ fetch: fetchReturning([body]).fetch });
      const error = await streamStructured(options).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(StreamError);
      expect((error as StreamError).violations).toEqual([
        { path: "/0/blurb", message: "size must be between 0 and 140" },
        { path: "", message: "size must be between 1 and 3" },
      ]);
    });

    it("gives an error event without violations an empty list", async () => {
      const body = 'event: error\ndata: {"error":"upstream timeout","type":"timeout","attempt":1}\n\n';
      const { options } = recording({ fetch: fetchReturning([body]).fetch });
      const error = await streamStructured(options).catch((caught: unknown) => caught);
      expect((error as StreamError).violations).toEqual([]);
    });

    it("reports an error event whose data is not JSON with its text", async () => {
      const { options } = recording({ fetch: fetchReturning(["event: error\ndata: upstream timeout\n\n"]).fetch });
      await expect(streamStructured(options)).rejects.toMatchObject({ name: "StreamError", message: "upstream timeout" });
    });

    it("rejects with IncompleteStreamError when the body ends before done", async () => {
      const body = 'data: {"a":1}\n\nevent: done\ndata: {"a":2}\n';
      const { calls, options } = recording({ fetch: fetchReturning([body]).fetch });
      const error = await streamStructured(options).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(IncompleteStreamError);
      // The done event was not closed by a blank line, so it never counts.
      expect(calls).toEqual([["partial", { a: 1 }], ["error", error]]);
    });

    it("rejects with IncompleteStreamError when the connection is cut mid-body, after the held partial", async () => {
      // A cut connection rejects the body's read (Chromium: "network error"; Node: "terminated") rather
      // than end it: still an incomplete stream, not a failure to fetch.
      vi.useFakeTimers();
      const fake = fakeFetch();
      const { calls, options } = recording({ fetch: fake.fetch, throttleMs: 5000 });
      const result = streamStructured(options).catch((caught: unknown) => caught);
      fake.body.push('data: {"a":1}\n\ndata: {"a":2}\n\nevent: done\ndata: {"a":');
      await vi.advanceTimersByTimeAsync(50);
      const cut = new TypeError("network error");
      fake.body.fail(cut);
      const error = await result;
      expect(error).toBeInstanceOf(IncompleteStreamError);
      expect((error as IncompleteStreamError).cause).toBe(cut);
      expect(calls).toEqual([["partial", { a: 1 }], ["partial", { a: 2 }], ["error", error]]);
    });

    it("rejects with ProtocolError naming the event whose data is not JSON", async () => {
      const fake = fetchReturning(['data: {"a":1}\n\ndata: {"a":\n\n']);
      const { calls, options } = recording({ fetch: fake.fetch });
      const error = await streamStructured(options).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ProtocolError);
      expect((error as ProtocolError).event?.data).toBe('{"a":');
      expect((error as ProtocolError).cause).toBeInstanceOf(SyntaxError);
      expect(calls).toEqual([["partial", { a: 1 }], ["error", error]]);
    });

    it("rejects with ProtocolError for a delta patch that does not fit the value", async () => {
      const body = 'data:{"p":"","v":[]}\n\ndata:{"p":"/5","v":1}\n\n';
      const { options } = recording({ fetch: fetchReturning([body], { headers: DELTA_HEADERS }).fetch, format: "delta" });
      await expect(streamStructured(options)).rejects.toMatchObject({ name: "ProtocolError", event: { data: '{"p":"/5","v":1}' } });
    });

    it("rejects with ProtocolError and closes the body when an event never ends", async () => {
      const fake = fakeFetch();
      const { calls, options } = recording({ fetch: fake.fetch });
      const result = streamStructured(options).catch((caught: unknown) => caught);
      const mebi = "x".repeat(1024 * 1024);
      fake.body.push("data: ");
      for (let chunk = 0; chunk < 33 && fake.body.push(mebi); chunk++) {
        await settle();
      }
      const error = await result;
      expect(error).toBeInstanceOf(ProtocolError);
      expect(calls).toEqual([["error", error]]);
      expect(fake.body.cancelled).toBe(true);
    });

    it("rejects with ProtocolError past the caller's maxBufferLength", async () => {
      const body = "data: " + "x".repeat(200) + "\n\n";
      const { calls, options } = recording({ fetch: fetchReturning([body]).fetch, maxBufferLength: 100 });
      const error = await streamStructured(options).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ProtocolError);
      expect(calls).toEqual([["error", error]]);

      const { options: roomy } = recording({ fetch: fetchReturning(['data: {"n":1}\n\n', "event: done\ndata: 1\n\n"]).fetch, maxBufferLength: 100 });
      await expect(streamStructured(roomy)).resolves.toBe(1);
    });

    it("ignores what follows done, however long, rather than count it against maxBufferLength", async () => {
      const trailing = "data: " + "x".repeat(200);
      const { calls, options } = recording({ fetch: fetchReturning(["event: done\ndata: 1\n\n" + trailing]).fetch, maxBufferLength: 100 });
      await expect(streamStructured(options)).resolves.toBe(1);
      expect(calls).toEqual([["done", 1]]);
    });

    it("rejects with ProtocolError when the response is not an event stream", async () => {
      const { options } = recording({ fetch: fetchAnswering(200, "<html></html>", { "Content-Type": "text/html" }) });
      await expect(streamStructured(options)).rejects.toThrow(ProtocolError);
    });

    it.each(["text/event-stream-v2", "text/event-stream+json", "text/event-streaming"])(
      "rejects with ProtocolError a media type that only starts like an event stream: %s",
      async (contentType) => {
        const { options } = recording({ fetch: fetchAnswering(200, "data: 1\n\n", { "Content-Type": contentType }) });
        await expect(streamStructured(options)).rejects.toThrow(ProtocolError);
      },
    );

    it.each(["text/event-stream", "Text/Event-Stream; charset=utf-8", "text/event-stream ;charset=utf-8"])(
      "takes %s for an event stream",
      async (contentType) => {
        const { options } = recording({ fetch: fetchAnswering(200, "event: done\ndata: 1\n\n", { "Content-Type": contentType }) });
        await expect(streamStructured(options)).resolves.toBe(1);
      },
    );

    it("rejects with ProtocolError when delta was asked of another origin that hides the format", async () => {
      const crossOrigin = (async () => {
        const response = new Response(DELTA_BODY, { headers: { "Content-Type": "text/event-stream" } });
        // What a browser reports for a cross-origin response whose headers were not exposed.
        Object.defineProperty(response, "type", { value: "cors" });
        return response;
      }) as typeof fetch;
      const { calls, options } = recording({ fetch: crossOrigin, format: "delta" });
      const error = await streamStructured(options).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ProtocolError);
      expect((error as Error).message).toMatch(/Access-Control-Expose-Headers/);
      expect(calls).toEqual([["error", error]]);
    });

    it.each([
      ["the URL's format parameter", { url: "https://api.example.com/ideas?topic=x&format=delta" }],
      // The server compares the query's format value without regard to case, as Accept's.
      ["the URL's format parameter in capitals", { url: "https://api.example.com/ideas?format=DELTA" }],
      ["the caller's Accept header", { headers: { accept: "text/event-stream; format=delta" } }],
      // A q outside RFC 9110's grammar counts as 1 on the server, as if absent.
      ["an Accept whose q the server reads as 1", { headers: { accept: "text/event-stream; format=delta; q=-0" } }],
      // The server compares Accept's format values without regard to case.
      ["an Accept whose format value is in capitals", { headers: { accept: "text/event-stream; format=DELTA" } }],
      // A backslash in a quoted string escapes the character after it, as the server reads it.
      ["an Accept whose quoted format value holds a quoted-pair", { headers: { accept: 'text/event-stream; format="d\\elta"' } }],
      ["an Accept whose q has four decimals", { headers: { accept: "text/event-stream;q=0.5, text/event-stream;format=delta;q=0.0001" } }],
    ])("rejects with ProtocolError when delta was asked by %s of another origin that hides the format", async (_how, asked) => {
      // The server reads the format from the query or Accept too, so it sent patches: taking the
      // response for snapshots would show raw ops as partials.
      const crossOrigin = (async () => {
        const response = new Response(DELTA_BODY, { headers: { "Content-Type": "text/event-stream" } });
        Object.defineProperty(response, "type", { value: "cors" });
        return response;
      }) as typeof fetch;
      const { calls, options } = recording({ fetch: crossOrigin, ...asked });
      const error = await streamStructured(options).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ProtocolError);
      expect(calls).toEqual([["error", error]]);
    });

    it.each([
      ["the URL asks for snapshot, whatever the option says", { format: "delta", url: "https://api.example.com/ideas?format=snapshot" }],
      ["the URL asks for snapshot in capitals", { format: "delta", url: "https://api.example.com/ideas?format=SNAPSHOT" }],
      ["Accept's format value is not delta's spelling", { headers: { Accept: "text/event-stream; format=deltas" } }],
      ["Accept prefers a snapshot range", { headers: { Accept: "text/event-stream; format=delta; q=0.5, text/event-stream" } }],
      ["Accept names delta on another type", { headers: { Accept: "application/json; format=delta, text/event-stream" } }],
      // The most specific range decides each format: text/* gives the snapshot 0.9, over delta's 0.5.
      ["a text/* range gives the snapshot a higher q", { headers: { Accept: "text/event-stream; format=delta; q=0.5, text/*; q=0.9" } }],
      ["Accept's quoted format value ends in an escaped quote", { headers: { Accept: 'text/event-stream; format="delta\\""' } }],
      ["a quoted comma hides a delta range", { headers: { Accept: 'text/event-stream; x="a, text/event-stream; format=delta"' } }],
    ] as const)("takes a hidden format for snapshot when %s", async (_why, asked) => {
      const crossOrigin = (async () => {
        const response = new Response(SNAPSHOT_BODY, { headers: { "Content-Type": "text/event-stream" } });
        Object.defineProperty(response, "type", { value: "cors" });
        return response;
      }) as typeof fetch;
      const { calls, options } = recording({ fetch: crossOrigin, ...asked });
      await expect(streamStructured(options)).resolves.toEqual(FINAL);
      expect(calls).toEqual(expectedCalls(PARTIALS, FINAL));
    });

    it("streams from any URL its fetch takes, even one the URL parser refuses", async () => {
      // A custom fetch may route names of its own; only a hidden format header needs the query.
      const { calls, options } = recording({ fetch: fetchReturning([SNAPSHOT_BODY], { headers: { "X-Instructor-Format": "snapshot" } }).fetch, url: "ideas://local host/?x" });
      await expect(streamStructured(options)).resolves.toEqual(FINAL);
      expect(calls).toEqual(expectedCalls(PARTIALS, FINAL));
    });

    it("rejects with ProtocolError for an unknown announced format and closes the body", async () => {
      const fake = fakeFetch({ headers: { "X-Instructor-Format": "msgpack" } });
      const { options } = recording({ fetch: fake.fetch });
      await expect(streamStructured(options)).rejects.toThrow(/msgpack/);
      expect(fake.body.cancelled).toBe(true);
    });

    it("rejects with IncompleteStreamError when the body stays silent past the idle timeout", async () => {
      vi.useFakeTimers();
      const fake = fakeFetch({ honoursSignal: false });
      const { calls, options } = recording({ fetch: fake.fetch, idleTimeoutMs: 1000 });
      const result = streamStructured(options).catch((caught: unknown) => caught);
      // Heartbeats count as data: 2.5 s of them keep the stream alive.
      for (let tick = 0; tick < 5; tick++) {
        fake.body.push(": ping\n\n");
        await vi.advanceTimersByTimeAsync(500);
      }
      fake.body.push('data: {"a":1}\n\ndata: {"a":');
      await vi.advanceTimersByTimeAsync(999);
      expect(calls).toEqual([["partial", { a: 1 }]]);
      await vi.advanceTimersByTimeAsync(1);
      const error = await result;
      expect(error).toBeInstanceOf(IncompleteStreamError);
      expect((error as Error).message).toMatch(/No data for 1000 ms/);
      expect(calls).toEqual([["partial", { a: 1 }], ["error", error]]);
      expect(fake.body.cancelled).toBe(true);
    });

    it.each([
      ["rejects on abort", true],
      ["ignores its signal", false],
    ])("rejects with IncompleteStreamError when the headers never come and fetch %s", async (_name, honoursSignal) => {
      vi.useFakeTimers();
      let requestSignal: AbortSignal | undefined;
      const hanging = ((_input: RequestInfo | URL, init: RequestInit = {}) =>
        new Promise<Response>((_resolve, reject) => {
          requestSignal = init.signal ?? undefined;
          if (honoursSignal) {
            // As older fetch implementations do: their own AbortError, not the signal's reason.
            init.signal?.addEventListener("abort", () => reject(new DOMException("The operation was aborted", "AbortError")));
          }
        })) as typeof fetch;
      const { calls, options } = recording({ fetch: hanging, idleTimeoutMs: 1000 });
      const result = streamStructured(options).catch((caught: unknown) => caught);
      await vi.advanceTimersByTimeAsync(999);
      expect(calls).toEqual([]);
      await vi.advanceTimersByTimeAsync(1);
      const error = await result;
      expect(error).toBeInstanceOf(IncompleteStreamError);
      expect((error as Error).message).toMatch(/No data for 1000 ms/);
      expect(calls).toEqual([["error", error]]);
      // The request itself is aborted, so the connection closes.
      expect(requestSignal?.aborted).toBe(true);
    });

    it("rejects with IncompleteStreamError when the body of an error response never ends", async () => {
      vi.useFakeTimers();
      const stalled = (async () =>
        new Response(new ReadableStream({ start: (body) => body.enqueue(new TextEncoder().encode('{"err')) }), { status: 500 })) as typeof fetch;
      const { calls, options } = recording({ fetch: stalled, idleTimeoutMs: 1000 });
      const result = streamStructured(options).catch((caught: unknown) => caught);
      await vi.advanceTimersByTimeAsync(1000);
      const error = await result;
      expect(error).toBeInstanceOf(IncompleteStreamError);
      expect(calls).toEqual([["error", error]]);
    });

    it("rejects with HttpError for an error body that arrives slowly but never pauses past the idle timeout", async () => {
      vi.useFakeTimers();
      const fake = fakeFetch({ status: 500, headers: { "Content-Type": "application/json" } });
      const { calls, options } = recording({ fetch: fake.fetch, idleTimeoutMs: 1000 });
      const result = streamStructured(options).catch((caught: unknown) => caught);
      for (const piece of ['{"err', 'or":"the model', ' is down"', "}"]) {
        await vi.advanceTimersByTimeAsync(600);
        fake.body.push(piece);
      }
      if (!fake.body.cancelled) {
        fake.body.close();
      }
      await vi.advanceTimersByTimeAsync(0);
      const error = await result;
      expect(error).toBeInstanceOf(HttpError);
      expect((error as HttpError).body).toEqual({ error: "the model is down" });
      expect(calls).toEqual([["error", error]]);
    });

    it("keeps the caller's abort an abort while the headers are awaited", async () => {
      vi.useFakeTimers();
      const hanging = (() => new Promise<Response>(() => undefined)) as typeof fetch;
      const controller = new AbortController();
      const { calls, options } = recording({ fetch: hanging, idleTimeoutMs: 1000, signal: controller.signal });
      const result = streamStructured(options).catch((caught: unknown) => caught);
      await vi.advanceTimersByTimeAsync(500);
      controller.abort();
      const error = await result;
      expect((error as DOMException).name).toBe("AbortError");
      await vi.advanceTimersByTimeAsync(1000);
      expect(calls).toEqual([]);
    });

    it("passes on the held partial when the idle timeout ends the stream", async () => {
      vi.useFakeTimers();
      const fake = fakeFetch();
      const { calls, options } = recording({ fetch: fake.fetch, idleTimeoutMs: 1000, throttleMs: 5000 });
      const result = streamStructured(options).catch((caught: unknown) => caught);
      fake.body.push('data: {"a":1}\n\ndata: {"a":2}\n\n');
      await vi.advanceTimersByTimeAsync(50);
      expect(calls).toEqual([["partial", { a: 1 }]]);
      await vi.advanceTimersByTimeAsync(2000);
      const error = await result;
      expect(error).toBeInstanceOf(IncompleteStreamError);
      expect(calls).toEqual([["partial", { a: 1 }], ["partial", { a: 2 }], ["error", error]]);
    });

    it("passes a network failure through as fetch's own error", async () => {
      const failure = new TypeError("Failed to fetch");
      const { calls, options } = recording({ fetch: (() => Promise.reject(failure)) as typeof fetch });
      await expect(streamStructured(options)).rejects.toBe(failure);
      expect(calls).toEqual([["error", failure]]);
    });
  });

  describe("abort", () => {
    it.each([true, false])("stops mid-stream with the signal's AbortError (fetch honours signal: %s)", async (honoursSignal) => {
      const fake = fakeFetch({ honoursSignal });
      const controller = new AbortController();
      const { calls, options } = recording({ fetch: fake.fetch, signal: controller.signal });
      const result = streamStructured(options).catch((caught: unknown) => caught);
      fake.body.push('data: {"a":1}\n\n');
      await settle();
      controller.abort();
      // The body is closed: the server's next write fails, which is how it learns to stop the model.
      expect(fake.body.push('event: done\ndata: {"a":2}\n\n')).toBe(false);
      const error = await result;
      expect(error).toBeInstanceOf(DOMException);
      expect((error as DOMException).name).toBe("AbortError");
      expect(calls).toEqual([["partial", { a: 1 }]]);
    });

    it("rejects with the signal's reason when aborted before the response", async () => {
      const controller = new AbortController();
      controller.abort(new Error("user left"));
      const { calls, options } = recording({ fetch: fakeFetch().fetch, signal: controller.signal });
      await expect(streamStructured(options)).rejects.toThrow("user left");
      expect(calls).toEqual([]);
    });

    it("drops a partial the throttle holds when aborted", async () => {
      vi.useFakeTimers();
      const fake = fakeFetch();
      const controller = new AbortController();
      const { calls, options } = recording({ fetch: fake.fetch, signal: controller.signal, throttleMs: 100 });
      const result = streamStructured(options).catch(() => undefined);
      fake.body.push('data: {"a":1}\n\ndata: {"a":2}\n\n');
      await vi.advanceTimersByTimeAsync(10);
      controller.abort();
      await vi.advanceTimersByTimeAsync(1000);
      await result;
      expect(calls).toEqual([["partial", { a: 1 }]]);
    });
  });

  describe("restart", () => {
    const firstTry = { title: "Bad", blurb: "too long" };
    const restartSteps: ServerStep[] = [
      { kind: "partial", value: [] },
      { kind: "partial", value: [firstTry] },
      { kind: "restart", attempt: 2, reason: "blurb: size must be at most 5" },
      { kind: "partial", value: [] },
      { kind: "partial", value: [{ title: "Ok" }] },
      { kind: "done", value: [{ title: "Ok", blurb: "" }] },
    ];
    const expectedRestartCalls = [
      ["partial", []],
      ["partial", [firstTry]],
      ["restart", 2, "blurb: size must be at most 5"],
      ["partial", []],
      ["partial", [{ title: "Ok" }]],
      ["done", [{ title: "Ok", blurb: "" }]],
    ];

    it("reports a restart between the attempts' partials in the snapshot format", async () => {
      const { calls, options } = recording({ fetch: fetchReturning([encodeSnapshot(restartSteps)]).fetch });
      await streamStructured(options);
      expect(calls).toEqual(expectedRestartCalls);
    });

    it("starts rebuilding from nothing after a restart in the delta format", async () => {
      const body = encodeDelta(restartSteps);
      expect(body).toContain('event: restart\ndata: {"attempt":2');
      const { calls, options } = recording({ fetch: fetchReturning([body], { headers: DELTA_HEADERS }).fetch, format: "delta" });
      await streamStructured(options);
      expect(calls).toEqual(expectedRestartCalls);
    });

    it("drops a held partial of the old attempt", async () => {
      vi.useFakeTimers();
      const fake = fakeFetch();
      const { calls, options } = recording({ fetch: fake.fetch, throttleMs: 100 });
      const result = streamStructured(options);
      fake.body.push('data: {"a":1}\n\ndata: {"a":2}\n\nevent: restart\ndata: {"attempt":2}\n\n');
      await vi.advanceTimersByTimeAsync(1000);
      fake.body.push('event: done\ndata: {"b":1}\n\n');
      await result;
      expect(calls).toEqual([["partial", { a: 1 }], ["restart", 2, undefined], ["done", { b: 1 }]]);
    });

    describe("of a re-ask that fails before its first partial", () => {
      const failingSteps: ServerStep[] = [
        { kind: "partial", value: [] },
        { kind: "partial", value: [firstTry] },
        { kind: "error", message: "The model provider failed.", type: "provider", attempt: 2 },
      ];

      it.each([
        ["snapshot", encodeSnapshot(failingSteps), {}],
        ["delta", encodeDelta(failingSteps), DELTA_HEADERS],
      ] as const)("reports the restart, then the error of that attempt, in the %s format", async (format, body, headers) => {
        expect(body).toContain('event: restart\ndata: {"attempt":2}\n\nevent: error\n');
        const { calls, options } = recording({ fetch: fetchReturning([body], { headers }).fetch, format });
        const error = await streamStructured(options).catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(StreamError);
        expect(error).toMatchObject({ message: "The model provider failed.", attempt: 2 });
        expect(calls).toEqual([["partial", []], ["partial", [firstTry]], ["restart", 2, undefined], ["error", error]]);
      });

      it("drops the old attempt's held partial rather than show it before the error", async () => {
        vi.useFakeTimers();
        const fake = fakeFetch();
        const { calls, options } = recording({ fetch: fake.fetch, throttleMs: 100 });
        const result = streamStructured(options).catch((caught: unknown) => caught);
        fake.body.push('data: {"a":1}\n\ndata: {"a":2}\n\nevent: restart\ndata: {"attempt":2}\n\n');
        fake.body.push('event: error\ndata: {"error":"boom","attempt":2}\n\n');
        const error = await result;
        await vi.advanceTimersByTimeAsync(1000);
        expect(calls).toEqual([["partial", { a: 1 }], ["restart", 2, undefined], ["error", error]]);
      });
    });

    it("rejects a restart without an attempt number", async () => {
      const { options } = recording({ fetch: fetchReturning(['event: restart\ndata: {"reason":"x"}\n\n']).fetch });
      await expect(streamStructured(options)).rejects.toThrow(ProtocolError);
    });

    it.each(["1", "0", "-2", "2.5", "1e400", '"2"', "null", "[2]"])(
      "rejects a restart whose attempt is %s, not an integer of at least 2, before calling onRestart",
      async (attempt) => {
        const { calls, options } = recording({
          fetch: fetchReturning([`data: {"a":1}\n\nevent: restart\ndata: {"attempt":${attempt}}\n\n`]).fetch,
        });
        const error = await streamStructured(options).catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(ProtocolError);
        expect((error as ProtocolError).event?.type).toBe("restart");
        expect(calls).toEqual([["partial", { a: 1 }], ["error", error]]);
      },
    );

    it("accepts a restart of any integer attempt from 2", async () => {
      const { calls, options } = recording({
        fetch: fetchReturning(['event: restart\ndata: {"attempt":2}\n\nevent: restart\ndata: {"attempt":12}\n\nevent: done\ndata: 1\n\n']).fetch,
      });
      await streamStructured(options);
      expect(calls).toEqual([["restart", 2, undefined], ["restart", 12, undefined], ["done", 1]]);
    });
  });

  describe("throttle", () => {
    it("passes on at most one partial per interval, the latest, and never delays done", async () => {
      vi.useFakeTimers();
      const fake = fakeFetch();
      const { calls, options } = recording({ fetch: fake.fetch, throttleMs: 100 });
      const result = streamStructured(options);
      for (let tick = 1; tick <= 25; tick++) {
        fake.body.push(`data: ${tick}\n\n`);
        await vi.advanceTimersByTimeAsync(10);
      }
      fake.body.push("event: done\ndata: 26\n\n");
      await vi.advanceTimersByTimeAsync(0);
      await expect(result).resolves.toBe(26);
      // Partials at 0, 100 and 200 ms; the one held at 250 ms is superseded by done.
      expect(calls).toEqual([["partial", 1], ["partial", 10], ["partial", 20], ["done", 26]]);
      await vi.advanceTimersByTimeAsync(1000);
      expect(calls).toHaveLength(4);
    });

    it("parses only the snapshots it passes on", async () => {
      vi.useFakeTimers();
      const parse = vi.spyOn(JSON, "parse");
      const fake = fakeFetch();
      const { calls, options } = recording({ fetch: fake.fetch, throttleMs: 100 });
      const result = streamStructured(options);
      // One chunk, so no time passes between the events: the first goes out, the rest are held.
      fake.body.push(Array.from({ length: 25 }, (_, index) => `data: {"n":${index + 1}}\n\n`).join(""));
      await vi.advanceTimersByTimeAsync(0);
      fake.body.push(Array.from({ length: 25 }, (_, index) => `data: {"n":${index + 26}}\n\n`).join(""));
      await vi.advanceTimersByTimeAsync(100);
      fake.body.push(Array.from({ length: 25 }, (_, index) => `data: {"n":${index + 51}}\n\n`).join(""));
      fake.body.push('event: done\ndata: {"n":76}\n\n');
      await expect(result).resolves.toEqual({ n: 76 });
      const parsedSnapshots = parse.mock.calls.filter(([text]) => typeof text === "string" && text.startsWith('{"n":'));
      parse.mockRestore();
      // The first partial, the latest held when the interval ended, and done; the 50 held after
      // it are superseded by done and never parsed.
      expect(calls).toEqual([["partial", { n: 1 }], ["partial", { n: 50 }], ["done", { n: 76 }]]);
      expect(parsedSnapshots.map(([text]) => text)).toEqual(['{"n":1}', '{"n":50}', '{"n":76}']);
    });

    it("applies every delta patch while it holds the partials", async () => {
      vi.useFakeTimers();
      const fake = fakeFetch({ headers: DELTA_HEADERS });
      const { calls, options } = recording({ fetch: fake.fetch, throttleMs: 100, format: "delta" });
      const result = streamStructured(options);
      fake.body.push('data:{"p":"","v":""}\n\ndata:{"p":"","a":"a"}\n\ndata:"b"\n\ndata:"c"\n\n');
      await vi.advanceTimersByTimeAsync(100);
      fake.body.push('event: done\ndata: "abc"\n\n');
      await result;
      expect(calls).toEqual([["partial", ""], ["partial", "abc"], ["done", "abc"]]);
    });

    it("rejects with ProtocolError when a held snapshot turns out not to be JSON", async () => {
      vi.useFakeTimers();
      const fake = fakeFetch();
      const { calls, options } = recording({ fetch: fake.fetch, throttleMs: 100 });
      const result = streamStructured(options).catch((caught: unknown) => caught);
      fake.body.push('data: 1\n\ndata: {"a":\n\n');
      await vi.advanceTimersByTimeAsync(100);
      const error = await result;
      expect(error).toBeInstanceOf(ProtocolError);
      expect((error as ProtocolError).event?.data).toBe('{"a":');
      expect(calls).toEqual([["partial", 1], ["error", error]]);
      // The request is closed: the server's next write fails.
      expect(fake.body.push("data: 2\n\n")).toBe(false);
    });

    it("passes on the held partial before an error", async () => {
      vi.useFakeTimers();
      const fake = fakeFetch();
      const { calls, options } = recording({ fetch: fake.fetch, throttleMs: 100 });
      const result = streamStructured(options).catch((caught: unknown) => caught);
      fake.body.push('data: 1\n\ndata: 2\n\nevent: error\ndata: {"error":"boom"}\n\n');
      const error = await result;
      expect(calls).toEqual([["partial", 1], ["partial", 2], ["error", error]]);
    });
  });

  describe("callbacks that throw", () => {
    /** Runs the timers and returns what a callback's exception, rethrown from its own task, was. */
    async function rethrownLater(): Promise<unknown> {
      return vi.advanceTimersByTimeAsync(1000).then(
        () => undefined,
        (caught: unknown) => caught,
      );
    }

    it.each([0, 100])("ends the stream with an exception from onPartial (throttleMs %i)", async (throttleMs) => {
      vi.useFakeTimers();
      const fake = fakeFetch();
      const bug = new Error("render failed");
      const { calls, options } = recording({ fetch: fake.fetch, throttleMs });
      options.onPartial = (value) => {
        calls.push(["partial", value]);
        throw bug;
      };
      const result = streamStructured(options).catch((caught: unknown) => caught);
      fake.body.push("data: 1\n\n");
      expect(await result).toBe(bug);
      expect(calls).toEqual([["partial", 1], ["error", bug]]);
      // The request is closed, so the server stops the model, and nothing more is called.
      expect(fake.body.push("data: 2\n\nevent: done\ndata: 2\n\n")).toBe(false);
      expect(await rethrownLater()).toBeUndefined();
      expect(calls).toHaveLength(2);
    });

    it("ends the stream with an exception from onPartial called later by the throttle", async () => {
      vi.useFakeTimers();
      const fake = fakeFetch();
      const bug = new Error("render failed");
      const { calls, options } = recording({ fetch: fake.fetch, throttleMs: 100 });
      options.onPartial = (value) => {
        calls.push(["partial", value]);
        if (value === (2 as unknown)) {
          throw bug;
        }
      };
      const result = streamStructured(options).catch((caught: unknown) => caught);
      // 1 goes out at once; 2 is held and passed on from the throttle's timer, which throws.
      fake.body.push("data: 1\n\ndata: 2\n\n");
      await vi.advanceTimersByTimeAsync(0);
      expect(calls).toEqual([["partial", 1]]);
      expect(await rethrownLater()).toBeUndefined(); // not an uncaught exception in the timer
      expect(await result).toBe(bug);
      expect(calls).toEqual([["partial", 1], ["partial", 2], ["error", bug]]);
      expect(fake.body.push("data: 3\n\nevent: done\ndata: 3\n\n")).toBe(false);
      expect(calls).toHaveLength(3);
    });

    it("ends the stream with an exception from onRestart", async () => {
      const bug = new Error("cannot clear");
      const { calls, options } = recording({
        fetch: fetchReturning(['data: 1\n\nevent: restart\ndata: {"attempt":2}\n\ndata: 2\n\nevent: done\ndata: 2\n\n']).fetch,
        onRestart: () => {
          throw bug;
        },
      });
      await expect(streamStructured(options)).rejects.toBe(bug);
      expect(calls).toEqual([["partial", 1], ["error", bug]]);
    });

    it.each([0, 100])(
      "keeps the stream done when onDone throws, and rethrows the exception on its own (throttleMs %i)",
      async (throttleMs) => {
        vi.useFakeTimers();
        const bug = new Error("save failed");
        const { calls, options } = recording({
          fetch: fetchReturning(["data: 1\n\nevent: done\ndata: 2\n\n"]).fetch,
          throttleMs,
        });
        options.onDone = (value) => {
          calls.push(["done", value]);
          throw bug;
        };
        await expect(streamStructured(options)).resolves.toBe(2);
        expect(calls).toEqual([["partial", 1], ["done", 2]]);
        expect(await rethrownLater()).toBe(bug);
      },
    );

    describe("from the last onPartial, passed on as the stream ends without done", () => {
      /** An onPartial that throws for the held partial 2, and what the call saw. */
      function throwingOnTwo(fetch: typeof globalThis.fetch, extra: Partial<StreamStructuredOptions<Idea[]>> = {}) {
        const bug = new Error("render failed");
        const { calls, options } = recording({ fetch, throttleMs: 10_000, ...extra });
        options.onPartial = (value) => {
          calls.push(["partial", value]);
          if (value === (2 as unknown)) {
            throw bug;
          }
        };
        return { bug, calls, options };
      }

      it("keeps the server's error as the outcome, and rethrows the exception on its own", async () => {
        vi.useFakeTimers();
        const { bug, calls, options } = throwingOnTwo(
          fetchReturning(['data: 1\n\ndata: 2\n\nevent: error\ndata: {"type":"validation","attempt":3}\n\n']).fetch,
        );
        const error = await streamStructured(options).catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(StreamError);
        expect(calls).toEqual([["partial", 1], ["partial", 2], ["error", error]]);
        expect(await rethrownLater()).toBe(bug);
      });

      it("keeps IncompleteStreamError as the outcome at the end of the body", async () => {
        vi.useFakeTimers();
        const { bug, calls, options } = throwingOnTwo(fetchReturning(["data: 1\n\ndata: 2\n\n"]).fetch);
        const error = await streamStructured(options).catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(IncompleteStreamError);
        expect(calls).toEqual([["partial", 1], ["partial", 2], ["error", error]]);
        expect(await rethrownLater()).toBe(bug);
      });

      it("keeps IncompleteStreamError as the outcome at the idle timeout, and loses no exception", async () => {
        vi.useFakeTimers();
        const fake = fakeFetch({ honoursSignal: false });
        const { bug, calls, options } = throwingOnTwo(fake.fetch, { idleTimeoutMs: 1000 });
        const result = streamStructured(options).catch((caught: unknown) => caught);
        fake.body.push("data: 1\n\ndata: 2\n\n");
        await vi.advanceTimersByTimeAsync(0);
        let rethrown: unknown;
        await vi.advanceTimersByTimeAsync(1000).catch((caught: unknown) => {
          rethrown = caught;
        });
        const error = await result;
        expect(error).toBeInstanceOf(IncompleteStreamError);
        expect(calls).toEqual([["partial", 1], ["partial", 2], ["error", error]]);
        expect(rethrown ?? (await rethrownLater())).toBe(bug);
        expect(fake.body.cancelled).toBe(true);
      });
    });

    it("still rejects with the stream's error when onError throws, and rethrows the exception on its own", async () => {
      vi.useFakeTimers();
      const bug = new Error("logging failed");
      const { calls, options } = recording({ fetch: fetchReturning(['event: error\ndata: {"error":"boom"}\n\n']).fetch });
      options.onError = (error) => {
        calls.push(["error", error]);
        throw bug;
      };
      const error = await streamStructured(options).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(StreamError);
      expect(calls).toEqual([["error", error]]);
      expect(await rethrownLater()).toBe(bug);
    });
  });
});
