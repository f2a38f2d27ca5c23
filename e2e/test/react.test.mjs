// instructor-stream's React hook in a real browser: React's development build under StrictMode (which mounts,
// unmounts and mounts again, and runs effects twice), Chromium's own fetch and AbortController, against the demo's
// real server run offline. The page (e2e/react/app.jsx) is bundled by esbuild here and served on the demo's origin
// through Playwright's routing, so the hook talks to the demo as a page of the demo would.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { after, before, test } from "node:test";
import { build } from "esbuild";
import { chromium } from "playwright-core";
import { CHROMIUM_ARGS, connections as offlineConnections, ideasShown } from "../demo-page.mjs";
import { startDemo } from "../demo-process.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const PAGE = `<!doctype html><meta charset="utf-8"><title>useStructuredStream</title>
<div id="root"></div><script type="module" src="/react-test/app.js"></script>`;

let demo;
let context;
let profile;

before(async () => {
  // The hook as the package ships it (clients/js/dist, built by ../test before this runs), and the one React copy
  // its tests use, so that the page and the hook share React's dispatcher.
  const bundle = await build({
    entryPoints: [join(root, "e2e", "react", "app.jsx")],
    bundle: true,
    format: "esm",
    write: false,
    jsx: "automatic",
    define: { "process.env.NODE_ENV": '"development"' },
    alias: { "instructor-stream/react": join(root, "clients", "js", "dist", "react.js") },
    nodePaths: [join(root, "clients", "js", "node_modules")],
    logLevel: "silent",
  });
  const script = bundle.outputFiles[0].text;
  demo = await startDemo();
  profile = mkdtempSync(join(tmpdir(), "instructor-e2e-react-"));
  context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  await context.route(new URL("/react-test/**", demo.url).href, (route) => {
    const { pathname } = new URL(route.request().url());
    return pathname === "/react-test/app.js"
      ? route.fulfill({ contentType: "text/javascript", body: script })
      : route.fulfill({ contentType: "text/html", body: PAGE });
  });
});

after(async () => {
  await context?.close().catch(() => {});
  demo?.stop();
  if (profile) {
    rmSync(profile, { recursive: true, force: true });
  }
});

/** Records each fetch of /ideas the page makes, and whether its signal aborted it, in `window.__fetches`. */
function recordFetches() {
  window.__fetches = [];
  const original = window.fetch;
  window.fetch = (input, init) => {
    if (String(input).endsWith("/ideas")) {
      const record = { aborted: false };
      window.__fetches.push(record);
      init?.signal?.addEventListener("abort", () => (record.aborted = true));
    }
    return original(input, init);
  };
}

async function openPage(query, initScript) {
  const page = await context.newPage();
  if (initScript) {
    await page.addInitScript(initScript);
  }
  const problems = [];
  page.on("pageerror", (error) => problems.push(error.message));
  page.on("console", (message) => message.type() === "error" && problems.push(message.text()));
  await page.goto(new URL(`/react-test/index.html?${query}`, demo.url).href);
  await page.waitForSelector("body[data-ready=true]");
  return { page, problems };
}

/** Starts recording the list after every DOM change: how many items and how much text. */
async function recordRenders(page) {
  await page.evaluate(() => {
    window.__renders = [];
    const list = document.getElementById("ideas");
    new MutationObserver(() => {
      window.__renders.push({ items: list.children.length, chars: list.textContent.length });
    }).observe(list, { childList: true, subtree: true, characterData: true });
  });
}

async function connections() {
  return offlineConnections(demo.url);
}

/** Waits until no model call is open upstream, and returns the report. */
async function settled() {
  let report = await connections();
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline && report.open !== 0) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    report = await connections();
  }
  assert.equal(report.open, 0, "a model call is still open upstream");
  return report;
}

test("the hook renders growing partials under StrictMode, then the final validated value", async () => {
  const { page, problems } = await openPage("count=5&topic=board%20games");
  await recordRenders(page);
  await page.click("#start");
  await page.waitForSelector("#status[data-status=done]", { timeout: 60_000 });

  const ideas = await ideasShown(page);
  assert.equal(ideas.length, 5);
  for (const idea of ideas) {
    assert.ok(idea.title.length > 0 && idea.blurb.length > 0, `an idea of the final value is empty: ${JSON.stringify(idea)}`);
  }
  const renders = await page.evaluate(() => window.__renders);
  assert.ok(renders.some((render) => render.items > 0 && render.items < 5), "no render showed the list part-way");
  const lengths = new Set(renders.map((render) => render.chars));
  assert.ok(lengths.size >= 10, `only ${lengths.size} distinct texts: the partials did not reach the page one by one`);
  assert.equal(await page.textContent("#error"), "");
  assert.deepEqual(problems, []);
  await page.close();
});

test("a stream started by an effect: StrictMode's second run shows one stream, no model call is left running", async (t) => {
  const before = await settled();
  const { page, problems } = await openPage("count=3&autostart", recordFetches);
  await page.waitForSelector("#status[data-status=done]", { timeout: 60_000 });

  // The page's side: each run's start fetched, and the first run's fetch was aborted by StrictMode's cleanup.
  const fetches = await page.evaluate(() => window.__fetches);
  assert.ok(fetches.length >= 1 && fetches.length <= 2, `${fetches.length} fetches of /ideas`);
  assert.deepEqual(
    fetches.map((fetched) => fetched.aborted),
    fetches.length === 2 ? [true, false] : [false],
    "every fetch but the last aborted",
  );

  assert.equal((await ideasShown(page)).length, 3);
  const report = await settled();
  const calls = report.requests - before.requests;
  const cancelled = report.cancelledAt.length - before.cancelledAt.length;
  t.diagnostic(`${fetches.length} fetch(es), ${calls} model call(s), ${cancelled} cancelled`);
  // StrictMode's cleanup aborts the first run's fetch: before it left the browser (one call), or after, when the
  // server cancels its model call once a write finds the connection closed. Chromium may instead drain a short
  // aborted response to reuse the connection; the server then sees a client still reading, and that first call runs
  // to its end for nobody (a development-only cost: StrictMode's double run exists in development builds alone).
  assert.ok(calls >= 1 && calls <= 2, `${calls} model calls for StrictMode's two runs`);
  assert.ok(cancelled <= calls - 1, `${cancelled} of ${calls} model calls cancelled: the page's own was cancelled`);
  assert.deepEqual(problems, []);
  await page.close();
});

test("unmounting the component mid-stream closes the model call upstream", async () => {
  const before = await settled();
  const { page, problems } = await openPage("count=20&topic=city%20night%20markets");
  await page.click("#start");
  await page.waitForFunction(() => document.querySelectorAll("#ideas > li").length >= 2, null, { timeout: 60_000 });
  const unmountedAt = Date.now();
  await page.click("#unmount");
  await page.waitForSelector("#unmounted");

  const report = await settled();
  const upstream = report.connections[report.connections.length - 1];
  assert.equal(report.requests, before.requests + 1, "one model call for one stream");
  assert.equal(report.cancelledAt.length, before.cancelledAt.length + 1, "the demo did not cancel the call");
  assert.ok(upstream.closedAt - unmountedAt < 3000, `upstream closed ${upstream.closedAt - unmountedAt} ms after unmount`);
  assert.deepEqual(problems, []);
  await page.close();
});
