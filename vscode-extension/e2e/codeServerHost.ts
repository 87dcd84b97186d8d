import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where a fresh profile of one run lives; everything under the module's target/ folder. */
export interface HostProfile {
  readonly root: string;
  readonly workspace: string;
  readonly userDataDir: string;
  readonly extensionsDir: string;
}

export function freshProfile(targetDir: string, hostName: string): HostProfile {
  mkdirSync(join(targetDir, 'e2e-runs'), { recursive: true });
  const root = mkdtempSync(join(targetDir, 'e2e-runs', `${hostName}-`));
  const profile = { root, workspace: join(root, 'workspace'), userDataDir: join(root, 'user-data'), extensionsDir: join(root, 'extensions') };
  for (const dir of [profile.workspace, join(profile.userDataDir, 'User'), profile.extensionsDir, join(root, 'xdg')]) mkdirSync(dir, { recursive: true });
  // The workspace sits inside the project's own checkout: keep the editor from offering that repository.
  writeFileSync(join(profile.userDataDir, 'User', 'settings.json'), JSON.stringify({
    'git.openRepositoryInParentFolders': 'never', 'git.enabled': false, 'workbench.startupEditor': 'none',
    'telemetry.telemetryLevel': 'off', 'update.mode': 'none', 'extensions.autoCheckUpdates': false,
  }, null, 2));
  return profile;
}

/**
 * code-server in its own process group, bound to 127.0.0.1 on a port the system picks, with no
 * extension gallery (so it contacts nothing) and the profile's own folders.
 */
export class CodeServerHost {
  private child: ChildProcess | undefined;

  constructor(private readonly executable: string, private readonly profile: HostProfile) {}

  private env(): NodeJS.ProcessEnv {
    const xdg = join(this.profile.root, 'xdg');
    return { ...process.env, XDG_DATA_HOME: xdg, XDG_CONFIG_HOME: xdg, XDG_CACHE_HOME: xdg, EXTENSIONS_GALLERY: '{}' };
  }

  installExtension(vsixPath: string): void {
    execFileSync(this.executable, ['--install-extension', vsixPath, '--extensions-dir', this.profile.extensionsDir,
      '--user-data-dir', this.profile.userDataDir], { env: this.env(), stdio: 'pipe', timeout: 120_000 });
  }

  /** Starts the server and resolves with its base URL once it says where it listens. */
  start(timeoutMillis = 60_000): Promise<string> {
    const child = spawn(this.executable, ['--auth', 'none', '--bind-addr', '127.0.0.1:0', '--disable-telemetry',
      '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
      '--user-data-dir', this.profile.userDataDir, '--extensions-dir', this.profile.extensionsDir, this.profile.workspace],
    { env: this.env(), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    return new Promise((resolve, reject) => {
      let seen = '';
      const timer = setTimeout(() => reject(new Error(`code-server did not start within ${timeoutMillis} ms:\n${seen}`)), timeoutMillis);
      const onData = (chunk: Buffer): void => {
        seen += chunk.toString();
        const match = /HTTP server listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(seen);
        if (match?.[1]) { clearTimeout(timer); resolve(match[1]); }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`code-server exited (code ${code}):\n${seen}`)); });
    });
  }

  /** Ends the whole process group: code-server's file watcher outlives a plain kill of the server. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child?.pid || child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    try { process.kill(-child.pid, 'SIGTERM'); } catch { return; }
    const timer = setTimeout(() => { try { process.kill(-child.pid!, 'SIGKILL'); } catch { /* already gone */ } }, 5_000);
    await exited;
    clearTimeout(timer);
  }
}
