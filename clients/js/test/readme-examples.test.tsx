// @vitest-environment jsdom
/**
 * The README's examples, kept compiling and running: the same code, with the app's own
 * functions (render, showFieldError, showBanner) recorded instead.
 */
import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { HttpError, StreamError, streamStructured, type DeepPartial } from "../src/index.js";
import { useStructuredStream } from "../src/react.js";
import { fakeFetch, fetchAnswering, fetchReturning } from "./support/fake-fetch.js";

interface Idea {
  title: string;
  blurb: string;
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("README", () => {
  it("streams a value", async () => {
    vi.stubGlobal(
      "fetch",
      fetchReturning(
        ['data:{"p":"","v":[{"title":"Note"}]}\n\ndata:{"p":"/0/title","a":" Ninja"}\n\nevent: done\ndata: [{"title":"Note Ninja","blurb":"Fast"}]\n\n'],
        { headers: { "X-Instructor-Format": "delta" } },
      ).fetch,
    );
    const rendered: unknown[] = [];
    const render = (value: DeepPartial<Idea[]> | Idea[]): void => void rendered.push(value);

    // From the README:
    const controller = new AbortController();

    const ideas = await streamStructured<Idea[]>({
      url: "/ideas",
      body: { topic: "note-taking apps", count: 5 },
      format: "delta",
      signal: controller.signal,
      throttleMs: 50,
      onPartial: (partial) => render(partial),
      onRestart: (attempt) => console.info(`validation failed, attempt ${attempt} starts over`),
    });
    render(ideas);

    // The second partial came within 50 ms of the first, so only the first and the final show.
    expect(rendered).toEqual([[{ title: "Note" }], [{ title: "Note Ninja", blurb: "Fast" }]]);
  });

  it("handles errors", async () => {
    vi.stubGlobal("fetch", fetchAnswering(400, '{"error":"count: must be at most 20","field":"count"}'));
    const shown: unknown[] = [];
    const showFieldError = (field: string | undefined, message: string): void => void shown.push([field, message]);
    const showBanner = (message: string): void => void shown.push(message);

    // From the README:
    try {
      await streamStructured<Idea[]>({ url: "/ideas", body: { count: 50 } });
    } catch (error) {
      if (error instanceof HttpError && error.status === 400) {
        showFieldError(error.field, error.message);
      } else if (error instanceof StreamError) {
        showBanner(error.message);
      } else if ((error as Error).name !== "AbortError") {
        throw error;
      }
    }

    expect(shown).toEqual([["count", "count: must be at most 20"]]);
  });

  it("renders the React component", async () => {
    const fake = fakeFetch();
    vi.stubGlobal("fetch", fake.fetch);

    // From the README:
    function IdeaStream() {
      const { value, isStreaming, error, start, stop } = useStructuredStream<Idea[]>("/ideas", {
        format: "delta",
      });
      return (
        <div>
          <button onClick={() => start({ topic: "healthy snacks", count: 5 })} disabled={isStreaming}>
            {isStreaming ? "Generating…" : "Generate ideas"}
          </button>
          {isStreaming && <button onClick={stop}>Stop</button>}
          {error && <p role="alert">{error.message}</p>}
          <ul>
            {(value ?? []).map((idea, index) => (
              <li key={index}>
                <strong>{idea?.title || "…"}</strong> {idea?.blurb}
              </li>
            ))}
          </ul>
        </div>
      );
    }

    render(<IdeaStream />);
    fireEvent.click(screen.getByText("Generate ideas"));
    expect(screen.getByText("Generating…")).toBeTruthy();
    fake.body.push('data: [{"title":"Apple chips","blurb":""}]\n\n');
    await act(() => new Promise((resolve) => setTimeout(resolve, 20)));
    expect(screen.getByRole("listitem").textContent).toBe("Apple chips ");
    fireEvent.click(screen.getByText("Stop"));
    await act(() => new Promise((resolve) => setTimeout(resolve, 20)));
    expect(screen.getByText("Generate ideas")).toBeTruthy();
    expect(screen.getByRole("listitem").textContent).toBe("Apple chips ");
    expect(fake.body.push("data: []\n\n")).toBe(false);
  });
});
