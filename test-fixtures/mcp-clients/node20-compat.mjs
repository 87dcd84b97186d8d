// The conformance suite imports fs.globSync (Node 22+) for its tier-check report only; the server
// scenarios never call it. On Node 20 this preload resolves the suite's 'fs' to node:fs plus a
// globSync that says what it needs, so the scenarios run on the Node the build uses.
import { register } from 'node:module';

if (!('globSync' in (await import('node:fs')))) {
  register('./node20-compat-hooks.mjs', import.meta.url);
}
