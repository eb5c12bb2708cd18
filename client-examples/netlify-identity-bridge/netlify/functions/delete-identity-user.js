'use strict';

// Deletes the Netlify Identity account of the caller, and only the caller, and
// only when issuegraph asks for it with a signed ticket (see README, "Security model").
// Netlify verifies the caller's bearer JWT before this runs and hands us the
// verified claims plus a short-lived admin token; outside services never get
// such a token, which is why this function exists.

const crypto = require('node:crypto');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Well below issuegraph's own call timeout (ISSUEGRAPH_IDENTITY_READ_TIMEOUT, 3 s), so that
// issuegraph always hears how the call ended (see README, "Timeouts").
const DEFAULT_TIMEOUT_MS = 1500;
const SECRET_VARIABLE = 'ISSUEGRAPH_IDENTITY_DELETE_BRIDGE_SECRET';
const MIN_SECRET_BYTES = 32;
// issuegraph issues tickets for 60 s; a longer-lived one was not made by issuegraph.
const MAX_TICKET_LIFETIME_S = 300;
const TICKET_PURPOSE = 'issuegraph-delete-bridge';

exports.handler = async (event, context) => {
  if (String((event && event.httpMethod) || '').toUpperCase() !== 'POST') {
    return json(405, { error: 'method_not_allowed', message: 'Use POST.' }, { Allow: 'POST' });
  }

  // The user id comes only from the verified token, never from the body or query.
  const { identity, user } = readClientContext(context);
  if (!user || typeof user !== 'object') {
    return json(401, {
      error: 'unauthorized',
      message: 'A valid Netlify Identity bearer token for this site is required.',
    });
  }
  if (!identity || typeof identity.url !== 'string' || !identity.url
      || typeof identity.token !== 'string' || !identity.token) {
    return json(500, {
      error: 'identity_not_configured',
      message: 'Netlify Identity is not enabled for this function (no Identity URL or admin token in the context).',
    });
  }
  if (typeof user.sub !== 'string' || !UUID.test(user.sub)) {
    return json(400, { error: 'invalid_user_id', message: 'The token subject is not a UUID.' });
  }
  const secret = process.env[SECRET_VARIABLE] || '';
  if (Buffer.byteLength(secret, 'utf8') < MIN_SECRET_BYTES) {
    return json(500, {
      error: 'bridge_not_configured',
      message: `Set ${SECRET_VARIABLE} (at least ${MIN_SECRET_BYTES} bytes, the same value as on issuegraph).`,
    });
  }
  if (!isJson(event.headers)) {
    return json(415, { error: 'unsupported_media_type', message: 'Send the ticket as application/json.' });
  }
  const ticket = parseJson(requestBody(event));
  if (!ticket) {
    return json(400, { error: 'invalid_body', message: 'The body is not a JSON object.' });
  }
  if (!validTicket(ticket, user.sub, secret)) {
    return json(403, {
      error: 'invalid_ticket',
      message: 'Only issuegraph may ask for this: the ticket is missing, expired, or not for this user.',
    });
  }

  return deleteIdentityUser(identity, user.sub);
};

// {sub, exp, signature}: signature = base64url(HMAC-SHA256(secret, "issuegraph-delete-bridge\n" + sub + "\n" + exp)).
// The purpose prefix keeps any other HMAC made with the same secret from passing as a ticket.
function validTicket(ticket, sub, secret) {
  const { sub: ticketSub, exp, signature } = ticket;
  if (typeof ticketSub !== 'string' || !Number.isSafeInteger(exp) || typeof signature !== 'string') return false;
  const expected = crypto.createHmac('sha256', secret).update(`${TICKET_PURPOSE}\n${ticketSub}\n${exp}`).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return false;
  const now = Math.floor(Date.now() / 1000);
  // The same user id as the verified token: a ticket for one user cannot delete another.
  return ticketSub === sub && exp > now && exp <= now + MAX_TICKET_LIFETIME_S;
}

function isJson(headers) {
  const type = Object.entries(headers || {})
    .find(([name]) => name.toLowerCase() === 'content-type');
  return !!type && /^application\/json\s*(;|$)/i.test(String(type[1]));
}

function requestBody(event) {
  const body = event.body || '';
  return event.isBase64Encoded ? Buffer.from(body, 'base64').toString('utf8') : body;
}

async function deleteIdentityUser({ url, token }, sub) {
  // Plain encoded path segment: no "{id}" braces as in Netlify's old README examples.
  const target = `${url.replace(/\/+$/, '')}/admin/users/${encodeURIComponent(sub)}`;
  let res;
  let body;
  try {
    // No body: GoTrue JSON-decodes any non-empty admin request body and rejects non-JSON.
    res = await fetch(target, {
      method: 'DELETE',
      headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
      signal: AbortSignal.timeout(timeoutMs()),
    });
    body = parseJson(await res.text());
  } catch (err) {
    const timedOut = err && (err.name === 'TimeoutError' || err.name === 'AbortError');
    return json(502, {
      error: 'identity_unavailable',
      message: timedOut ? 'Netlify Identity did not answer in time.' : 'Netlify Identity could not be reached.',
    });
  }

  // issuegraph checks identityDeleted and sub, not just the status.
  if (res.ok) return json(200, { identityDeleted: true, sub });
  // GoTrue's DELETE is not idempotent: a retry after a lost response gets 404.
  // Only a GoTrue "user not found" counts, so a wrong URL is not mistaken for success.
  if (res.status === 404 && isUserNotFound(body)) {
    return json(200, { identityDeleted: true, alreadyDeleted: true, sub });
  }

  const detail = goTrueMessage(body, token);
  const suffix = detail ? `: ${detail}` : '';
  if (res.status === 401 || res.status === 403) {
    return json(502, {
      error: 'identity_admin_rejected',
      message: `Netlify Identity rejected the function's admin token (HTTP ${res.status})${suffix}`,
      identityStatus: res.status,
    });
  }
  return json(502, {
    error: 'identity_unavailable',
    message: `Netlify Identity answered HTTP ${res.status}${suffix}`,
    identityStatus: res.status,
  });
}

// Current Netlify docs pass a base64 JSON string in custom.netlify; older runtimes
// (and netlify dev) put identity/user directly on clientContext.
function readClientContext(context) {
  const cc = (context && context.clientContext) || {};
  let decoded = {};
  const encoded = cc.custom && cc.custom.netlify;
  if (typeof encoded === 'string' && encoded) {
    decoded = parseJson(Buffer.from(encoded, 'base64').toString('utf8')) || {};
  }
  return { identity: decoded.identity || cc.identity, user: decoded.user || cc.user };
}

// Read per call so it can be changed without redeploying code (and in tests).
function timeoutMs() {
  const value = Number(process.env.IDENTITY_TIMEOUT_MS);
  return Number.isFinite(value) && value > 0 ? value : DEFAULT_TIMEOUT_MS;
}

// netlify/gotrue: {"code":404,"msg":"User not found"}; supabase/auth adds
// "error_code":"user_not_found", or uses {"code":"user_not_found","message":...}.
function isUserNotFound(body) {
  if (!body || typeof body !== 'object') return false;
  if (body.error_code === 'user_not_found' || body.code === 'user_not_found') return true;
  const msg = body.msg ?? body.message;
  return typeof msg === 'string' && /user not found/i.test(msg);
}

function goTrueMessage(body, token) {
  const msg = body && typeof body === 'object' ? body.msg ?? body.message : undefined;
  if (typeof msg !== 'string' || !msg) return '';
  // Defensive: an upstream error must never carry the admin token back to the caller.
  return msg.split(token).join('[redacted]').slice(0, 200);
}

function parseJson(text) {
  try {
    const value = JSON.parse(text);
    return value && typeof value === 'object' ? value : null;
  } catch {
    return null;
  }
}

function json(statusCode, payload, extraHeaders = {}) {
  return {
    statusCode,
    headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', ...extraHeaders },
    body: JSON.stringify(payload),
  };
}
