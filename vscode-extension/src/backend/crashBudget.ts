/**
 * How many crashes the backend may have in a window before the extension stops restarting it
 * (vscode-java's rule: 5 in 3 minutes). Pure, so it is tested without a process or an editor.
 */
export class CrashBudget {
  private readonly crashTimesMillis: number[] = [];

  constructor(
    readonly maxCrashes: number = 5,
    readonly windowMillis: number = 3 * 60 * 1000,
  ) {}

  /** Records a crash at {@code nowMillis}; true while a restart is still allowed. */
  recordCrash(nowMillis: number): boolean {
    this.crashTimesMillis.push(nowMillis);
    while (this.crashTimesMillis.length > 0 && nowMillis - this.crashTimesMillis[0]! > this.windowMillis) {
      this.crashTimesMillis.shift();
    }
    return this.crashTimesMillis.length < this.maxCrashes;
  }

  get crashesInWindow(): number {
    return this.crashTimesMillis.length;
  }
}
