// Runs a command while holding a lock directory, so that two builds started at once in the same working tree
// (several `dotnet build`s share AddIn/) never run `npm ci` or the bundle step over each other.
// Usage: node scripts/with-lock.mjs <command> [args...]   (no dependencies: it runs before `npm ci`)
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const lock = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", ".build-lock");
const staleAfterMs = 10 * 60 * 1000;
const deadline = Date.now() + 15 * 60 * 1000;
const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

// A lock whose owner has exited (a build stopped with Ctrl+C), or older than any real build step, is taken over.
function stale() {
  let owner = 0;
  try {
    owner = Number(fs.readFileSync(path.join(lock, "pid"), "utf8"));
  } catch {
    // No pid yet: its owner is between mkdir and writing it (or was killed there; the age below settles that).
  }
  if (owner > 0) {
    try {
      process.kill(owner, 0);
    } catch (e) {
      if (e.code === "ESRCH") return true;
    }
  }
  try {
    return Date.now() - fs.statSync(lock).mtimeMs > staleAfterMs;
  } catch {
    return false; // the lock just went away: try again
  }
}

for (;;) {
  try {
    fs.mkdirSync(lock);
    fs.writeFileSync(path.join(lock, "pid"), String(process.pid));
    break;
  } catch (e) {
    if (e.code !== "EEXIST") throw e;
    if (stale()) { fs.rmSync(lock, { recursive: true, force: true }); continue; }
    if (Date.now() > deadline) { console.error(`with-lock: gave up waiting for ${lock}`); process.exit(1); }
    sleep(500);
  }
}

let status = 1;
try {
  const [command, ...args] = process.argv.slice(2);
  const result = spawnSync(command, args, { stdio: "inherit", shell: process.platform === "win32" });
  if (result.error) console.error(result.error.message);
  status = result.status ?? 1;
} finally {
  fs.rmSync(lock, { recursive: true, force: true });
}
process.exit(status);
