// Preload for running the conformance suite against `productos mcp --http`, whose endpoint needs a
// bearer token: the suite has no option for one, so every request it makes to MCP_SERVER_URL's origin
// gets `Authorization: Bearer $MCP_BEARER_TOKEN`, as a configured MCP client would send it. Its
// requests go through global fetch (the TypeScript SDK's transport) and undici's request (the
// DNS-rebinding scenario); both are covered. Nothing else is changed.
import { register } from 'node:module';

const token = process.env.MCP_BEARER_TOKEN;
const origin = process.env.MCP_SERVER_URL ? new URL(process.env.MCP_SERVER_URL).origin : null;
if (!token || !origin) {
  throw new Error('bearer-token.mjs needs MCP_BEARER_TOKEN and MCP_SERVER_URL');
}

const originalFetch = globalThis.fetch;
globalThis.fetch = (input, init = {}) => {
  const url = typeof input === 'string' || input instanceof URL ? new URL(input) : new URL(input.url);
  if (url.origin !== origin) return originalFetch(input, init);
  const headers = new Headers(init.headers ?? (input instanceof Request ? input.headers : undefined));
  headers.set('authorization', `Bearer ${token}`);
  return originalFetch(input, { ...init, headers });
};

register('./bearer-token-hooks.mjs', import.meta.url);
