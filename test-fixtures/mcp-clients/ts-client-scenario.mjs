// The TypeScript SDK's client against `productos mcp`, over streamable HTTP (MCP_SERVER_URL and
// MCP_BEARER_TOKEN) or stdio (MCP_SERVER_COMMAND, a JSON array spawned by the SDK's stdio transport).
// It lists tools, calls a low-risk tool, hits an approval (then waits for a line on stdin: the test
// decides the approval meanwhile) and reads the resumed run, and cancels a call the server is running.
// Each step prints one JSON line on stdout for the Java test to check.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import readline from 'node:readline';

const stdin = readline.createInterface({ input: process.stdin });
const input = stdin[Symbol.asyncIterator]();
const say = (event) => console.log(JSON.stringify(event));

function transport() {
  if (process.env.MCP_SERVER_URL) {
    return new StreamableHTTPClientTransport(new URL(process.env.MCP_SERVER_URL), {
      requestInit: { headers: { Authorization: `Bearer ${process.env.MCP_BEARER_TOKEN}` } },
    });
  }
  const [command, ...args] = JSON.parse(process.env.MCP_SERVER_COMMAND);
  return new StdioClientTransport({ command, args, env: { ...process.env }, stderr: 'ignore' });
}

const client = new Client({ name: 'productos-ts-test', version: '1.0.0' });
await client.connect(transport());

const { tools } = await client.listTools();
say({ event: 'tools', names: tools.map((tool) => tool.name) });

// callTool checks structuredContent against the tool's outputSchema (from tools/list) itself.
const ingested = await client.callTool({
  name: 'events.ingest',
  arguments: { events: [{ user_id: 'u1', event_name: 'signup', timestamp: '2026-03-01T10:00:00Z' }] },
});
say({ event: 'called', isError: ingested.isError ?? false, structured: ingested.structuredContent });

const parked = await client.callTool({ name: 'brand.update_profile', arguments: JSON.parse(process.env.PROFILE_UPDATE) });
const run = parked._meta['productos/run'];
say({ event: 'approval', isError: parked.isError, approvalId: run.approvalId, runId: run.runId, text: parked.content[0].text });
await input.next();
stdin.close();
const resumed = await client.readResource({ uri: `productos://runs/${run.runId}` });
say({ event: 'resumed', status: JSON.parse(resumed.contents[0].text).status });

const controller = new AbortController();
let cancelledRunId;
try {
  await client.callTool({ name: 'marketing.list_drafts', arguments: { limit: 2 } }, undefined, {
    signal: controller.signal,
    onprogress: (progress) => {
      const started = /started as run (\S+)/.exec(progress.message ?? '');
      if (started) {
        cancelledRunId = started[1];
        controller.abort(new Error('the person changed their mind'));
      }
    },
  });
  say({ event: 'not-cancelled' });
} catch (error) {
  // The SDK sends notifications/cancelled without waiting for it; wait for the run to show it.
  const deadline = Date.now() + 30_000;
  let status;
  while (Date.now() < deadline) {
    const read = await client.readResource({ uri: `productos://runs/${cancelledRunId}` });
    status = JSON.parse(read.contents[0].text).status;
    if (status !== 'running' && status !== 'queued') break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  say({ event: 'cancelled', error: String(error?.message ?? error), runId: cancelledRunId, status });
}
await client.close();
