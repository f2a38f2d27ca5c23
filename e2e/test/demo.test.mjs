// The demo web app in a real browser: Debian's Chromium driven by playwright-core, against ./demo run offline.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { chromium } from "playwright-core";
import { CHROMIUM_ARGS, connections as offlineConnections, ideasShown } from "../demo-page.mjs";
import { startDemo } from "../demo-process.mjs";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

let demo;
let context;
let profile;

before(async () => {
  demo = await startDemo();
  profile = mkdtempSync(join(tmpdir(), "instructor-e2e-chromium-"));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 900, height: 1100 },
  });
});

after(async () => {
  await context?.close().catch(() => {});
  demo?.stop();
  if (profile) {
    rmSync(profile, { recursive: true, force: true });
  }
});

async function openPage() {
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (error) => problems.push(error.message));
  page.on("console", (message) => message.type() === "error" && problems.push(message.text()));
  await page.goto(demo.url);
  await page.waitForSelector("body[data-ready=true]");
  await page.waitForFunction(() => document.getElementById("provider").textContent === "offline");
  // Records the list after every DOM change, with the page's state at that moment.
  await page.evaluate(() => {
    window.__renders = [];
    const list = document.getElementById("ideas");
    new MutationObserver(() => {
      window.__renders.push({
        state: document.body.dataset.state,
        items: list.children.length,
        chars: list.textContent.length,
      });
    }).observe(list, { childList: true, subtree: true, characterData: true });
  });
  return { page, problems };
}

async function connections() {
  return offlineConnections(demo.url);
}

test("ideas stream into the list progressively, then five validated ideas", async () => {
  const { page, problems } = await openPage();
  await page.fill("#topic", "weekend hackathons for beginners");
  await page.fill("#count", "5");
  await page.click("#generate");
  await page.waitForSelector("body[data-state=done]", { timeout: 60_000 });

  const renders = await page.evaluate(() => window.__renders);
  const progressive = new Set(
    renders.filter((render) => render.state === "streaming").map((render) => `${render.items}:${render.chars}`),
  );
  assert.ok(progressive.size >= 3, `expected at least 3 progressive renders before done, saw ${progressive.size}`);
  assert.ok(
    renders.some((render) => render.state === "streaming" && render.items < 5),
    "the list was never seen with fewer than 5 items: it did not grow while streaming",
  );
  const ideas = await ideasShown(page);
  assert.equal(ideas.length, 5);
  for (const idea of ideas) {
    assert.ok(idea.title.trim().length > 0, "an idea without a title");
    assert.ok(idea.blurb.trim().length > 0 && idea.blurb.length <= 140, `bad blurb: ${idea.blurb}`);
  }
  assert.equal(await page.textContent("#format-used"), "format: snapshot");
  assert.match(await page.textContent("#state"), /^Done: 5 ideas/);
  await page.screenshot({ path: "target/demo.png", fullPage: true });
  assert.deepEqual(problems, []);
  await page.close();
});

test("the delta toggle streams in the delta format", async () => {
  const { page, problems } = await openPage();
  await page.check("input[name=format][value=delta]");
  await page.fill("#topic", "rooftop gardens");
  await page.fill("#count", "3");
  await page.click("#generate");
  await page.waitForSelector("body[data-state=done]", { timeout: 60_000 });

  assert.equal(await page.textContent("#format-used"), "format: delta");
  assert.equal((await ideasShown(page)).length, 3);
  assert.deepEqual(problems, []);
  await page.close();
});

test("stop aborts the stream and the demo closes the model call upstream", async (t) => {
  const { page, problems } = await openPage();
  const before = await connections();
  await page.fill("#topic", "city night markets");
  await page.fill("#count", "20");
  await page.click("#generate");
  await page.waitForFunction(() => document.querySelectorAll("#ideas > li").length >= 3, null, { timeout: 60_000 });
  const stoppedAt = Date.now();
  await page.click("#stop");
  await page.waitForSelector("body[data-state=stopped]");

  let report = await connections();
  const deadline = Date.now() + 5000;
  while (
    Date.now() < deadline &&
    !(report.requests > before.requests && last(report.connections).closedAt && report.open === 0)
  ) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    report = await connections();
  }
  const upstream = last(report.connections);
  assert.equal(report.requests, before.requests + 1, "one model call for one stream");
  assert.ok(upstream.closedAt, "the fake provider's connection is still open after stop");
  assert.equal(report.open, 0);
  assert.equal(report.cancelledAt.length, before.cancelledAt.length + 1, "the demo did not cancel the call");
  const cancelledAt = last(report.cancelledAt);
  assert.ok(upstream.closedAt - stoppedAt < 3000, `upstream closed ${upstream.closedAt - stoppedAt} ms after stop`);
  assert.ok(upstream.closedAt >= cancelledAt, "upstream closed before the demo cancelled?");
  t.diagnostic(`stop -> upstream closed in ${upstream.closedAt - stoppedAt} ms (${upstream.closedAt - cancelledAt} ms after the demo cancelled)`);
  const shown = (await ideasShown(page)).length;
  assert.ok(shown >= 3 && shown < 20, `after stop the list keeps what was shown: ${shown}`);
  await page.screenshot({ path: "target/demo-stopped.png", fullPage: true });
  assert.deepEqual(problems, []);
  await page.close();
});

test("a re-ask shows the restart, then the valid ideas", async () => {
  const { page, problems } = await openPage();
  await page.fill("#topic", "re-ask: a neighbourhood bakery");
  await page.fill("#count", "3");
  await page.click("#generate");
  await page.waitForSelector("body[data-state=done]", { timeout: 60_000 });

  const restarts = await page.$$eval("#restarts > li", (items) => items.map((item) => item.textContent));
  assert.equal(restarts.length, 1);
  assert.match(restarts[0], /^Attempt 2: the previous answer failed validation/);
  const ideas = await ideasShown(page);
  assert.equal(ideas.length, 3);
  assert.ok(ideas.every((idea) => idea.blurb.length <= 140));
  await page.screenshot({ path: "target/demo-reask.png", fullPage: true });
  assert.deepEqual(problems, []);
  await page.close();
});

test("a count over 20 is refused with the field's message", async () => {
  const { page } = await openPage();
  await page.fill("#count", "50");
  await page.click("#generate");
  await page.waitForSelector("body[data-state=error]");

  assert.match(await page.textContent("#error"), /400\): count: must be less than or equal to 20/);
  assert.equal(await page.getAttribute("#count", "aria-invalid"), "true");
  await page.close();
});

test("an empty count asks for the server's default, five ideas", async () => {
  const { page, problems } = await openPage();
  await page.fill("#topic", "rainy day activities");
  await page.fill("#count", "");
  await page.click("#generate");
  await page.waitForSelector("body[data-state=done], body[data-state=error]", { timeout: 60_000 });

  assert.equal(await page.getAttribute("body", "data-state"), "done", await page.textContent("#error"));
  assert.equal((await ideasShown(page)).length, 5);
  assert.deepEqual(problems, []);
  await page.close();
});

function last(array) {
  return array[array.length - 1];
}
