/** Waits for a condition that has no event to wait on (a file another process writes), up to a deadline. */
export async function pollUntil<T>(probe: () => T | undefined, timeoutMillis: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMillis;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what} did not appear within ${timeoutMillis} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
