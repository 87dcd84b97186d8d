import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CodeServerHost, freshProfile, HostProfile } from './codeServerHost';
import { CodeServerWorkbench } from './codeServerWorkbench';
import { GuardedBrowser } from './guardedBrowser';
import { backendPids } from './backendProcesses';
import { activationToReadyMillis } from './outputChannelLog';
import { pollUntil } from './pollUntil';

// The bundle runs from out/e2e/, two levels below the module folder.
const moduleDir = join(__dirname, '..', '..');
const targetDir = join(moduleDir, 'target');
const codeServer = join(targetDir, 'hosts/code-server/node_modules/.bin/code-server');
const vsix = join(targetDir, 'productos.vsix');

describe('the extension in code-server, installed from the VSIX', () => {
  let profile: HostProfile;
  let host: CodeServerHost;
  let browser: GuardedBrowser;
  let workbench: CodeServerWorkbench;

  before(async () => {
    profile = freshProfile(targetDir, 'code-server');
    host = new CodeServerHost(codeServer, profile);
    host.installExtension(vsix);
    const baseUrl = await host.start();
    browser = await GuardedBrowser.launch(profile.root);
    workbench = new CodeServerWorkbench(await browser.context.newPage(), join(targetDir, 'e2e-screenshots/code-server'));
    await workbench.open(baseUrl, profile.workspace);
  });

  after(async () => {
    await browser?.close();
    await host?.stop();
  });

  it('starts the bundled backend and says it is ready', async () => {
    await workbench.statusBarItem('Product OS: ready').waitFor({ timeout: 90_000 });
    const millis = await pollUntil(() => activationToReadyMillis(profile.userDataDir), 30_000, 'the activation-to-ready log line');
    assert.ok(millis > 0, `activation to ready: ${millis} ms`);
    await workbench.screenshot('backend-ready');
  });

  it('runs a funnel from the command palette and shows the run in the Runs view', async () => {
    await workbench.runCommand('Product OS: Funnel Summary');
    await workbench.answerQuickInput(JSON.stringify({
      range_days: 30, funnel: { name: 'activation', steps: [{ event_name: 'signup' }, { event_name: 'project_created' }] },
    }));
    await workbench.openContainer('Product OS');
    await workbench.treeRows('productos', 'analytics.funnel_summary').filter({ hasText: 'succeeded' }).first().waitFor({ timeout: 60_000 });
    await workbench.screenshot('funnel-run-succeeded');
  });

  it('holds a publish for approval and runs it once approved in the Approvals view', async () => {
    await workbench.runCommand('Product OS: Publish Campaign');
    await workbench.answerQuickInput(JSON.stringify({
      campaign: { name: 'launch', posts: [{ channel: 'mastodon', text: 'Product OS is out.' }] }, schedule: { mode: 'now' },
    }));
    await workbench.openContainer('Product OS');
    const pending = workbench.treeRows('productos', 'marketing.publish_missinglettr').filter({ has: workbench.page.locator('.action-label[aria-label="Approve"]') }).first();
    await pending.waitFor({ state: 'attached', timeout: 60_000 });
    const notice = workbench.notification('marketing.publish_missinglettr waits for your approval');
    await notice.first().waitFor({ timeout: 30_000 });
    await workbench.screenshot('publish-awaiting-approval');
    await pending.hover();
    await pending.locator('.action-label[aria-label="Approve"]').click();
    await workbench.treeRows('productos', 'marketing.publish_missinglettr').filter({ hasText: 'succeeded' }).first().waitFor({ timeout: 60_000 });
    // Decided in the view: its notification is gone, not left offering Approve and Deny.
    await notice.first().waitFor({ state: 'detached', timeout: 30_000 });
    await workbench.screenshot('publish-approved-succeeded');
  });

  it('opens the chat panel, whose page loads under its CSP and asks the backend for the model', async () => {
    const cspViolations: string[] = [];
    workbench.page.on('console', (message) => { if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text()); });
    await workbench.runCommand('Product OS: Open Chat');
    const panel = workbench.page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    await panel.locator('.composer vscode-button', { hasText: 'Send' }).waitFor({ timeout: 30_000 });
    // Either the model in use or the backend's answer that it has no supervisor: the panel got a reply.
    await panel.locator('.model:not(:has-text("asking the backend")), .notice.error').first().waitFor({ timeout: 30_000 });
    await workbench.screenshot('chat-panel');
    assert.deepEqual(cspViolations, []);
  });

  it('runs a prompt through the backend supervisor: a tool-run card, then an approval card decided from the panel', async () => {
    const panel = workbench.page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    const send = async (prompt: string): Promise<void> => {
      await panel.locator('.composer vscode-textarea textarea').fill(prompt);
      await panel.locator('.composer vscode-button', { hasText: 'Send' }).click();
      await panel.locator('.message.user', { hasText: prompt }).waitFor({ timeout: 30_000 });
    };
    // A low-risk read: the offline planner picks the funnel tool, which runs without approval.
    await send('funnel visit > signup > activate for the last 30 days');
    await panel.locator('.card.run.status-succeeded[data-tool="analytics.funnel_summary"]').waitFor({ timeout: 60_000 });
    await workbench.screenshot('chat-funnel-run');
    // A medium-risk call asked by the supervisor waits for a person; approving it in the card lets the run go on.
    await send('roll back web');
    const approval = panel.locator('.card.approval.state-pending', { hasText: 'cloudrun.rollback_service waits for your approval' });
    await approval.waitFor({ timeout: 60_000 });
    await workbench.screenshot('chat-approval-pending');
    await approval.locator('vscode-button', { hasText: 'Approve' }).click();
    await panel.locator('.card.approval .decision', { hasText: 'Decided: the run is' }).waitFor({ timeout: 60_000 });
    // The run itself ends (there is no service "web" in this workspace, so the rollback says so) and the turn answers.
    await panel.locator('.card.run[data-tool="cloudrun.rollback_service"]:is(.status-succeeded, .status-failed)').waitFor({ timeout: 60_000 });
    await workbench.screenshot('chat-approval-decided');
  });

  it('opens a generated draft from the Campaigns view and counts an edit past the channel limit as the backend does', async () => {
    await workbench.runCommand('Product OS: Run Tool...');
    await workbench.answerQuickInput('brand.update_profile');
    const profile = JSON.parse(readFileSync(join(moduleDir, '../test-fixtures/brand/complete-profile.json'), 'utf8'));
    await workbench.answerQuickInput(JSON.stringify({ profile_id: 'acme', patch: profile }));
    await workbench.treeRows('productos', 'brand.update_profile').filter({ hasText: 'succeeded' }).first().waitFor({ timeout: 60_000 });
    await workbench.runCommand('Product OS: Generate Posts');
    await workbench.answerQuickInput(JSON.stringify({ brand_profile_id: 'acme', channels: ['x'], variations_per_channel: 1,
      brief: { goal: 'launch', product: 'Acme Analytics', audience: 'product managers', key_points: ['funnels in one click'] } }));
    const draftRow = workbench.treeRows('productos', 'Acme Analytics: launch').first();
    await draftRow.waitFor({ timeout: 60_000 });
    await workbench.screenshot('campaigns-draft-listed');
    await draftRow.click();
    const panel = workbench.page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    const post = panel.locator('.post[data-channel="x"]').last();
    await post.locator('.counter').waitFor({ timeout: 30_000 });
    assert.doesNotMatch(await post.locator('.counter').innerText(), /over/);
    await post.locator('vscode-textarea textarea').fill('Funnels in one click. '.repeat(14));
    await post.locator('.counter.over', { hasText: "over x's limit" }).waitFor();
    assert.match(await post.locator('.counter').innerText(), /^308 \/ 280: 28 over x's limit$/);
    await workbench.screenshot('draft-edited-past-limit');
    await post.locator('vscode-button', { hasText: 'Save' }).click();
    // The backend checks the edit again and refuses it, counting as the panel did (28 over).
    await panel.locator('.notice.error', { hasText: 'shorten it by 28' }).last().waitFor({ timeout: 60_000 });
    await workbench.screenshot('draft-edit-refused-by-backend');
  });

  it('restarts the backend after it is killed, and the views fill again from its records', async () => {
    const [pid, ...others] = backendPids(profile.workspace);
    assert.ok(pid !== undefined && others.length === 0, `one backend in the workspace, found ${[pid, ...others].join(', ')}`);
    process.kill(pid, 'SIGKILL');
    await workbench.statusBarItem('Product OS: restarting').or(workbench.statusBarItem('Product OS: starting')).first().waitFor({ timeout: 30_000 });
    await workbench.statusBarItem('Product OS: ready').waitFor({ timeout: 90_000 });
    const [restarted] = backendPids(profile.workspace);
    assert.ok(restarted !== undefined && restarted !== pid, 'a new backend process');
    await workbench.openContainer('Product OS');
    // The Insights view refills from the new backend's runs/list, and new runs go to the new backend.
    const funnels = workbench.treeRows('productos', 'Funnel activation');
    await funnels.first().waitFor({ timeout: 30_000 });
    assert.equal(await funnels.count(), 1);
    await workbench.runCommand('Product OS: Funnel Summary');
    await workbench.answerQuickInput(JSON.stringify({
      range_days: 7, funnel: { name: 'activation', steps: [{ event_name: 'signup' }, { event_name: 'project_created' }] },
    }));
    await funnels.nth(1).waitFor({ timeout: 60_000 });
    await workbench.screenshot('backend-restarted-views-recovered');
  });

  it('made no request beyond 127.0.0.1', () => {
    assert.deepEqual(browser.blockedUrls, []);
  });

  it('leaves no backend process behind once the editor stops', async () => {
    await browser.close();
    await host.stop();
    await pollUntil(() => (backendPids(profile.workspace).length === 0 ? true : undefined), 30_000, 'the end of the backend process');
  });
});
