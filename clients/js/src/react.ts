/**
 * The React binding of instructor-stream: {@link useStructuredStream}.
 *
 * A separate entry point (`instructor-stream/react`) so that React stays an optional peer
 * dependency of the package.
 *
 * @packageDocumentation
 */
import { useCallback, useEffect, useRef, useState } from "react";
import { streamStructured, type DeepPartial } from "./client.js";
import type { WireFormat } from "./events.js";
import { rethrowLater } from "./report.js";

/**
 * The default least time between two re-renders caused by partials: 50 ms, at most 20 updates a
 * second, which still reads as live typing but stops the flicker of one render per token.
 */
export const DEFAULT_THROTTLE_MS = 50;

/**
 * The default time without a byte from the server after which the hook's stream fails: 60 s,
 * four of instructor-java's 15 s heartbeats, so only a dead connection or a server that never
 * answers reaches it.
 */
export const DEFAULT_IDLE_TIMEOUT_MS = 60_000;

/**
 * Options of {@link useStructuredStream}; they may change freely between renders. The request
 * settings (`format`, `headers`, `throttleMs`, `idleTimeoutMs`, `maxBufferLength`, `fetch`) are read
 * at each `start` and hold for that stream; the callbacks are those of the latest render when each event happens.
 */
export interface UseStructuredStreamOptions<T> {
  /** The wire format to ask for; see `StreamStructuredOptions.format` in `instructor-stream`. Defaults to `"snapshot"`. */
  format?: WireFormat;
  /** Extra request headers, for example `Authorization`. */
  headers?: Record<string, string>;
  /** The least time between two partial re-renders; defaults to {@link DEFAULT_THROTTLE_MS}. */
  throttleMs?: number;
  /**
   * Fails the stream with `IncompleteStreamError` after this long without a byte (headers
   * included); defaults to {@link DEFAULT_IDLE_TIMEOUT_MS}, `0` waits for ever. See
   * `StreamStructuredOptions.idleTimeoutMs`.
   */
  idleTimeoutMs?: number;
  /** See `StreamStructuredOptions.maxBufferLength`. */
  maxBufferLength?: number;
  /** The `fetch` to use instead of the global one. */
  fetch?: typeof fetch;
  /**
   * Called with the final value of a stream that finished. If it throws, `status` stays
   * `"done"`, `start` still resolves with the value, and the exception is rethrown from a task
   * of its own, where the platform reports uncaught errors.
   */
  onDone?: (value: T) => void;
  /**
   * Called when a stream fails (not when it is stopped or aborted). If it throws, `status` stays
   * `"error"` with the stream's error, `start` still resolves, and the exception is rethrown from
   * a task of its own.
   */
  onError?: (error: Error) => void;
  /**
   * Called when the server starts over after a failed validation; `value` is cleared first. If
   * it throws, the stream is aborted and fails with that exception (`status` `"error"`).
   */
  onRestart?: (attempt: number, reason: string | undefined) => void;
}

/**
 * Where the hook's stream is: `"idle"` before the first `start`, `"streaming"` until it ends,
 * then `"done"` (the final value arrived), `"stopped"` (`stop` was called, or an effect cleanup
 * aborted it: unmount, StrictMode's simulated unmount, `<Activity>` hidden) or `"error"` (it
 * failed). A new `start` goes back to `"streaming"`.
 */
export type StreamStatus = "idle" | "streaming" | "done" | "stopped" | "error";

/**
 * One status's shape of {@link StructuredStream}: the members are the same for every status,
 * only the types of `value` and `error` depend on it.
 */
export interface StructuredStreamVariant<T, Status extends StreamStatus, Value, Failure> {
  /** Where the stream is; `"done"` is the only status whose `value` is the final value. */
  status: Status;
  /**
   * The latest partial, then the final value once the stream is done; `undefined` before the
   * first partial, after `start` and after a restart. After `stop` or a failure it keeps the
   * last partial shown: check `status`, not `value`, to know whether it is final.
   */
  value: Value;
  /** True from `start` until the stream finishes, fails or is stopped: `status === "streaming"`. */
  isStreaming: Status extends "streaming" ? true : false;
  /** Why the last stream failed, or `undefined`; cleared by `start`. */
  error: Failure;
  /**
   * Starts streaming with `body` as the JSON request body, aborting a stream still running.
   * The promise resolves with the final value, or `undefined` when the stream failed or was
   * stopped; it never rejects (failures land in `error`). Called after the component unmounted
   * (or while `<Activity>` hides it) it starts nothing and resolves with `undefined`; so does a
   * call from a child's effect as StrictMode re-runs them, when a later start or stop comes in
   * the same commit.
   */
  start: (body?: unknown) => Promise<T | undefined>;
  /** Aborts the running stream, if any, and sets `status` to `"stopped"`; `value` keeps the last partial shown. */
  stop: () => void;
}

/**
 * What {@link useStructuredStream} returns: a union on `status`, so that checking
 * `status === "done"` narrows `value` to `T`, and `status === "error"` narrows `error` to `Error`.
 */
export type StructuredStream<T> =
  | StructuredStreamVariant<T, "idle", undefined, undefined>
  | StructuredStreamVariant<T, "streaming", DeepPartial<T> | undefined, undefined>
  | StructuredStreamVariant<T, "done", T, undefined>
  | StructuredStreamVariant<T, "stopped", DeepPartial<T> | undefined, undefined>
  | StructuredStreamVariant<T, "error", DeepPartial<T> | undefined, Error>;

/** The hook's state: one object, so that status, value and error always change together. */
interface StreamState<T> {
  readonly status: StreamStatus;
  readonly value: DeepPartial<T> | T | undefined;
  readonly error: Error | undefined;
}

/**
 * Streams a structured value from `url` into React state.
 *
 * Partials re-render at most once per `throttleMs` (the anti-flicker advice of Instructor's
 * streaming guide, done as a throttle so a long stream keeps updating); the final value shows
 * at once. Unmounting aborts the stream, which closes the connection and so stops the model on
 * the server. `start` and `stop` keep their identity across renders.
 */
export function useStructuredStream<T>(url: string | URL, options: UseStructuredStreamOptions<T> = {}): StructuredStream<T> {
  const [state, setState] = useState<StreamState<T>>({ status: "idle", value: undefined, error: undefined });
  const controllerRef = useRef<AbortController | undefined>(undefined);
  // True between an effect cleanup and the effect's next run: unmounted, hidden by <Activity>, or
  // inside StrictMode's simulated unmount. Not "mounted", which would only be set by the effect
  // and so hold up a start from a layout effect.
  const tornDownRef = useRef(false);
  // Counts the calls of start and stop, so that a start held back while torn down knows whether
  // a later call came meanwhile, which then has the last word.
  const callsRef = useRef(0);
  // The latest arguments, so that `start` can stay stable and still use the current ones.
  const latest = useRef({ url, options });
  latest.current = { url, options };

  const stop = useCallback(() => {
    callsRef.current++;
    const controller = controllerRef.current;
    if (controller === undefined) {
      // Nothing is running: a finished stream stays "done" or "error".
      return;
    }
    controllerRef.current = undefined;
    controller.abort();
    setState((previous) => ({ ...previous, status: "stopped" }));
  }, []);

  const start = useCallback(async (body?: unknown): Promise<T | undefined> => {
    const call = ++callsRef.current;
    if (tornDownRef.current) {
      // Torn down: unmounted, when no cleanup is left to abort a stream started now (it would
      // run, and bill, for nobody), or between StrictMode's cleanups and its second run of the
      // effects, where a child's effect runs before this hook's. That second run comes in the
      // same commit, so one task later tells the two apart.
      // A start or stop called meanwhile came after this one, and so wins.
      await new Promise<void>((resolve) => setTimeout(resolve, 0));
      if (tornDownRef.current || callsRef.current !== call) {
        return undefined;
      }
    }
    controllerRef.current?.abort();
    const controller = new AbortController();
    controllerRef.current = controller;
    // Updates from a stream that was replaced, stopped or unmounted are dropped.
    const isCurrent = (): boolean => controllerRef.current === controller;
    // Request settings are those of the moment of `start`; the callbacks are looked up when each
    // event happens, so that inline callbacks closing over state see the state of that render.
    const { url: currentUrl, options: current } = latest.current;
    const callbacks = (): UseStructuredStreamOptions<T> => latest.current.options;
    setState({ status: "streaming", value: undefined, error: undefined });
    try {
      const final = await streamStructured<T>({
        url: currentUrl,
        body,
        format: current.format,
        headers: current.headers,
        fetch: current.fetch,
        idleTimeoutMs: current.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS,
        maxBufferLength: current.maxBufferLength,
        throttleMs: current.throttleMs ?? DEFAULT_THROTTLE_MS,
        signal: controller.signal,
        onPartial: (partial) => isCurrent() && setState((previous) => ({ ...previous, value: partial })),
        onRestart: (attempt, reason) => {
          if (isCurrent()) {
            setState((previous) => ({ ...previous, value: undefined }));
            callbacks().onRestart?.(attempt, reason);
          }
        },
      });
      if (isCurrent()) {
        // Released before onDone runs: the stream is over, so a stop() from it must leave it done.
        controllerRef.current = undefined;
        setState({ status: "done", value: final, error: undefined });
        try {
          callbacks().onDone?.(final);
        } catch (fromOnDone) {
          // A finished stream stays "done": the caller's bug is reported, not made the stream's.
          rethrowLater(fromOnDone);
        }
      }
      return final;
    } catch (caught) {
      if (isCurrent() && !controller.signal.aborted) {
        controllerRef.current = undefined; // as for onDone: a stop() from onError leaves the error shown
        const failure = caught instanceof Error ? caught : new Error(String(caught));
        setState((previous) => ({ status: "error", value: previous.value, error: failure }));
        try {
          callbacks().onError?.(failure);
        } catch (fromOnError) {
          // `start` never rejects, and the stream's error stays the one shown.
          rethrowLater(fromOnError);
        }
      }
      return undefined;
    } finally {
      if (isCurrent()) {
        controllerRef.current = undefined;
      }
    }
  }, []);

  // The cleanup runs on unmount, and also where the component lives on: StrictMode's simulated
  // unmount, an <Activity> being hidden. It is a stop, so the status says "stopped" rather than
  // "streaming" for a stream nothing runs any more (after a real unmount the update is dropped).
  useEffect(() => {
    tornDownRef.current = false;
    return () => {
      tornDownRef.current = true;
      stop();
    };
  }, [stop]);

  // The state only ever holds the combinations the union lists; the cast restores the link
  // between status and the types of value and error that useState cannot express.
  return { ...state, isStreaming: state.status === "streaming", start, stop } as StructuredStream<T>;
}
