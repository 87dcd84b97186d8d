import * as path from 'node:path';

/** Where a Java runtime was looked for, in order: the setting, JAVA_HOME, then PATH. */
export interface JavaCandidate {
  readonly source: 'setting productos.java.home' | 'JAVA_HOME' | 'PATH';
  readonly executable: string;
}

export const MINIMUM_JAVA_MAJOR = 17;

export function javaCandidates(settingHome: string | undefined, env: NodeJS.ProcessEnv, platform: NodeJS.Platform): JavaCandidate[] {
  const exe = platform === 'win32' ? 'java.exe' : 'java';
  const candidates: JavaCandidate[] = [];
  if (settingHome && settingHome.trim()) candidates.push({ source: 'setting productos.java.home', executable: path.join(settingHome.trim(), 'bin', exe) });
  if (env['JAVA_HOME'] && env['JAVA_HOME'].trim()) candidates.push({ source: 'JAVA_HOME', executable: path.join(env['JAVA_HOME'].trim(), 'bin', exe) });
  candidates.push({ source: 'PATH', executable: exe });
  return candidates;
}

/** The major version from `java -version` output ("17.0.15", "1.8.0_392" is 8, "21-ea" is 21). */
export function parseJavaMajor(versionOutput: string): number | undefined {
  const match = /version "([^"]+)"/.exec(versionOutput);
  if (!match) return undefined;
  const parts = match[1]!.split(/[.\-+_]/);
  const first = Number.parseInt(parts[0] ?? '', 10);
  if (Number.isNaN(first)) return undefined;
  if (first === 1) return Number.parseInt(parts[1] ?? '', 10);
  return first;
}

/** What to tell a person when no candidate fits: what was found and exactly what to do. */
export function noJavaMessage(tried: readonly { candidate: JavaCandidate; problem: string }[]): string {
  const found = tried.map((t) => `${t.candidate.source} (${t.candidate.executable}): ${t.problem}`).join('; ');
  return `Product OS needs Java ${MINIMUM_JAVA_MAJOR} or newer to run its backend. Tried ${found}. `
    + `Install a JDK ${MINIMUM_JAVA_MAJOR}+ (for example Eclipse Temurin) and set "productos.java.home" to its folder, or set JAVA_HOME.`;
}
