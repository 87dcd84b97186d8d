import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

/** The backend processes (`java -jar productos.jar serve --stdio`) running in one workspace folder, from /proc. */
export function backendPids(workspaceFolder: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (!argv.some((a) => a.endsWith('productos.jar')) || !argv.includes('serve')) continue;
      if (readlinkSync(`/proc/${entry}/cwd`) === workspaceFolder) pids.push(Number(entry));
    } catch {
      // The process ended while being read.
    }
  }
  return pids;
}
