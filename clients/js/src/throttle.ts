/**
 * Passes on at most one value per interval, always the latest: the anti-flicker rate limit for
 * partial values.
 *
 * The first value after a quiet period goes out at once (so the first partial shows without
 * delay); values pushed during the interval that follows are held, and when it ends the latest
 * of them goes out and a new interval starts. Unlike a debounce, a steady stream of partials
 * still updates the screen every interval instead of waiting for a pause that never comes.
 *
 * Timers are the global `setTimeout`/`clearTimeout`, so fake timers in tests control it.
 */
export class Throttle<T> {
  private readonly intervalMs: number;
  private readonly emit: (value: T) => void;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private pending: { value: T } | undefined;

  /**
   * Creates a throttle that calls `emit` at most once per `intervalMs`; an interval of 0 or less
   * passes every value on synchronously.
   */
  constructor(intervalMs: number, emit: (value: T) => void) {
    this.intervalMs = intervalMs;
    this.emit = emit;
  }

  /** Offers a value: emitted now when no interval is running, otherwise held as the latest. */
  push(value: T): void {
    if (this.intervalMs <= 0) {
      this.emit(value);
      return;
    }
    if (this.timer !== undefined) {
      this.pending = { value };
      return;
    }
    this.emit(value);
    this.startInterval();
  }

  /** Emits the held value, if any, now, and ends the running interval. */
  flush(): void {
    const pending = this.pending;
    this.discard();
    if (pending !== undefined) {
      this.emit(pending.value);
    }
  }

  /** Drops the held value, if any, and ends the running interval; nothing more is emitted. */
  discard(): void {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    this.pending = undefined;
  }

  private startInterval(): void {
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const pending = this.pending;
      if (pending !== undefined) {
        this.pending = undefined;
        this.emit(pending.value);
        this.startInterval();
      }
    }, this.intervalMs);
  }
}
