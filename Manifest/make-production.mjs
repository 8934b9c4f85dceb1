// Writes the production manifest: Manifest/manifest.xml with its development origin (https://localhost:3000)
// replaced by the real host, optionally with another add-in id and version.
// Usage: node Manifest/make-production.mjs https://supervision.example.edu.cn [output.xml] [--id GUID] [--version 1.0.0.1]
// Default output: Manifest/dist/manifest.xml. No dependencies (runs wherever the add-in builds).
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const developmentOrigin = "https://localhost:3000";
const args = process.argv.slice(2);
const option = (name) => {
  const at = args.indexOf(name);
  if (at < 0) return null;
  const [, value] = args.splice(at, 2);
  return value ?? null;
};
const id = option("--id");
const version = option("--version");
const [host, output = path.join(here, "dist", "manifest.xml")] = args;

function fail(message) {
  console.error(`make-production: ${message}`);
  process.exit(1);
}

let origin;
try {
  origin = new URL(host ?? "");
} catch {
  fail("give the production origin, e.g. node Manifest/make-production.mjs https://supervision.example.edu.cn");
}
if (origin.protocol !== "https:") fail(`Office loads add-ins only over https, not ${origin.protocol}`);
if (origin.pathname !== "/" || origin.search || origin.hash) fail("give only the origin (scheme, host and port), without a path");
if (origin.origin === developmentOrigin) fail("that is the development origin");
if (id !== null && !/^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$/i.test(id)) fail(`--id must be a GUID, not ${id}`);
if (version !== null && !/^\d{1,5}(\.\d{1,5}){0,3}$/.test(version)) fail(`--version must look like 1.0.0.1, not ${version}`);

let xml = fs.readFileSync(path.join(here, "manifest.xml"), "utf8");
const count = xml.split(developmentOrigin).length - 1;
xml = xml.replaceAll(developmentOrigin, origin.origin);
// The comment about development URLs does not apply to the copy.
xml = xml.replace(/<!--[\s\S]*?-->\n/, `<!-- Production manifest of 督查助手 for ${origin.origin}, made from Manifest/manifest.xml by make-production.mjs. -->\n`);
if (id) xml = xml.replace(/<Id>[^<]*<\/Id>/, `<Id>${id}</Id>`);
if (version) xml = xml.replace(/<Version>[^<]*<\/Version>/, `<Version>${version}</Version>`);
if (xml.includes("localhost")) fail("a localhost URL is left in the manifest");
fs.mkdirSync(path.dirname(path.resolve(output)), { recursive: true });
fs.writeFileSync(output, xml);
console.log(`make-production: ${count} URLs now on ${origin.origin} → ${path.resolve(output)}`);
