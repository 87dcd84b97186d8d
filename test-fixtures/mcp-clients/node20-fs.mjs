// node:fs with a globSync that explains itself (see node20-compat.mjs).
export * from 'node:fs';
import fs from 'node:fs';
export default fs;
export function globSync() {
  throw new Error('fs.globSync needs Node 22 or later (used by the tier-check report only)');
}
