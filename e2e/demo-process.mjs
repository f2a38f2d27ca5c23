// Starts the demo with the repository's ./demo script (which builds what is stale), offline on a free port, and
// stops it again: the whole process group, whatever happens to the test.
import { spawn } from "node:child_process";
import { createWriteStream, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const READY = /Demo ready: http:\/\/localhost:(\d+)\//;

/**
 * Starts `./demo --offline --port 0` and resolves with `{ url, stop }` once it prints its URL.
 * Its output goes to e2e/target/demo.log.
 */
export async function startDemo({ timeoutMs = 600_000, paceMs = 30 } = {}) {
  mkdirSync(join(root, "e2e", "target"), { recursive: true });
  const log = createWriteStream(join(root, "e2e", "target", "demo.log"));
  const child = spawn(join(root, "demo"), ["--offline", "--port", "0", "--offline-pace-ms", String(paceMs)], {
    cwd: root,
    detached: true, // its own process group, so stop() also ends the java process the script execs
    stdio: ["ignore", "pipe", "pipe"],
  });
  const stop = () => killGroup(child);
  process.once("exit", stop);
  // The latest output, shown in the error when the demo does not start (CI shows no files).
  let tail = "";
  const keep = (chunk) => {
    log.write(chunk);
    tail = (tail + chunk.toString()).slice(-6000);
  };
  child.stderr.on("data", keep);
  const url = await new Promise((resolve, reject) => {
    let seen = "";
    const timer = setTimeout(() => fail(new Error(`no "Demo ready" line within ${timeoutMs} ms`)), timeoutMs);
    const fail = (error) => {
      clearTimeout(timer);
      stop();
      error.message += `\n--- ./demo output (end) ---\n${tail}`;
      reject(error);
    };
    child.stdout.on("data", (chunk) => {
      keep(chunk);
      if (seen === null) {
        return;
      }
      seen += chunk.toString();
      const match = READY.exec(seen);
      if (match) {
        seen = null;
        clearTimeout(timer);
        // The page's own origin; 127.0.0.1 rather than localhost so that no IPv6 lookup is tried first.
        resolve(`http://127.0.0.1:${match[1]}/`);
      }
    });
    child.once("exit", (code) => seen !== null && fail(new Error(`./demo exited with ${code} before it was ready`)));
  });
  return { url, stop };
}

function killGroup(child) {
  if (child.exitCode !== null || child.signalCode !== null) {
    return;
  }
  try {
    process.kill(-child.pid, "SIGTERM");
  } catch {
    return; // already gone
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {
      // gone meanwhile
    }
  }, 5000);
  timer.unref();
  child.once("exit", () => clearTimeout(timer));
}
