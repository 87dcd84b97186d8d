import { execFile } from 'node:child_process';
import { JavaCandidate, MINIMUM_JAVA_MAJOR, noJavaMessage, parseJavaMajor } from './javaDiscovery';

export interface FoundJava { readonly executable: string; readonly major: number; readonly source: string }

function javaVersionOutput(executable: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(executable, ['-version'], { timeout: 15000 }, (error, stdout, stderr) => {
      if (error) reject(error);
      else resolve(`${stderr}\n${stdout}`);
    });
  });
}

/** The first candidate that runs and is Java 17+; otherwise an Error whose message says what to do. */
export async function findJava(candidates: readonly JavaCandidate[]): Promise<FoundJava> {
  const tried: { candidate: JavaCandidate; problem: string }[] = [];
  for (const candidate of candidates) {
    try {
      const major = parseJavaMajor(await javaVersionOutput(candidate.executable));
      if (major === undefined) tried.push({ candidate, problem: 'its version could not be read' });
      else if (major < MINIMUM_JAVA_MAJOR) tried.push({ candidate, problem: `Java ${major} is too old` });
      else return { executable: candidate.executable, major, source: candidate.source };
    } catch (error) {
      tried.push({ candidate, problem: (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'not found' : 'does not run' });
    }
  }
  throw new Error(noJavaMessage(tried));
}
