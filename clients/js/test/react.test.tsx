// @vitest-environment jsdom
import { act, cleanup, render, renderHook } from "@testing-library/react";
import { Activity, StrictMode, useEffect, useState, type ReactNode } from "react";
import { afterEach, describe, expect, expectTypeOf, it, vi } from "vitest";
import { IncompleteStreamError, StreamError } from "../src/errors.js";
import type { DeepPartial } from "../src/client.js";
import { DEFAULT_IDLE_TIMEOUT_MS, useStructuredStream, type StructuredStream, type UseStructuredStreamOptions } from "../src/react.js";
import { fakeFetch, fetchAnswering, fetchReturning, type FakeFetch } from "./support/fake-fetch.js";

interface Idea {
  title: string;
}

function renderStream(options: UseStructuredStreamOptions<Idea[]>) {
  return renderHook(() => useStructuredStream<Idea[]>("http://localhost/ideas", { throttleMs: 0, ...options }));
}

/** Lets the client read what the fake pushed and React apply the state updates. */
async function flush(): Promise<void> {
  await act(async () => {
    for (let round = 0; round < 10; round++) {
      await new Promise<void>((resolve) => setTimeout(resolve, 0));
    }
  });
}

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe("useStructuredStream", () => {
  it("shows partials while streaming, then the final value", async () => {
    const fake = fakeFetch();
    const { result } = renderStream({ fetch: fake.fetch });
    expect(result.current).toMatchObject({ value: undefined, isStreaming: false, error: undefined });

    let final: Promise<Idea[] | undefined> | undefined;
    act(() => {
      final = result.current.start({ topic: "notes" });
    });
    expect(result.current.isStreaming).toBe(true);
    fake.body.push('data: [{"title":"No"}]\n\n');
    await flush();
    expect(result.current.value).toEqual([{ title: "No" }]);
    expect(result.current.isStreaming).toBe(true);

    fake.body.push('event: done\ndata: [{"title":"Note"}]\n\n');
    await flush();
    expect(result.current).toMatchObject({ value: [{ title: "Note" }], isStreaming: false, error: undefined });
    await expect(final).resolves.toEqual([{ title: "Note" }]);
    expect(fake.requests[0]?.body).toEqual({ topic: "notes" });
  });

  it("sets error when the stream fails and keeps the last partial", async () => {
    const fake = fakeFetch();
    const onError = vi.fn();
    const { result } = renderStream({ fetch: fake.fetch, onError });
    let final: Promise<Idea[] | undefined> | undefined;
    act(() => {
      final = result.current.start();
    });
    fake.body.push('data: [{"title":"No"}]\n\nevent: error\ndata: {"error":"provider down"}\n\n');
    await flush();
    expect(result.current.error).toBeInstanceOf(StreamError);
    expect(result.current.error?.message).toBe("provider down");
    expect(result.current).toMatchObject({ value: [{ title: "No" }], isStreaming: false });
    expect(onError).toHaveBeenCalledWith(result.current.error);
    await expect(final).resolves.toBeUndefined();
  });

  it("sets error for a rejected request", async () => {
    const { result } = renderStream({ fetch: fetchAnswering(400, '{"error":"topic is empty","field":"topic"}') });
    await act(async () => {
      await result.current.start({ topic: "" });
    });
    expect(result.current.error).toMatchObject({ name: "HttpError", status: 400, field: "topic" });
    expect(result.current.isStreaming).toBe(false);
  });

  it("stop aborts the request and keeps the last value", async () => {
    const fake = fakeFetch();
    const { result } = renderStream({ fetch: fake.fetch });
    act(() => {
      void result.current.start();
    });
    fake.body.push('data: [{"title":"No"}]\n\n');
    await flush();
    act(() => result.current.stop());
    await flush();
    expect(fake.requests[0]?.init.signal?.aborted).toBe(true);
    expect(result.current).toMatchObject({ value: [{ title: "No" }], isStreaming: false, error: undefined });
    expect(fake.body.push('data: [{"title":"Nope"}]\n\n')).toBe(false);
  });

  it("start aborts the stream still running and shows only the new one", async () => {
    const fakes: FakeFetch[] = [fakeFetch(), fakeFetch()];
    let calls = 0;
    const fetchEach = ((input: RequestInfo | URL, init?: RequestInit) => (fakes[calls++] as FakeFetch).fetch(input, init)) as typeof fetch;
    const { result } = renderStream({ fetch: fetchEach });
    act(() => {
      void result.current.start({ n: 1 });
    });
    (fakes[0] as FakeFetch).body.push('data: [{"title":"first"}]\n\n');
    await flush();
    act(() => {
      void result.current.start({ n: 2 });
    });
    expect(result.current.value).toBeUndefined();
    await flush();
    expect((fakes[0] as FakeFetch).requests[0]?.init.signal?.aborted).toBe(true);
    (fakes[1] as FakeFetch).body.push('data: [{"title":"second"}]\n\n');
    await flush();
    expect(result.current).toMatchObject({ value: [{ title: "second" }], isStreaming: true });
  });

  it("clears the value when the server restarts", async () => {
    const fake = fakeFetch();
    const onRestart = vi.fn();
    const { result } = renderStream({ fetch: fake.fetch, onRestart });
    act(() => {
      void result.current.start();
    });
    fake.body.push('data: [{"title":"Bad"}]\n\nevent: restart\ndata: {"attempt":2,"reason":"too short"}\n\n');
    await flush();
    expect(result.current.value).toBeUndefined();
    expect(onRestart).toHaveBeenCalledWith(2, "too short");
    fake.body.push('data: [{"title":"Good"}]\n\n');
    await flush();
    expect(result.current.value).toEqual([{ title: "Good" }]);
  });

  it("clears the value and reports the error when a restart is followed by an error", async () => {
    const fake = fakeFetch();
    const onRestart = vi.fn();
    const onError = vi.fn();
    const { result } = renderStream({ fetch: fake.fetch, onRestart, onError });
    act(() => {
      void result.current.start();
    });
    fake.body.push('data: [{"title":"Far too long"}]\n\n');
    await flush();
    expect(result.current.value).toEqual([{ title: "Far too long" }]);
    fake.body.push(
      'event: restart\ndata: {"attempt":2}\n\n' +
        'event: error\ndata: {"error":"The model provider failed.","type":"provider","attempt":2}\n\n',
    );
    await flush();
    // Attempt 1's rejected partial is not left next to the error of attempt 2.
    expect(result.current).toMatchObject({ status: "error", value: undefined, isStreaming: false });
    expect(result.current.error).toBeInstanceOf(StreamError);
    expect(result.current.error).toMatchObject({ message: "The model provider failed.", attempt: 2 });
    expect(onRestart).toHaveBeenCalledWith(2, undefined);
    expect(onError).toHaveBeenCalledTimes(1);
    expect(onRestart.mock.invocationCallOrder[0]).toBeLessThan(onError.mock.invocationCallOrder[0] as number);
  });

  it("calls an inline onRestart of the latest render, which sees the latest state", async () => {
    const fake = fakeFetch();
    const { result } = renderHook(() => {
      const [restarts, setRestarts] = useState(0);
      const stream = useStructuredStream<Idea[]>("http://localhost/ideas", {
        fetch: fake.fetch,
        throttleMs: 0,
        onRestart: () => setRestarts(restarts + 1),
      });
      return { restarts, stream };
    });
    act(() => {
      void result.current.stream.start();
    });
    fake.body.push('event: restart\ndata: {"attempt":2}\n\n');
    await flush();
    expect(result.current.restarts).toBe(1);
    fake.body.push('event: restart\ndata: {"attempt":3}\n\n');
    await flush();
    expect(result.current.restarts).toBe(2);
  });

  it("calls the onDone and onError of the latest render, not those of start", async () => {
    const fakes: FakeFetch[] = [fakeFetch(), fakeFetch()];
    let calls = 0;
    const fetchEach = ((input: RequestInfo | URL, init?: RequestInit) => (fakes[calls++] as FakeFetch).fetch(input, init)) as typeof fetch;
    const seen: string[] = [];
    const { result, rerender } = renderHook(({ label }: { label: string }) =>
      useStructuredStream<number>("http://localhost/count", {
        fetch: fetchEach,
        onDone: (value) => seen.push(`${label} done ${value}`),
        onError: (error) => seen.push(`${label} error ${error.message}`),
      }),
      { initialProps: { label: "first" } },
    );
    act(() => {
      void result.current.start();
    });
    rerender({ label: "second" });
    (fakes[0] as FakeFetch).body.push("event: done\ndata: 1\n\n");
    await flush();
    act(() => {
      void result.current.start();
    });
    rerender({ label: "third" });
    (fakes[1] as FakeFetch).body.push('event: error\ndata: {"error":"boom"}\n\n');
    await flush();
    expect(seen).toEqual(["second done 1", "third error boom"]);
  });

  it.each([
    ["done", "event: done\ndata: [{\"title\":\"Note\"}]\n\n"],
    ["error", 'event: error\ndata: {"error":"boom"}\n\n'],
  ] as const)("keeps status %s when its callback calls stop, as nothing runs any more", async (status, event) => {
    const fake = fakeFetch();
    let stop = (): void => undefined;
    const { result } = renderStream({ fetch: fake.fetch, onDone: () => stop(), onError: () => stop() });
    stop = result.current.stop;
    act(() => {
      void result.current.start();
    });
    fake.body.push(event);
    await flush();
    expect(result.current.status).toBe(status);
  });

  it("reports its status: idle, streaming, then done", async () => {
    const fake = fakeFetch();
    const { result } = renderStream({ fetch: fake.fetch });
    expect(result.current.status).toBe("idle");
    act(() => {
      void result.current.start();
    });
    expect(result.current.status).toBe("streaming");
    fake.body.push('data: [{"title":"No"}]\n\n');
    await flush();
    expect(result.current).toMatchObject({ status: "streaming", value: [{ title: "No" }] });
    fake.body.push('event: done\ndata: [{"title":"Note"}]\n\n');
    await flush();
    expect(result.current).toMatchObject({ status: "done", value: [{ title: "Note" }], isStreaming: false });
    // Stopping when nothing runs leaves a finished stream as it was.
    act(() => result.current.stop());
    expect(result.current.status).toBe("done");
  });

  it("tells a partial left by stop from a final value", async () => {
    const fake = fakeFetch();
    const { result } = renderStream({ fetch: fake.fetch });
    act(() => {
      void result.current.start();
    });
    fake.body.push('data: [{"title":"No"}]\n\n');
    await flush();
    act(() => result.current.stop());
    await flush();
    expect(result.current).toMatchObject({ status: "stopped", value: [{ title: "No" }], isStreaming: false, error: undefined });
  });

  it("reports status error with the error and the last partial", async () => {
    const fake = fakeFetch();
    const { result } = renderStream({ fetch: fake.fetch });
    act(() => {
      void result.current.start();
    });
    fake.body.push('data: [{"title":"No"}]\n\nevent: error\ndata: {"error":"boom"}\n\n');
    await flush();
    expect(result.current).toMatchObject({ status: "error", value: [{ title: "No" }], isStreaming: false });
    expect(result.current.error?.message).toBe("boom");
    act(() => {
      void result.current.start();
    });
    expect(result.current).toMatchObject({ status: "streaming", value: undefined, error: undefined });
  });

  it("narrows value to the final type when status is done", () => {
    // Checked by the type checker (npm run typecheck); the body never needs to run.
    const narrow = (stream: StructuredStream<Idea[]>): void => {
      if (stream.status === "done") {
        expectTypeOf(stream.value).toEqualTypeOf<Idea[]>();
      } else if (stream.status === "error") {
        expectTypeOf(stream.error).toEqualTypeOf<Error>();
        expectTypeOf(stream.value).toEqualTypeOf<DeepPartial<Idea[]> | undefined>();
      } else {
        // @ts-expect-error a partial or a stopped stream's leftover is not an Idea[]
        const final: Idea[] = stream.value;
        void final;
      }
      const { status, value } = stream;
      if (status === "done") {
        expectTypeOf(value).toEqualTypeOf<Idea[]>();
      }
    };
    expect(narrow).toBeTypeOf("function");
  });

  it("aborts the stream on unmount", async () => {
    const fake = fakeFetch();
    const { result, unmount } = renderStream({ fetch: fake.fetch });
    act(() => {
      void result.current.start();
    });
    await flush();
    unmount();
    expect(fake.requests[0]?.init.signal?.aborted).toBe(true);
  });

  it("starts nothing when start is called after unmount", async () => {
    // An async handler that awaited something may call start after the user navigated away:
    // nothing would ever abort that request, and the server would run the model for nobody.
    const fake = fakeFetch();
    const { result, unmount } = renderStream({ fetch: fake.fetch });
    const start = result.current.start;
    unmount();

    await expect(start({ topic: "late" })).resolves.toBeUndefined();
    expect(fake.requests).toHaveLength(0);
  });

  it("streams when a child starts it from its effect under StrictMode", async () => {
    // StrictMode runs every cleanup, then every effect again, children first: the child's start
    // comes before the hook's own effect has run again, and must not be taken for a late one.
    // A response of its own for each request: the first one is aborted by the simulated unmount.
    const fakes: FakeFetch[] = [];
    const fetchEach = ((input: RequestInfo | URL, init?: RequestInit) => {
      const fake = fakeFetch();
      fakes.push(fake);
      return fake.fetch(input, init);
    }) as typeof fetch;
    let seen: StructuredStream<Idea[]> | undefined;
    function Starter({ start }: { start: () => Promise<unknown> }): ReactNode {
      useEffect(() => {
        void start();
      }, [start]);
      return null;
    }
    function Parent(): ReactNode {
      seen = useStructuredStream<Idea[]>("http://localhost/ideas", { fetch: fetchEach, throttleMs: 0 });
      return <Starter start={seen.start} />;
    }
    render(
      <StrictMode>
        <Parent />
      </StrictMode>,
    );
    await flush();
    const live = fakes.filter((fake) => fake.requests[0]?.init.signal?.aborted !== true);
    expect(live).toHaveLength(1);
    live[0]?.body.push('event: done\ndata: [{"title":"Note"}]\n\n');
    await flush();
    expect(seen?.status).toBe("done");
  });

  it("lets a later start win over a child's start held back during StrictMode's effect re-run", async () => {
    // The child's start comes while the hook is torn down, and waits a task; the parent's start,
    // from its own effect in the same commit, comes later and must not be aborted by it.
    const fakes: FakeFetch[] = [];
    const fetchEach = ((input: RequestInfo | URL, init?: RequestInit) => {
      const fake = fakeFetch();
      fakes.push(fake);
      return fake.fetch(input, init);
    }) as typeof fetch;
    function Starter({ start }: { start: (body?: unknown) => Promise<unknown> }): ReactNode {
      useEffect(() => {
        void start({ from: "child" });
      }, [start]);
      return null;
    }
    function Parent(): ReactNode {
      const stream = useStructuredStream<Idea[]>("http://localhost/ideas", { fetch: fetchEach, throttleMs: 0 });
      const { start } = stream;
      useEffect(() => {
        void start({ from: "parent" });
      }, [start]);
      return <Starter start={start} />;
    }
    render(
      <StrictMode>
        <Parent />
      </StrictMode>,
    );
    await flush();
    const live = fakes.filter((fake) => fake.requests[0]?.init.signal?.aborted !== true);
    expect(live.map((fake) => fake.requests[0]?.body)).toEqual([{ from: "parent" }]);
  });

  it("says stopped, not streaming, when hiding its component aborted the stream", async () => {
    // <Activity mode="hidden"> runs effect cleanups but keeps the state, as StrictMode's
    // simulated unmount does: a status left at "streaming" would show a spinner for ever.
    const fake = fakeFetch();
    let seen: StructuredStream<Idea[]> | undefined;
    function Probe(): ReactNode {
      seen = useStructuredStream<Idea[]>("http://localhost/ideas", { fetch: fake.fetch, throttleMs: 0 });
      return null;
    }
    const view = render(
      <Activity mode="visible">
        <Probe />
      </Activity>,
    );
    act(() => {
      void seen?.start();
    });
    fake.body.push('data: [{"title":"No"}]\n\n');
    await flush();
    view.rerender(
      <Activity mode="hidden">
        <Probe />
      </Activity>,
    );
    view.rerender(
      <Activity mode="visible">
        <Probe />
      </Activity>,
    );
    await flush();
    expect(fake.requests[0]?.init.signal?.aborted).toBe(true);
    expect(seen).toMatchObject({ status: "stopped", isStreaming: false, value: [{ title: "No" }], error: undefined });
  });

  it("fails a stream whose server never answers after the default idle timeout", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const hanging = (() => new Promise<Response>(() => undefined)) as typeof fetch;
    const { result } = renderStream({ fetch: hanging });
    act(() => {
      void result.current.start();
    });
    await act(async () => {
      await vi.advanceTimersByTimeAsync(DEFAULT_IDLE_TIMEOUT_MS - 1);
    });
    expect(result.current).toMatchObject({ isStreaming: true, error: undefined });
    await act(async () => {
      await vi.advanceTimersByTimeAsync(1);
    });
    expect(DEFAULT_IDLE_TIMEOUT_MS).toBe(60_000);
    expect(result.current.error).toBeInstanceOf(IncompleteStreamError);
    expect(result.current.isStreaming).toBe(false);
  });

  it("waits for ever when idleTimeoutMs is 0", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const hanging = (() => new Promise<Response>(() => undefined)) as typeof fetch;
    const { result } = renderStream({ fetch: hanging, idleTimeoutMs: 0 });
    act(() => {
      void result.current.start();
    });
    await act(async () => {
      await vi.advanceTimersByTimeAsync(10 * DEFAULT_IDLE_TIMEOUT_MS);
    });
    expect(result.current).toMatchObject({ isStreaming: true, error: undefined });
  });

  it("throttles partial re-renders by default", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const fake = fakeFetch();
    let renders = 0;
    const { result } = renderHook(() => {
      renders++;
      return useStructuredStream<number>("http://localhost/count", { fetch: fake.fetch });
    });
    act(() => {
      void result.current.start();
    });
    const rendersBefore = renders;
    for (let tick = 1; tick <= 20; tick++) {
      fake.body.push(`data: ${tick}\n\n`);
      await act(async () => {
        await vi.advanceTimersByTimeAsync(5);
      });
      if (tick === 3) {
        // The first partial showed at once; the next ones wait for the interval to end.
        expect(result.current.value).toBe(1);
      }
    }
    // 20 partials in 100 ms at the default 50 ms: shown at 0, 50 and 100 ms.
    expect(result.current.value).toBe(20);
    expect(renders - rendersBefore).toBeLessThanOrEqual(3);
    fake.body.push("event: done\ndata: 21\n\n");
    await act(async () => {
      await vi.advanceTimersByTimeAsync(0);
    });
    expect(result.current).toMatchObject({ value: 21, isStreaming: false });
  });

  describe("callbacks that throw", () => {
    /** Lets the stream and React run on fake timers; returns an exception rethrown from a timer. */
    async function runTimers(): Promise<unknown> {
      let rethrown: unknown;
      await act(async () => {
        for (let round = 0; round < 10; round++) {
          await vi.advanceTimersByTimeAsync(10).catch((caught: unknown) => {
            rethrown ??= caught;
          });
        }
      });
      return rethrown;
    }

    it("stays done and resolves with the final value when onDone throws, rethrowing it on its own", async () => {
      vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
      const bug = new Error("save failed");
      const onError = vi.fn();
      const { result } = renderStream({
        fetch: fetchReturning(['data: [{"title":"N"}]\n\nevent: done\ndata: [{"title":"Note"}]\n\n']).fetch,
        onDone: () => {
          throw bug;
        },
        onError,
      });
      let final: Promise<Idea[] | undefined> | undefined;
      act(() => {
        final = result.current.start();
      });
      expect(await runTimers()).toBe(bug);
      expect(result.current).toMatchObject({ status: "done", value: [{ title: "Note" }], error: undefined });
      await expect(final).resolves.toEqual([{ title: "Note" }]);
      expect(onError).not.toHaveBeenCalled();
    });

    it("keeps the stream's error and resolves start when onError throws, rethrowing it on its own", async () => {
      vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
      const bug = new Error("logging failed");
      const { result } = renderStream({
        fetch: fetchReturning(['event: error\ndata: {"error":"boom"}\n\n']).fetch,
        onError: () => {
          throw bug;
        },
      });
      let final: Promise<Idea[] | undefined> | undefined;
      act(() => {
        final = result.current.start();
      });
      expect(await runTimers()).toBe(bug);
      expect(result.current.status).toBe("error");
      expect(result.current.error).toBeInstanceOf(StreamError);
      expect(result.current.error?.message).toBe("boom");
      await expect(final).resolves.toBeUndefined();
    });

    it("fails the stream with an exception from onRestart", async () => {
      const fake = fakeFetch();
      const bug = new Error("cannot clear");
      const onError = vi.fn();
      const { result } = renderStream({
        fetch: fake.fetch,
        onRestart: () => {
          throw bug;
        },
        onError,
      });
      act(() => {
        void result.current.start();
      });
      fake.body.push('data: [{"title":"Bad"}]\n\nevent: restart\ndata: {"attempt":2}\n\n');
      await flush();
      expect(result.current).toMatchObject({ status: "error", value: undefined, error: bug });
      expect(onError).toHaveBeenCalledWith(bug);
      // The request was aborted, so the server stops the model.
      expect(fake.body.push('data: [{"title":"Good"}]\n\n')).toBe(false);
    });
  });
});
