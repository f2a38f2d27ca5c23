// The demo page: streams ideas from POST /ideas with the instructor-stream client and renders each partial.
// Plain ES modules, no build step: the client is the npm package's own dist/, served under /vendor/.

const $ = (id) => document.getElementById(id);
const els = {
  form: $("ask"), topic: $("topic"), count: $("count"), generate: $("generate"), stop: $("stop"),
  state: $("state"), formatUsed: $("format-used"), partials: $("partials"), error: $("error"),
  restarts: $("restarts"), ideas: $("ideas"), provider: $("provider"), offlineTip: $("offline-tip"),
};

let client;
let controller = null;

async function main() {
  showProvider();
  try {
    client = await import("/vendor/instructor-stream/index.js");
  } catch (error) {
    setState("error", "The page cannot start.");
    showError("The instructor-stream client is missing from this build. Start the demo with ./demo, which builds "
      + "clients/js first. (" + error.message + ")");
    els.generate.disabled = true;
    return;
  }
  els.form.addEventListener("submit", (event) => {
    event.preventDefault();
    generate();
  });
  els.stop.addEventListener("click", stop);
  document.body.dataset.ready = "true";
}

async function showProvider() {
  try {
    const info = await (await fetch("/info")).json();
    els.provider.textContent = info.offline ? "offline" : `${info.provider} · ${info.model}`;
    els.provider.classList.toggle("offline", info.offline);
    els.offlineTip.hidden = !info.offline;
  } catch {
    els.provider.textContent = "provider unknown";
  }
}

async function generate() {
  controller?.abort();
  const mine = new AbortController();
  controller = mine;
  const format = new FormData(els.form).get("format");
  // An empty field asks for the server's default (null), where Number("") would send 0 and be refused.
  const count = els.count.value.trim() === "" ? null : Number(els.count.value);
  const body = { topic: els.topic.value, count };
  const started = performance.now();
  let partials = 0;
  clearError();
  els.restarts.replaceChildren();
  els.ideas.replaceChildren();
  els.formatUsed.hidden = true;
  els.partials.hidden = true;
  setState("streaming", "Asking the model…");
  setBusy(true);
  try {
    const ideas = await client.streamStructured({
      url: "/ideas",
      body,
      format,
      signal: mine.signal,
      throttleMs: 50,
      idleTimeoutMs: 60000,
      // Wraps fetch only to show which format the server really used.
      fetch: async (input, init) => {
        const response = await fetch(input, init);
        if (response.ok) {
          showPill(els.formatUsed, "format: " + (response.headers.get("X-Instructor-Format") ?? "snapshot"));
        }
        return response;
      },
      onPartial: (value) => {
        partials++;
        render(value, false);
        showPill(els.partials, partials + (partials === 1 ? " partial" : " partials"));
        setState("streaming", `Streaming… ${countOf(value)}${count === null ? "" : ` of ${count}`}`);
      },
      // The Java server's restart event carries no reason (docs/wire-format.md, section 4): say what is known.
      onRestart: (attempt) => {
        els.ideas.replaceChildren();
        const item = document.createElement("li");
        item.textContent = `Attempt ${attempt}: the previous answer failed validation, so the model was asked again.`;
        els.restarts.append(item);
      },
    });
    render(ideas, true);
    setState("done", `Done: ${ideas.length} ideas in ${seconds(started)} s, validated.`);
  } catch (error) {
    if (controller !== mine) {
      return; // a newer request replaced this one
    }
    if (error?.name === "AbortError") {
      setState("stopped", `Stopped after ${seconds(started)} s; the server cancels the model call.`);
    } else {
      setState("error", "Failed.");
      showError(describe(error));
    }
  } finally {
    if (controller === mine) {
      controller = null;
      setBusy(false);
      // Whatever ended the stream, no idea is being written any more.
      for (const item of els.ideas.querySelectorAll(".writing")) {
        item.classList.remove("writing");
      }
    }
  }
}

function stop() {
  controller?.abort();
}

function render(value, final) {
  const ideas = Array.isArray(value) ? value : [];
  ideas.forEach((idea, index) => {
    let item = els.ideas.children[index];
    if (!item) {
      item = document.createElement("li");
      item.className = "idea";
      item.append(document.createElement("h3"), document.createElement("p"));
      els.ideas.append(item);
    }
    setText(item.firstElementChild, idea?.title ?? "");
    setText(item.lastElementChild, idea?.blurb ?? "");
    item.classList.toggle("writing", !final && index === ideas.length - 1);
  });
  while (els.ideas.children.length > ideas.length) {
    els.ideas.lastElementChild.remove();
  }
}

// Touches the DOM only where text changed, so unchanged ideas stay put (and observers see real progress).
function setText(element, text) {
  if (element.textContent !== text) {
    element.textContent = text;
  }
}

function describe(error) {
  if (error instanceof client.HttpError) {
    if (error.field === "topic" || error.field === "count") {
      els[error.field].setAttribute("aria-invalid", "true");
    }
    return `The server refused the request (${error.status}): ${error.message}`;
  }
  if (error instanceof client.StreamError) {
    return `The stream failed (${error.type ?? "error"}): ${error.message}`;
  }
  if (error instanceof client.IncompleteStreamError) {
    return "The connection was cut before the answer was complete.";
  }
  return error?.message ?? String(error);
}

function countOf(value) {
  return Array.isArray(value) ? value.length : 0;
}

function seconds(started) {
  return ((performance.now() - started) / 1000).toFixed(1);
}

function setState(state, text) {
  document.body.dataset.state = state;
  els.state.textContent = text;
}

function setBusy(busy) {
  els.generate.disabled = busy;
  els.stop.disabled = !busy;
}

function showPill(element, text) {
  element.textContent = text;
  element.hidden = false;
}

function showError(text) {
  els.error.textContent = text;
  els.error.hidden = false;
}

function clearError() {
  els.error.hidden = true;
  els.error.textContent = "";
  els.topic.removeAttribute("aria-invalid");
  els.count.removeAttribute("aria-invalid");
}

main();
