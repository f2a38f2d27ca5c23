/**
 * A `fetch` stand-in whose response body the test writes chunk by chunk, recording the requests
 * it got and whether the client cancelled the body (what a server sees as a closed connection).
 */

/** One request the fake received. */
export interface RecordedRequest {
  readonly url: string;
  readonly init: RequestInit;
  readonly headers: Headers;
  readonly body: unknown;
}

/** The body of a response the test controls. */
export interface ControlledBody {
  /**
   * Sends the next chunk (text is UTF-8 encoded); false when the client has cancelled or
   * aborted the body, as a server's write fails on a closed connection.
   */
  push(chunk: string | Uint8Array): boolean;
  /** Ends the body normally. */
  close(): void;
  /**
   * Breaks the connection: the pending read rejects with `reason`, as a browser's does with
   * `TypeError: network error` (Node's with `TypeError: terminated`) when the connection is cut.
   */
  fail(reason: unknown): void;
  /** True once the client cancelled the body. */
  readonly cancelled: boolean;
}

/** Options of {@link fakeFetch}. */
export interface FakeResponseOptions {
  status?: number;
  headers?: Record<string, string>;
  /** When false, the fake ignores the abort signal, like a fetch that never wires it to the body. */
  honoursSignal?: boolean;
}

/** The fake and what it saw. */
export interface FakeFetch {
  readonly fetch: typeof fetch;
  readonly requests: RecordedRequest[];
  readonly body: ControlledBody;
}

const encoder = new TextEncoder();

/** Returns a fake whose single response is `text/event-stream` unless `headers` say otherwise. */
export function fakeFetch(options: FakeResponseOptions = {}): FakeFetch {
  const requests: RecordedRequest[] = [];
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let cancelled = false;
  const stream = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
    },
    cancel() {
      cancelled = true;
    },
  });
  const body: ControlledBody = {
    push: (chunk) => {
      try {
        controller.enqueue(typeof chunk === "string" ? encoder.encode(chunk) : chunk);
        return true;
      } catch {
        return false;
      }
    },
    close: () => controller.close(),
    fail: (reason) => controller.error(reason),
    get cancelled() {
      return cancelled;
    },
  };
  const fetchFunction = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const headers = new Headers(init.headers);
    requests.push({ url: String(input), init, headers, body: JSON.parse(String(init.body)) });
    const signal = init.signal;
    if (options.honoursSignal !== false && signal) {
      if (signal.aborted) {
        throw signal.reason;
      }
      // As browsers do: an abort errors the body stream, which rejects a pending read.
      signal.addEventListener("abort", () => {
        try {
          controller.error(signal.reason);
        } catch {
          // The body had already ended.
        }
      });
    }
    return new Response(stream, {
      status: options.status ?? 200,
      headers: { "Content-Type": "text/event-stream", ...options.headers },
    });
  };
  return { fetch: fetchFunction as typeof fetch, requests, body };
}

/** Returns a fake that answers every request with a complete body made of `chunks`. */
export function fetchReturning(chunks: readonly (string | Uint8Array)[], options: FakeResponseOptions = {}): FakeFetch {
  const fake = fakeFetch(options);
  for (const chunk of chunks) {
    fake.body.push(chunk);
  }
  fake.body.close();
  return fake;
}

/** Returns a fake that answers with a plain (not streamed) body and the given status. */
export function fetchAnswering(status: number, body: string, headers: Record<string, string> = {}): typeof fetch {
  return (async () => new Response(body, { status, headers })) as typeof fetch;
}

/** Waits until pending promise callbacks and stream reads have run. */
export async function settle(): Promise<void> {
  for (let round = 0; round < 10; round++) {
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
  }
}
