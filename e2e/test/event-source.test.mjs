// A browser's own EventSource against HttpServerSse with allowGet (e2e/event-source/EventSourceServer.java): after the
// stream ends, or is cut, Chromium reconnects with Last-Event-ID, and the server must answer 204 so that it stops,
// rather than start a second model call whose partials the page would mix into the first answer.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { after, before, test } from "node:test";
import { chromium } from "playwright-core";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const JAR = join(root, "examples", "target", "instructor-examples.jar");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const READY = /EventSource server ready: (http:\S+)/;

let server;
let url;
let browser;

before(async () => {
  // The demo's test (run first) builds the jar through ./demo.
  assert.ok(existsSync(JAR), `${JAR} is missing: run ./demo once, or the demo's e2e test, to build it`);
  server = spawn("java", ["-cp", JAR, join(root, "e2e", "event-source", "EventSourceServer.java")], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  url = await new Promise((resolve, reject) => {
    let seen = "";
    const timer = setTimeout(() => reject(new Error("the EventSource server did not start within 60 s")), 60_000);
    server.stdout.on("data", (chunk) => {
      seen += chunk.toString();
      const match = READY.exec(seen);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    server.once("exit", (code) => reject(new Error(`the EventSource server exited with ${code}`)));
  });
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ["--no-sandbox", "--disable-gpu"] });
});

after(async () => {
  await browser?.close().catch(() => {});
  server?.kill();
});

test("an EventSource left open after done reconnects once, gets 204 and stops; one model call", async () => {
  const page = await browser.newPage();
  const statuses = [];
  page.on("response", (response) => response.url().endsWith("/answer") && statuses.push(response.status()));
  await page.goto(url);
  const seen = await page.evaluate(
    () =>
      new Promise((resolve) => {
        const seen = [];
        // Deliberately not closed on done: the browser then reconnects as after any cut connection.
        const source = new EventSource("/answer");
        source.onmessage = (event) => seen.push({ type: "partial", lastEventId: event.lastEventId });
        source.addEventListener("done", (event) => seen.push({ type: "done", data: JSON.parse(event.data) }));
        source.onerror = () => {
          seen.push({ type: "error", readyState: source.readyState });
          if (source.readyState === EventSource.CLOSED) {
            resolve(seen);
          }
        };
        setTimeout(() => resolve([...seen, { type: "still open after 20 s" }]), 20_000);
      }),
  );

  const done = seen.filter((event) => event.type === "done");
  assert.deepEqual(done, [{ type: "done", data: { text: "Hello there, browser" } }]);
  assert.ok(seen.some((event) => event.type === "partial" && event.lastEventId === "0"), JSON.stringify(seen));
  assert.deepEqual(seen.at(-1), { type: "error", readyState: 2 }, JSON.stringify(seen));
  assert.deepEqual(statuses, [200, 204]);
  assert.equal(await (await fetch(new URL("/calls", url))).json(), 1);
  await page.close();
});
