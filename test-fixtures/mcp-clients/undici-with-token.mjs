// undici with a request() that adds the bearer token for the server under test (see bearer-token.mjs).
// Only the Authorization header is added; Host, Origin and everything else pass as the suite sent them.
import * as undici from 'undici';

export * from 'undici';
export default undici.default ?? undici;

const origin = new URL(process.env.MCP_SERVER_URL).origin;

export function request(url, options = {}) {
  if (new URL(url).origin !== origin) return undici.request(url, options);
  const headers = { ...(options.headers ?? {}), authorization: `Bearer ${process.env.MCP_BEARER_TOKEN}` };
  return undici.request(url, { ...options, headers });
}
