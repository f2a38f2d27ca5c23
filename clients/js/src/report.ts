/**
 * Reports an exception thrown by a caller's callback after the outcome it was told of was
 * settled (`onDone`, `onError`), without letting it change that outcome: it is thrown again from a
 * task of its own, where the platform reports uncaught errors (the page's `error` event and the
 * console in a browser, `uncaughtException` in Node), as an exception from a DOM event listener is.
 */
export function rethrowLater(error: unknown): void {
  setTimeout(() => {
    throw error;
  }, 0);
}
