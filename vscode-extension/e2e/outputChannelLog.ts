import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The editor writes each output channel to a log file under the user data folder; returns its text. */
export function outputChannelText(userDataDir: string, channelName: string): string {
  const logs = join(userDataDir, 'logs');
  if (!existsSync(logs)) return '';
  const found = readdirSync(logs, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith(`${channelName}.log`))
    .map((file) => readFileSync(join(logs, file), 'utf8'));
  return found.join('\n');
}

const READY_LINE = /\[extension\] backend ready (\d+) ms after activation/;

/** The extension's own figure: activation to backend ready, in milliseconds; undefined until logged. */
export function activationToReadyMillis(userDataDir: string): number | undefined {
  const match = READY_LINE.exec(outputChannelText(userDataDir, 'Product OS Backend'));
  return match?.[1] === undefined ? undefined : Number(match[1]);
}
