// A React page for e2e/test/react.test.mjs: instructor-stream's useStructuredStream in React's development build,
// under StrictMode, against the demo's POST /ideas. Bundled by esbuild when the test starts and served by the test
// on the demo's origin, so that the hook talks to the real server.
import { StrictMode, useEffect, useState } from "react";
import { createRoot } from "react-dom/client";
import { useStructuredStream } from "instructor-stream/react";

const params = new URLSearchParams(location.search);
const request = { topic: params.get("topic") ?? "rainy day games", count: Number(params.get("count") ?? 5) };

function Ideas({ autoStart }) {
  const stream = useStructuredStream("/ideas", { throttleMs: 0 });
  // The pattern StrictMode exists to test: a stream started by an effect, which React runs, cleans up and runs again.
  useEffect(() => {
    if (autoStart) {
      stream.start(request);
    }
  }, [autoStart, stream.start]);
  const ideas = Array.isArray(stream.value) ? stream.value : [];
  return (
    <section>
      <button id="start" onClick={() => stream.start(request)}>Start</button>
      <button id="stop" onClick={stream.stop}>Stop</button>
      <p id="status" data-status={stream.status}>{stream.status}</p>
      <p id="error">{stream.error ? `${stream.error.name}: ${stream.error.message}` : ""}</p>
      <ol id="ideas">
        {ideas.map((idea, i) => (
          <li key={i}>
            <h3>{idea?.title ?? ""}</h3>
            <p>{idea?.blurb ?? ""}</p>
          </li>
        ))}
      </ol>
    </section>
  );
}

function App() {
  const [shown, setShown] = useState(true);
  return (
    <main>
      <button id="unmount" onClick={() => setShown(false)}>Unmount</button>
      {shown ? <Ideas autoStart={params.has("autostart")} /> : <p id="unmounted">unmounted</p>}
    </main>
  );
}

createRoot(document.getElementById("root")).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
document.body.dataset.ready = "true";
