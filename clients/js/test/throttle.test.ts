import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Throttle } from "../src/throttle.js";

describe("Throttle", () => {
  let emitted: number[];
  let throttle: Throttle<number>;

  beforeEach(() => {
    vi.useFakeTimers();
    emitted = [];
    throttle = new Throttle<number>(100, (value) => emitted.push(value));
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it("emits the first value at once", () => {
    throttle.push(1);
    expect(emitted).toEqual([1]);
  });

  it("holds values during the interval and emits only the latest when it ends", () => {
    throttle.push(1);
    throttle.push(2);
    throttle.push(3);
    vi.advanceTimersByTime(99);
    expect(emitted).toEqual([1]);
    vi.advanceTimersByTime(1);
    expect(emitted).toEqual([1, 3]);
  });

  it("keeps emitting once per interval during a steady stream", () => {
    for (let tick = 0; tick < 100; tick++) {
      throttle.push(tick);
      vi.advanceTimersByTime(10);
    }
    // 1000 ms of values every 10 ms: the leading one plus one per full interval.
    expect(emitted).toEqual([0, 9, 19, 29, 39, 49, 59, 69, 79, 89, 99]);
  });

  it("emits at once again after a quiet interval", () => {
    throttle.push(1);
    vi.advanceTimersByTime(250);
    throttle.push(2);
    expect(emitted).toEqual([1, 2]);
  });

  it("flush emits the held value now and nothing later", () => {
    throttle.push(1);
    throttle.push(2);
    throttle.flush();
    expect(emitted).toEqual([1, 2]);
    vi.advanceTimersByTime(1000);
    expect(emitted).toEqual([1, 2]);
  });

  it("discard drops the held value", () => {
    throttle.push(1);
    throttle.push(2);
    throttle.discard();
    vi.advanceTimersByTime(1000);
    expect(emitted).toEqual([1]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("passes every value on when the interval is 0", () => {
    const all: number[] = [];
    const unthrottled = new Throttle<number>(0, (value) => all.push(value));
    unthrottled.push(1);
    unthrottled.push(2);
    expect(all).toEqual([1, 2]);
    expect(vi.getTimerCount()).toBe(0);
  });
});
