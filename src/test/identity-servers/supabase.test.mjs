// issuegraph in JWK-set mode against real supabase/auth signing with asymmetric keys (docs/identity.md):
// its /.well-known/jwks.json, a key rotation, and deletion through its admin API with a service-role key.
import assert from 'node:assert/strict';
import { createPrivateKey, generateKeyPairSync, sign } from 'node:crypto';
import { before, describe, it } from 'node:test';
import { apiJourney, assertRefused, createIssue, data, deleteMyAccount, issuesOf, me } from './api.mjs';
import { call, eventually, startIssuegraph, startSupabaseAuth } from './harness.mjs';

const run = Date.now().toString(36);
let count = 0;

/** A private ES256 JWK as supabase/auth's GOTRUE_JWT_KEYS takes it. */
function es256Key(kid) {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { ...privateKey.export({ format: 'jwk' }), kid, alg: 'ES256', key_ops: ['sign', 'verify'] };
}

const verifyOnly = (key) => ({ ...key, key_ops: ['verify'] });

/** A service_role key, as Supabase makes its own: a long-lived JWT with role service_role. */
function serviceRoleKey(key, issuer) {
  const part = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const input = `${part({ alg: 'ES256', typ: 'JWT', kid: key.kid })}.${part({ iss: issuer, role: 'service_role', iat: now, exp: now + 3600 })}`;
  const signature = sign('sha256', Buffer.from(input), { key: createPrivateKey({ key, format: 'jwk' }), dsaEncoding: 'ieee-p1363' });
  return `${input}.${signature.toString('base64url')}`;
}

const header = (token) => JSON.parse(Buffer.from(token.split('.')[0], 'base64url'));

describe('supabase/auth with asymmetric keys: issuegraph in JWK-set mode', () => {
  const first = es256Key(`first-${run}`);
  const second = es256Key(`second-${run}`);
  let auth;
  let serviceRole;
  let issuegraph;

  async function signUp(name) {
    const email = `person-${run}-${++count}@example.com`;
    const password = `password-${run}-${count}`;
    const signup = await auth.signup(email, password, { full_name: name });
    assert.equal(signup.status, 200, JSON.stringify(signup.body));
    // with autoconfirm, supabase answers sign-up with a whole session
    assert.ok(signup.body.access_token, 'a session at sign-up');
    const tokens = await auth.login(email, password);
    assert.equal(tokens.status, 200, JSON.stringify(tokens.body));
    return { id: tokens.body.user.id, email, password, name, token: tokens.body.access_token };
  }

  /** me, retried while issuegraph answers 503 for a kid it is fetching (README "Supabase Auth"). */
  async function meAfterRotation(token) {
    return eventually('a token of the new key accepted', async () => {
      const answer = await issuegraph.graphql(token, '{ me { id } }');
      return answer.status === 503 ? false : data(answer).me;
    }, { timeoutMs: 5000 });
  }

  before(async () => {
    auth = await startSupabaseAuth('jwks', [first]);
    serviceRole = serviceRoleKey(first, auth.url);
    issuegraph = await startIssuegraph('supabase', {
      ISSUEGRAPH_IDENTITY_URL: auth.url,
      ISSUEGRAPH_IDENTITY_JWKS_URI: `${auth.url}/.well-known/jwks.json`,
      ISSUEGRAPH_IDENTITY_ADMIN_TOKEN: serviceRole,
      ISSUEGRAPH_IDENTITY_AUDIENCE: 'authenticated',
    });
  });

  it('publishes the public half of its signing key, and signs with it', async () => {
    const jwks = await call(`${auth.url}/.well-known/jwks.json`);
    assert.equal(jwks.status, 200);
    assert.deepEqual(jwks.body.keys.map((k) => [k.kid, k.alg, k.d]), [[first.kid, 'ES256', undefined]]);
    const person = await signUp('Key Holder');
    assert.deepEqual(header(person.token), { alg: 'ES256', kid: first.kid, typ: 'JWT' });
  });

  it('accepts the token of a user who signed up and logged in: the whole API journey', async () => {
    const sam = await signUp('Sam Supabase');
    await apiJourney(issuegraph, sam.token, sam);
  });

  it('follows a key rotation: tokens of the new key accepted, those of the old one still too', async () => {
    const person = await signUp('Before Rotation');
    assert.equal((await me(issuegraph, person.token)).id, person.id);

    await auth.restart([second, verifyOnly(first)]);
    const jwks = await call(`${auth.url}/.well-known/jwks.json`);
    assert.deepEqual(jwks.body.keys.map((k) => k.kid).sort(), [first.kid, second.kid].sort());

    const rotated = await auth.login(person.email, person.password);
    assert.equal(rotated.status, 200, JSON.stringify(rotated.body));
    assert.equal(header(rotated.body.access_token).kid, second.kid);
    assert.equal((await meAfterRotation(rotated.body.access_token)).id, person.id);
    assert.equal((await me(issuegraph, person.token)).id, person.id);
  });

  it('answers the admin API as docs/identity.md#admin-api says', async () => {
    const person = await signUp('Not An Admin');
    const denied = await auth.admin(person.token, 'DELETE', `/users/${person.id}`);
    assert.deepEqual([denied.status, denied.body], [403, { code: 403, error_code: 'not_admin', msg: 'User not allowed' }]);
    const malformed = await auth.admin(serviceRole, 'DELETE', '/users/not-a-uuid');
    assert.deepEqual([malformed.status, malformed.body.error_code, malformed.body.msg], [404, 'validation_failed', 'user_id must be an UUID']);
    assert.deepEqual((await auth.admin(serviceRole, 'DELETE', `/users/${person.id}`)).status, 200);
    const again = await auth.admin(serviceRole, 'DELETE', `/users/${person.id}`);
    assert.deepEqual([again.status, again.body.error_code], [404, 'user_not_found'], 'not idempotent');
    const user = await call(`${auth.url}/user`, { headers: { authorization: `Bearer ${person.token}` } });
    assert.deepEqual([user.status, user.body.error_code], [403, 'user_not_found'], "a deleted user's token at /user");
  });

  it('deleteMyAccount deletes the user through the admin API with the service-role key', async () => {
    const leaver = await signUp('Supabase Leaver');
    const stayer = await signUp('Supabase Stayer');
    await meAfterRotation(leaver.token);
    await createIssue(issuegraph, leaver.token, 'Leaving Supabase');
    assert.equal((await auth.admin(serviceRole, 'GET', `/users/${leaver.id}`)).status, 200);

    const closed = data(await deleteMyAccount(issuegraph, leaver.token)).deleteMyAccount;
    assert.equal(closed.deletedIssueCount, 1);
    assert.equal(closed.identityDeleted, true, closed.message);

    const gone = await auth.admin(serviceRole, 'GET', `/users/${leaver.id}`);
    assert.equal(gone.status, 404, JSON.stringify(gone.body));
    assert.equal((await issuesOf(issuegraph, stayer.token, leaver.email)).totalCount, 0);
    await assertRefused(issuegraph, leaver.token);
    assert.equal((await deleteMyAccount(issuegraph, leaver.token)).status, 401);
    assert.equal((await auth.login(leaver.email, leaver.password)).status, 400);
  });
});
