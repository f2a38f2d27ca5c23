// What the browser tests against the demo share: Chromium's flags for this closed network, the ideas a page shows,
// and the offline model's report of its connections.
import assert from "node:assert/strict";

// Without the background-networking flags Chromium keeps dialling Google, which this closed network refuses.
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** The ideas a page lists in `#ideas`, each an `<li>` with an `<h3>` title and a `<p>` blurb. */
export async function ideasShown(page) {
  return page.$$eval("#ideas > li", (items) =>
    items.map((item) => ({ title: item.querySelector("h3").textContent, blurb: item.querySelector("p").textContent })),
  );
}

/** The offline demo's report of the model calls it served: requests, connections, open, cancelledAt. */
export async function connections(demoUrl) {
  const response = await fetch(new URL("/_offline/connections", demoUrl));
  assert.equal(response.status, 200);
  return response.json();
}
