// Sample product service: a tiny sign-up flow (landing -> sign-up -> activate -> upgrade) that
// reports its product events to the analytics executor's ingest endpoint.
//
// Environment:
//   PORT             port to listen on (set by the deploy target; default 8080)
//   ANALYTICS_URL    base URL of the analytics executor; events go to POST {ANALYTICS_URL}/ingest/events
//   ANALYTICS_TOKEN  bearer token for that endpoint (never logged)
//   K_SERVICE, K_REVISION  service and revision names, as Cloud Run sets them
//   SAMPLE_FAIL_AT_START   when "1", exit with an error at start (used to test failed deploys)
'use strict';

const http = require('http');
const crypto = require('crypto');
const { EventSender } = require('./events');

const port = Number(process.env.PORT || 8080);
const revision = process.env.K_REVISION || 'dev';
const service = process.env.K_SERVICE || 'sample-service';

if (process.env.SAMPLE_FAIL_AT_START === '1') {
  console.error('refusing to start: SAMPLE_FAIL_AT_START=1');
  process.exit(3);
}

const events = new EventSender(process.env.ANALYTICS_URL, process.env.ANALYTICS_TOKEN);
// users by id: {email, plan, activated, utm}
const users = new Map();
// The utm_* parameters a visitor's landing request carried, by visitor id: their later events carry
// them too (first touch), so a campaign's visitors can be told apart all along the funnel.
const landingUtm = new Map();
const VISITOR_ID = /^[A-Za-z0-9_.:-]{1,128}$/;

/** The visitor id of X-Visitor-Id when it is usable, else null. */
function visitorOf(req) {
  const visitor = req.headers['x-visitor-id'];
  return typeof visitor === 'string' && VISITOR_ID.test(visitor) ? visitor : null;
}

/** The utm_* query parameters of a URL (at most 5 of them, values cut to 200 characters). */
function utmOf(url) {
  const utm = {};
  const query = new URL(url, 'http://local').searchParams;
  for (const [name, value] of query) {
    if (/^utm_[a-z]{1,20}$/.test(name) && Object.keys(utm).length < 5) utm[name] = value.slice(0, 200);
  }
  return utm;
}

function send(res, status, body) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'x-revision': revision });
  res.end(text);
}

function readJson(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > 64 * 1024) {
        reject(new Error('request body larger than 64 KiB'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (chunks.length === 0) return resolve({});
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch (e) {
        reject(new Error('request body is not JSON'));
      }
    });
    req.on('error', reject);
  });
}

function userOr404(res, body) {
  const user = users.get(body.user_id);
  if (!user) {
    send(res, 404, { error: `no user with id '${body.user_id}'; sign up first` });
    return null;
  }
  return user;
}

const routes = {
  'GET /healthz': async (req, res) => send(res, 200, { status: 'ok', service, revision, events: events.counts() }),
  'GET /': async (req, res) => {
    const visitor = visitorOf(req) || 'anonymous';
    const utm = utmOf(req.url);
    if (visitor !== 'anonymous' && Object.keys(utm).length > 0 && !landingUtm.has(visitor)) landingUtm.set(visitor, utm);
    events.track(visitor, 'landing_viewed', { path: '/', ...utm });
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'x-revision': revision });
    res.end(`<!doctype html><title>${service}</title><h1>${service}</h1><p>revision ${revision}</p>` +
      '<form method="post" action="/signup"><input name="email"><button>Sign up</button></form>');
  },
  'POST /signup': async (req, res) => {
    const body = await readJson(req);
    if (typeof body.email !== 'string' || !body.email.includes('@')) {
      return send(res, 400, { error: 'email is required and must contain @' });
    }
    // The visitor who saw the landing page signs up under the same id, so the funnel follows one person.
    const visitor = visitorOf(req);
    if (visitor && users.has(visitor)) return send(res, 409, { error: `visitor '${visitor}' has already signed up` });
    const userId = visitor || 'u_' + crypto.randomUUID();
    const utm = landingUtm.get(userId) || {};
    users.set(userId, { email: body.email, plan: 'free', activated: false, utm });
    events.track(userId, 'signed_up', { plan: 'free', source: body.source || 'direct', ...utm });
    console.log(`signed up ${userId}`);
    send(res, 201, { user_id: userId, plan: 'free' });
  },
  'POST /activate': async (req, res) => {
    const body = await readJson(req);
    const user = userOr404(res, body);
    if (!user) return;
    if (!user.activated) {
      user.activated = true;
      events.track(body.user_id, 'activated', { ...user.utm });
    }
    send(res, 200, { user_id: body.user_id, activated: true });
  },
  'POST /upgrade': async (req, res) => {
    const body = await readJson(req);
    const user = userOr404(res, body);
    if (!user) return;
    const plan = body.plan || 'pro';
    if (!['pro', 'team'].includes(plan)) return send(res, 400, { error: "plan must be 'pro' or 'team'" });
    if (!user.activated) return send(res, 409, { error: 'activate the account before upgrading' });
    const from = user.plan;
    user.plan = plan;
    events.track(body.user_id, 'upgraded', { from_plan: from, to_plan: plan, ...user.utm });
    send(res, 200, { user_id: body.user_id, plan });
  },
};

const server = http.createServer((req, res) => {
  const path = req.url.split('?')[0];
  const handler = routes[`${req.method} ${path}`];
  if (!handler) return send(res, 404, { error: `no route ${req.method} ${path}` });
  handler(req, res).catch((e) => send(res, 400, { error: e.message }));
});

server.listen(port, '127.0.0.1', () => {
  console.log(`${service} revision ${revision} listening on 127.0.0.1:${server.address().port}`);
});

function shutdown(signal) {
  console.log(`received ${signal}, draining`);
  server.close(() => events.flush().finally(() => process.exit(0)));
  // Keep-alive connections from the deploy front would hold close() open; they carry no request now.
  server.closeIdleConnections();
  setTimeout(() => process.exit(0), 2000).unref();
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
