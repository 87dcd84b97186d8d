import { ChildProcess, spawn } from 'node:child_process';
import { createMessageConnection, MessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { CrashBudget } from './crashBudget';
import { RpcMethods } from '../protocol/rpcMethods';
import { InitializeResult } from '../protocol/wireTypes';

export type BackendState = 'starting' | 'ready' | 'restarting' | 'stopped' | 'failed';

export interface BackendOptions {
  readonly javaExecutable: string;
  readonly jarPath: string;
  readonly workspaceFolder: string;
  readonly clientVersion: string;
  readonly budget: CrashBudget;
  readonly onState: (state: BackendState, detail?: string) => void;
  readonly onStderr: (text: string) => void;
  /** Called with each new connection once initialize answered, so listeners attach again after a restart. */
  readonly onConnection: (connection: MessageConnection, initialized: InitializeResult) => void;
  readonly now?: () => number;
}

/**
 * Runs `java -jar productos.jar serve --stdio` in the workspace folder and keeps it running: after a
 * crash it starts it again until the crash budget is spent, then stops and says why. Free of `vscode`
 * so it is tested against the real backend jar in plain Node.
 */
export class BackendProcess {
  private child: ChildProcess | undefined;
  private connection: MessageConnection | undefined;
  private stopping = false;
  private state: BackendState = 'stopped';

  constructor(private readonly options: BackendOptions) {}

  get currentState(): BackendState {
    return this.state;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get currentConnection(): MessageConnection | undefined {
    return this.state === 'ready' ? this.connection : undefined;
  }

  async start(): Promise<InitializeResult> {
    this.stopping = false;
    return this.launch('starting');
  }

  private setState(state: BackendState, detail?: string): void {
    this.state = state;
    this.options.onState(state, detail);
  }

  private async launch(state: BackendState): Promise<InitializeResult> {
    this.setState(state);
    const child = spawn(this.options.javaExecutable, ['-jar', this.options.jarPath, 'serve', '--stdio'], {
      cwd: this.options.workspaceFolder,
      stdio: ['pipe', 'pipe', 'pipe'],
      // Its own process group, so stopping it takes whatever it started with it.
      detached: true,
    });
    this.child = child;
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (chunk: string) => this.options.onStderr(chunk));
    const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    this.connection = connection;
    const exited = new Promise<never>((_, reject) => {
      child.once('error', (error) => reject(new Error(`the backend could not be started: ${error.message}`)));
      child.once('exit', (code, signal) => reject(new Error(`the backend exited (${signal ?? `code ${code}`}) before it was ready`)));
    });
    child.once('exit', (code, signal) => this.onExit(child, code, signal));
    connection.listen();
    try {
      const initialized = await Promise.race([
        connection.sendRequest<InitializeResult>(RpcMethods.initialize, {
          processId: process.pid,
          clientInfo: { name: 'productos-vscode', version: this.options.clientVersion },
          workspaceFolder: this.options.workspaceFolder,
        }),
        exited,
      ]);
      this.options.onConnection(connection, initialized);
      this.setState('ready', `${initialized.serverInfo.name} ${initialized.serverInfo.version}`);
      return initialized;
    } catch (error) {
      exited.catch(() => undefined);
      throw error;
    }
  }

  private onExit(child: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
    if (child !== this.child) return;
    this.connection?.dispose();
    this.connection = undefined;
    if (this.stopping) {
      this.setState('stopped');
      return;
    }
    const now = (this.options.now ?? Date.now)();
    const reason = signal ? `killed by ${signal}` : `exit code ${code}`;
    if (!this.options.budget.recordCrash(now)) {
      this.setState('failed', `The Product OS backend stopped ${this.options.budget.crashesInWindow} times within `
        + `${Math.round(this.options.budget.windowMillis / 60000)} minutes (last: ${reason}); it is not restarted again. `
        + 'See "Product OS: Show Backend Log", then run "Product OS: Restart Backend".');
      return;
    }
    this.launch('restarting').catch((error: Error) => this.options.onStderr(`restart failed: ${error.message}\n`));
  }

  /** Asks for shutdown and exit, then ends the process group if it is still there. */
  async stop(timeoutMillis = 5000): Promise<void> {
    this.stopping = true;
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    try {
      const connection = this.connection;
      if (connection) {
        await Promise.race([connection.sendRequest(RpcMethods.shutdown), gone, delay(timeoutMillis)]);
        await connection.sendNotification(RpcMethods.exit).catch(() => undefined);
      }
    } catch {
      // The process is ended below either way.
    }
    const timer = setTimeout(() => killGroup(child), timeoutMillis);
    await gone;
    clearTimeout(timer);
    killGroup(child);
  }
}

function delay(millis: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, millis).unref());
}

function killGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}
