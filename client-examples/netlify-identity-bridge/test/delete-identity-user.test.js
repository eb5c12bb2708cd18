'use strict';

const { describe, it, before, after, beforeEach, afterEach } = require('node:test');
const assert = require('node:assert/strict');
const http = require('node:http');
const crypto = require('node:crypto');

const { handler } = require('../netlify/functions/delete-identity-user.js');

const ADMIN_TOKEN = `admin-token-${crypto.randomUUID()}`;
const BRIDGE_SECRET = `bridge-secret-${crypto.randomUUID()}`;
const ALICE = '6d0a1f1e-3c7b-4a7e-9a51-2b9f0c1d2e3f';
const BOB = '0f8e2c4a-1b3d-4e5f-8a7b-9c0d1e2f3a4b';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Hosted Identity lives under the site origin, so mount the stand-in the same way.
const MOUNT = '/.netlify/identity';

// Local stand-in for netlify/gotrue's DELETE /admin/users/{id}
// (docs/identity.md, "Admin API" and "Netlify-hosted Identity"). `behaviour` lets a test force a failure mode.
function startGoTrue() {
  const state = { requests: [], users: new Set(), behaviour: 'normal', timers: new Set() };
  const send = (res, status, payload, type = 'application/json') => {
    res.writeHead(status, { 'Content-Type': type });
    res.end(typeof payload === 'string' ? payload : JSON.stringify(payload));
  };

  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const path = req.url.startsWith(MOUNT) ? req.url.slice(MOUNT.length) : req.url;
      state.requests.push({ method: req.method, url: req.url, path, headers: req.headers, body });

      if (state.behaviour === 'slow') {
        const t = setTimeout(() => send(res, 200, {}), 3000);
        state.timers.add(t);
        return;
      }
      if (state.behaviour === 'fail500') {
        return send(res, 500, { code: 500, msg: 'Database error deleting user', error_id: 'req-1' });
      }
      if (state.behaviour === 'echoToken') {
        return send(res, 500, { code: 500, msg: `boom, got ${req.headers.authorization}` });
      }
      if (state.behaviour === 'html404') {
        return send(res, 404, '<html>Page not found</html>', 'text/html');
      }

      // Admin check comes first in GoTrue's middleware.
      const match = /^[Bb]earer (\S+)$/.exec(req.headers.authorization || '');
      if (!match) return send(res, 401, { code: 401, msg: 'This endpoint requires a Bearer token' });
      if (match[1] !== ADMIN_TOKEN) return send(res, 401, { code: 401, msg: 'User not allowed' });
      // requireAdmin decodes any non-empty (or chunked) body as JSON.
      if (body.length > 0 || req.headers['transfer-encoding']) {
        return send(res, 400, { code: 400, msg: 'Could not decode admin user params: unexpected body' });
      }

      const route = /^\/admin\/users\/([^/?]*)$/.exec(path);
      if (req.method !== 'DELETE' || !route) return send(res, 404, { code: 404, msg: 'Not found' });
      const id = decodeURIComponent(route[1]);
      if (!UUID.test(id)) return send(res, 400, { code: 400, msg: 'user_id must be an UUID' });
      if (!state.users.delete(id.toLowerCase())) return send(res, 404, { code: 404, msg: 'User not found' });
      return send(res, 200, {});
    });
  });

  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({
        state,
        url: `http://127.0.0.1:${port}${MOUNT}`,
        close: () => {
          for (const t of state.timers) clearTimeout(t);
          server.closeAllConnections();
          return new Promise((r) => server.close(r));
        },
      });
    });
  });
}

function claims(sub) {
  return { sub, email: 'alice@example.com', exp: Math.floor(Date.now() / 1000) + 3600, app_metadata: { provider: 'email' } };
}

// What Netlify builds after verifying the bearer: the current base64 shape...
function encodedContext(identity, user) {
  const netlify = Buffer.from(JSON.stringify({ identity, user })).toString('base64');
  return { clientContext: { custom: { netlify } } };
}

// ...and the older direct shape.
function directContext(identity, user) {
  return { clientContext: { identity, user } };
}

// What issuegraph sends: a ticket signed with the shared secret, valid for 60 s.
function ticket(sub, { exp = Math.floor(Date.now() / 1000) + 60, secret = BRIDGE_SECRET, signedSub = sub } = {}) {
  const signature = crypto.createHmac('sha256', secret)
    .update(`issuegraph-delete-bridge\n${signedSub}\n${exp}`).digest('base64url');
  return { sub, exp, signature };
}

function postEvent(extra = {}, sub = ALICE) {
  return {
    httpMethod: 'POST',
    path: '/.netlify/functions/delete-identity-user',
    headers: { authorization: 'Bearer user-jwt', 'content-type': 'application/json' },
    queryStringParameters: {},
    body: JSON.stringify(ticket(sub)),
    isBase64Encoded: false,
    ...extra,
  };
}

// Every response must be JSON and must never carry the admin token.
async function invoke(event, context) {
  const res = await handler(event, context);
  assert.equal(res.headers['Content-Type'], 'application/json');
  assert.ok(!res.body.includes(ADMIN_TOKEN), 'admin token leaked into response body');
  assert.ok(!JSON.stringify(res.headers).includes(ADMIN_TOKEN), 'admin token leaked into headers');
  return { ...res, json: JSON.parse(res.body) };
}

describe('delete-identity-user', () => {
  let gotrue;
  let identity;

  before(async () => {
    gotrue = await startGoTrue();
    identity = { url: gotrue.url, token: ADMIN_TOKEN };
  });
  beforeEach(() => {
    process.env.ISSUEGRAPH_IDENTITY_DELETE_BRIDGE_SECRET = BRIDGE_SECRET;
  });
  after(() => gotrue.close());
  beforeEach(() => {
    gotrue.state.requests.length = 0;
    gotrue.state.behaviour = 'normal';
    gotrue.state.users = new Set([ALICE, BOB]);
  });
  afterEach(() => {
    delete process.env.IDENTITY_TIMEOUT_MS;
  });

  it('deletes the token user with one plain DELETE, the admin bearer and no body (base64 context)', async () => {
    const res = await invoke(postEvent(), encodedContext(identity, claims(ALICE)));

    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json, { identityDeleted: true, sub: ALICE });
    assert.equal(gotrue.state.requests.length, 1);
    const [req] = gotrue.state.requests;
    assert.equal(req.method, 'DELETE');
    assert.equal(req.path, `/admin/users/${ALICE}`);
    assert.ok(!req.url.includes('{') && !req.url.includes('%7B'), 'URL must not contain braces');
    assert.equal(req.headers.authorization, `Bearer ${ADMIN_TOKEN}`);
    assert.equal(req.body, '');
    assert.equal(req.headers['transfer-encoding'], undefined);
    assert.ok(!req.headers['content-length'] || req.headers['content-length'] === '0');
    assert.ok(!gotrue.state.users.has(ALICE));
    assert.ok(gotrue.state.users.has(BOB));
  });

  it('accepts the older direct clientContext.identity / clientContext.user shape', async () => {
    const res = await invoke(postEvent({}, BOB), directContext(identity, claims(BOB)));

    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json, { identityDeleted: true, sub: BOB });
    assert.equal(gotrue.state.requests.length, 1);
    assert.equal(gotrue.state.requests[0].path, `/admin/users/${BOB}`);
    assert.ok(!gotrue.state.users.has(BOB));
    assert.ok(gotrue.state.users.has(ALICE));
  });

  it('tolerates a trailing slash on identity.url', async () => {
    const res = await invoke(postEvent(), directContext({ ...identity, url: `${gotrue.url}/` }, claims(ALICE)));

    assert.equal(res.statusCode, 200);
    assert.equal(gotrue.state.requests[0].url, `${MOUNT}/admin/users/${ALICE}`);
  });

  it('accepts an upper-case UUID subject and passes it through unchanged', async () => {
    const upper = ALICE.toUpperCase();
    const res = await invoke(postEvent({}, upper), encodedContext(identity, claims(upper)));

    assert.equal(res.statusCode, 200);
    assert.equal(gotrue.state.requests[0].path, `/admin/users/${upper}`);
    assert.ok(!gotrue.state.users.has(ALICE));
  });

  it('treats GoTrue 404 "User not found" as already deleted', async () => {
    gotrue.state.users.delete(ALICE);
    const res = await invoke(postEvent(), encodedContext(identity, claims(ALICE)));

    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json, { identityDeleted: true, alreadyDeleted: true, sub: ALICE });
    assert.equal(gotrue.state.requests.length, 1);
  });

  it('a retry after success reports alreadyDeleted', async () => {
    const ctx = encodedContext(identity, claims(ALICE));
    const first = await invoke(postEvent(), ctx);
    const second = await invoke(postEvent(), ctx);

    assert.deepEqual(first.json, { identityDeleted: true, sub: ALICE });
    assert.deepEqual(second.json, { identityDeleted: true, alreadyDeleted: true, sub: ALICE });
    assert.equal(gotrue.state.requests.length, 2);
  });

  it('does not take a 404 that is not GoTrue\'s "User not found" as success', async () => {
    gotrue.state.behaviour = 'html404';
    const res = await invoke(postEvent(), encodedContext(identity, claims(ALICE)));

    assert.equal(res.statusCode, 502);
    assert.equal(res.json.error, 'identity_unavailable');
    assert.equal(res.json.identityStatus, 404);
  });

  it('returns 401 without a verified user and never calls GoTrue', async () => {
    for (const context of [
      encodedContext(identity, undefined),
      directContext(identity, undefined),
      { clientContext: {} },
      {},
    ]) {
      const res = await invoke(postEvent(), context);
      assert.equal(res.statusCode, 401);
      assert.equal(res.json.error, 'unauthorized');
      assert.equal(typeof res.json.message, 'string');
    }
    assert.equal(gotrue.state.requests.length, 0);
  });

  it('returns 500 when Identity (url/token) is missing from the context', async () => {
    for (const id of [undefined, { url: gotrue.url }, { token: ADMIN_TOKEN }]) {
      const res = await invoke(postEvent(), encodedContext(id, claims(ALICE)));
      assert.equal(res.statusCode, 500);
      assert.equal(res.json.error, 'identity_not_configured');
      assert.match(res.json.message, /Identity is not enabled/);
    }
    assert.equal(gotrue.state.requests.length, 0);
  });

  it('returns 400 for a subject that is not a canonical UUID and never calls GoTrue', async () => {
    for (const sub of [undefined, '', '0', `{${ALICE}}`, ALICE.replace(/-/g, ''), `urn:uuid:${ALICE}`,
      '../../settings', `${ALICE}/../x`, ` ${ALICE}`, 42]) {
      const res = await invoke(postEvent({}, sub), encodedContext(identity, claims(sub)));
      assert.equal(res.statusCode, 400, `sub ${JSON.stringify(sub)}`);
      assert.equal(res.json.error, 'invalid_user_id');
    }
    assert.equal(gotrue.state.requests.length, 0);
  });

  it('rejects methods other than POST with 405 and Allow: POST', async () => {
    for (const httpMethod of ['GET', 'DELETE', 'PUT']) {
      const res = await invoke(postEvent({ httpMethod }), encodedContext(identity, claims(ALICE)));
      assert.equal(res.statusCode, 405);
      assert.equal(res.headers.Allow, 'POST');
    }
    assert.equal(gotrue.state.requests.length, 0);
    assert.ok(gotrue.state.users.has(ALICE));
  });

  it('ignores a user id in the body or query and deletes only the token user', async () => {
    const event = postEvent({
      body: JSON.stringify({ ...ticket(ALICE), id: BOB, user_id: BOB }),
      queryStringParameters: { id: BOB, user_id: BOB },
    });
    const res = await invoke(event, encodedContext(identity, claims(ALICE)));

    assert.equal(res.statusCode, 200);
    assert.equal(gotrue.state.requests.length, 1);
    assert.equal(gotrue.state.requests[0].path, `/admin/users/${ALICE}`);
    assert.equal(gotrue.state.requests[0].body, '');
    assert.ok(gotrue.state.users.has(BOB), 'the other user must survive');
    assert.ok(!gotrue.state.users.has(ALICE));
  });

  it('maps GoTrue 401 (admin token refused) to 502 identity_admin_rejected', async () => {
    const res = await invoke(postEvent(), encodedContext({ ...identity, token: 'not-the-admin-token' }, claims(ALICE)));

    assert.equal(res.statusCode, 502);
    assert.equal(res.json.error, 'identity_admin_rejected');
    assert.equal(res.json.identityStatus, 401);
    assert.match(res.json.message, /User not allowed/);
    assert.ok(!res.body.includes('not-the-admin-token'));
    assert.ok(gotrue.state.users.has(ALICE));
  });

  it('maps GoTrue 500 to 502 identity_unavailable with GoTrue\'s message', async () => {
    gotrue.state.behaviour = 'fail500';
    const res = await invoke(postEvent(), encodedContext(identity, claims(ALICE)));

    assert.equal(res.statusCode, 502);
    assert.equal(res.json.error, 'identity_unavailable');
    assert.equal(res.json.identityStatus, 500);
    assert.match(res.json.message, /Database error deleting user/);
  });

  it('redacts the admin token if GoTrue echoes it in an error message', async () => {
    gotrue.state.behaviour = 'echoToken';
    const res = await invoke(postEvent(), encodedContext(identity, claims(ALICE)));

    assert.equal(res.statusCode, 502);
    assert.match(res.json.message, /\[redacted\]/);
    assert.ok(!res.body.includes(ADMIN_TOKEN));
  });

  it('returns 502 identity_unavailable when GoTrue is not listening', async () => {
    const closed = http.createServer();
    await new Promise((r) => closed.listen(0, '127.0.0.1', r));
    const { port } = closed.address();
    await new Promise((r) => closed.close(r));

    const res = await invoke(postEvent(), encodedContext({ url: `http://127.0.0.1:${port}${MOUNT}`, token: ADMIN_TOKEN }, claims(ALICE)));

    assert.equal(res.statusCode, 502);
    assert.equal(res.json.error, 'identity_unavailable');
    assert.match(res.json.message, /could not be reached/);
  });

  it('refuses a call without a ticket: a user token alone deletes nothing', async () => {
    for (const body of [null, '', '{}', JSON.stringify({ sub: ALICE }), JSON.stringify({ ticket: 'x' })]) {
      const res = await invoke(postEvent({ body }), encodedContext(identity, claims(ALICE)));
      assert.ok([400, 403].includes(res.statusCode), `body ${body}: ${res.statusCode}`);
      assert.ok(['invalid_ticket', 'invalid_body'].includes(res.json.error));
    }
    assert.equal(gotrue.state.requests.length, 0);
    assert.ok(gotrue.state.users.has(ALICE));
  });

  it('refuses a ticket for another user, an expired, a long-lived or a badly signed one', async () => {
    const now = Math.floor(Date.now() / 1000);
    for (const bad of [
      ticket(BOB),
      ticket(ALICE, { exp: now - 1 }),
      ticket(ALICE, { exp: now + 3600 }),
      ticket(ALICE, { secret: 'another-secret-another-secret-another' }),
      ticket(ALICE, { signedSub: BOB }),
      { ...ticket(ALICE), exp: String(now + 60) },
      { ...ticket(ALICE), signature: '' },
    ]) {
      const res = await invoke(postEvent({ body: JSON.stringify(bad) }), encodedContext(identity, claims(ALICE)));
      assert.equal(res.statusCode, 403, JSON.stringify(bad));
      assert.equal(res.json.error, 'invalid_ticket');
    }
    assert.equal(gotrue.state.requests.length, 0);
    assert.ok(gotrue.state.users.has(ALICE) && gotrue.state.users.has(BOB));
  });

  it('refuses bodies that are not JSON', async () => {
    const body = JSON.stringify(ticket(ALICE));
    for (const type of [undefined, 'text/plain', 'application/x-www-form-urlencoded', 'application/jsonp']) {
      const headers = { authorization: 'Bearer user-jwt', ...(type ? { 'content-type': type } : {}) };
      const res = await invoke(postEvent({ headers, body }), encodedContext(identity, claims(ALICE)));
      assert.equal(res.statusCode, 415, `content type ${type}`);
      assert.equal(res.json.error, 'unsupported_media_type');
    }
    const garbled = await invoke(postEvent({ body: '{"sub":' }), encodedContext(identity, claims(ALICE)));
    assert.equal(garbled.statusCode, 400);
    assert.equal(garbled.json.error, 'invalid_body');
    assert.equal(gotrue.state.requests.length, 0);
  });

  it('reads a base64-encoded body and a Content-Type with a charset', async () => {
    const event = postEvent({
      headers: { authorization: 'Bearer user-jwt', 'Content-Type': 'application/json; charset=utf-8' },
      body: Buffer.from(JSON.stringify(ticket(ALICE))).toString('base64'),
      isBase64Encoded: true,
    });
    const res = await invoke(event, encodedContext(identity, claims(ALICE)));
    assert.equal(res.statusCode, 200);
    assert.ok(!gotrue.state.users.has(ALICE));
  });

  it('refuses to work without a shared secret of at least 32 bytes', async () => {
    for (const secret of [undefined, 'short-secret']) {
      if (secret === undefined) delete process.env.ISSUEGRAPH_IDENTITY_DELETE_BRIDGE_SECRET;
      else process.env.ISSUEGRAPH_IDENTITY_DELETE_BRIDGE_SECRET = secret;
      const res = await invoke(postEvent(), encodedContext(identity, claims(ALICE)));
      assert.equal(res.statusCode, 500);
      assert.equal(res.json.error, 'bridge_not_configured');
      assert.ok(!res.body.includes('short-secret'));
    }
    assert.equal(gotrue.state.requests.length, 0);
  });

  it('by default gives up on GoTrue well before issuegraph gives up on the function (3 s)', async () => {
    gotrue.state.behaviour = 'slow'; // answers after 3 s
    const started = Date.now();
    const res = await invoke(postEvent(), encodedContext(identity, claims(ALICE)));
    const elapsed = Date.now() - started;

    assert.equal(res.statusCode, 502);
    assert.match(res.json.message, /did not answer in time/);
    assert.ok(elapsed < 2000, `took ${elapsed} ms`);
  });

  it('returns 502 within IDENTITY_TIMEOUT_MS when GoTrue is too slow', async () => {
    gotrue.state.behaviour = 'slow';
    process.env.IDENTITY_TIMEOUT_MS = '200';
    const started = Date.now();
    const res = await invoke(postEvent(), encodedContext(identity, claims(ALICE)));
    const elapsed = Date.now() - started;

    assert.equal(res.statusCode, 502);
    assert.equal(res.json.error, 'identity_unavailable');
    assert.match(res.json.message, /did not answer in time/);
    assert.equal(gotrue.state.requests.length, 1);
    assert.ok(elapsed >= 150 && elapsed < 2000, `took ${elapsed} ms`);
  });
});
