// issuegraph against real netlify/gotrue (docs/identity.md): HS256 with GoTrue's secret and deletion
// through its admin API; introspection (Netlify-hosted Identity's mode) with deletion through the
// Netlify bridge function.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { apiJourney, assertRefused, classification, createIssue, data, deleteMyAccount, issuesOf, me, updateIssue } from './api.mjs';
import { GOTRUE_SECRET, call, eventually, startBridge, startGoTrue, startIssuegraph } from './harness.mjs';

const run = Date.now().toString(36);
let count = 0;

/** Signs a new person up at GoTrue (with a full name, unless name is null) and logs them in. */
async function signUp(gotrue, name) {
  const email = `person-${run}-${++count}@example.com`;
  const password = `password-${run}-${count}`;
  const signup = await gotrue.signup(email, password, name === null ? undefined : { full_name: name });
  assert.equal(signup.status, 200, JSON.stringify(signup.body));
  // netlify answers sign-up with the user, no session: log in next
  assert.equal(signup.body.access_token, undefined);
  assert.ok(signup.body.confirmed_at, 'autoconfirmed');
  const tokens = await gotrue.login(email, password);
  assert.equal(tokens.status, 200, JSON.stringify(tokens.body));
  return {
    id: signup.body.id, email, password, name: name ?? email.split('@')[0],
    token: tokens.body.access_token, refreshToken: tokens.body.refresh_token,
  };
}

describe('netlify/gotrue, HS256 with its secret, deletion through its admin API', () => {
  let gotrue;
  let issuegraph;

  before(async () => {
    gotrue = await startGoTrue('hs256');
    // no ISSUEGRAPH_IDENTITY_ADMIN_TOKEN: issuegraph mints its system-user admin token with the secret
    issuegraph = await startIssuegraph('hs256', {
      ISSUEGRAPH_IDENTITY_URL: gotrue.url,
      ISSUEGRAPH_IDENTITY_JWT_SECRET: GOTRUE_SECRET,
    });
  });

  it('accepts the token of a user who signed up and logged in: the whole API journey', async () => {
    const alice = await signUp(gotrue, 'Alice Real');
    await apiJourney(issuegraph, alice.token, alice);
  });

  it('names the assignee after the email when user_metadata has no full_name', async () => {
    const nameless = await signUp(gotrue, null);
    const claims = JSON.parse(Buffer.from(nameless.token.split('.')[1], 'base64url'));
    // the sign-up answer says user_metadata: null, the stored user (and so the token) has {}
    assert.deepEqual(claims.user_metadata, {});
    const issue = await createIssue(issuegraph, nameless.token, 'No name given');
    assert.equal(issue.assignee.name, nameless.email.split('@')[0]);
  });

  it('honours an admin role set through the admin API, once a refreshed token carries it', async () => {
    const owner = await signUp(gotrue, 'Owner');
    const helper = await signUp(gotrue, 'Helper');
    const issue = await createIssue(issuegraph, owner.token, 'Only the owner or an admin');
    assert.equal(classification(await updateIssue(issuegraph, helper.token, issue.id, { status: 'DONE' })), 'FORBIDDEN');

    const set = await gotrue.admin('PUT', `/users/${helper.id}`, { app_metadata: { roles: ['admin'] } });
    assert.equal(set.status, 200, JSON.stringify(set.body));
    assert.deepEqual(set.body.app_metadata.roles, ['admin']);
    // the token issued before is unchanged, so the helper is no admin yet
    assert.deepEqual((await me(issuegraph, helper.token)).roles, []);

    const refreshed = await gotrue.refresh(helper.refreshToken);
    assert.equal(refreshed.status, 200, JSON.stringify(refreshed.body));
    assert.notEqual(refreshed.body.refresh_token, helper.refreshToken, 'refresh tokens rotate');
    assert.deepEqual((await me(issuegraph, refreshed.body.access_token)).roles, ['admin']);
    const changed = data(await updateIssue(issuegraph, refreshed.body.access_token, issue.id, { status: 'DONE' }));
    assert.equal(changed.updateIssue.status, 'DONE');
  });

  it('works with a token refreshed through the refresh grant, and refuses a refresh token used twice', async () => {
    const person = await signUp(gotrue, 'Refresher');
    const refreshed = await gotrue.refresh(person.refreshToken);
    assert.equal(refreshed.status, 200);
    assert.equal((await me(issuegraph, refreshed.body.access_token)).id, person.id);
    const again = await gotrue.refresh(person.refreshToken);
    assert.equal(again.status, 400, JSON.stringify(again.body));
  });

  it('answers the admin API as docs/identity.md#admin-api says', async () => {
    const person = await signUp(gotrue, 'Not An Admin');
    await gotrue.admin('PUT', `/users/${person.id}`, { app_metadata: { roles: ['admin'] } });
    const withRole = (await gotrue.login(person.email, person.password)).body.access_token;
    const denied = await call(`${gotrue.url}/admin/users/${person.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${withRole}` } });
    assert.deepEqual([denied.status, denied.body], [401, { code: 401, msg: 'User not allowed' }], 'app_metadata.roles is no GoTrue admin');
    const malformed = await gotrue.admin('DELETE', '/users/not-a-uuid');
    assert.deepEqual([malformed.status, malformed.body], [400, { code: 400, msg: 'user_id must be an UUID' }]);
    const deleted = await gotrue.admin('DELETE', `/users/${person.id}`);
    assert.deepEqual([deleted.status, deleted.body], [200, {}]);
    const again = await gotrue.admin('DELETE', `/users/${person.id}`);
    assert.deepEqual([again.status, again.body], [404, { code: 404, msg: 'User not found' }], 'not idempotent');
    const user = await gotrue.user(withRole);
    assert.deepEqual([user.status, user.body], [404, { code: 404, msg: 'User not found' }], "a deleted user's token at /user");
  });

  it('deleteMyAccount deletes the GoTrue user: 404 at the admin API, issues gone, token refused, a second call harmless', async () => {
    const leaver = await signUp(gotrue, 'Leaver');
    const stayer = await signUp(gotrue, 'Stayer');
    await createIssue(issuegraph, leaver.token, 'Leaving one');
    await createIssue(issuegraph, leaver.token, 'Leaving two');
    assert.equal((await gotrue.admin('GET', `/users/${leaver.id}`)).status, 200);

    const closed = data(await deleteMyAccount(issuegraph, leaver.token)).deleteMyAccount;
    assert.equal(closed.deletedIssueCount, 2);
    assert.equal(closed.identityDeleted, true, closed.message);

    const gone = await gotrue.admin('GET', `/users/${leaver.id}`);
    assert.equal(gone.status, 404);
    assert.equal(gone.body.msg, 'User not found');
    assert.equal((await issuesOf(issuegraph, stayer.token, leaver.email)).totalCount, 0);
    await assertRefused(issuegraph, leaver.token);
    // a second call is refused like any other request of the closed account, and changes nothing
    const second = await deleteMyAccount(issuegraph, leaver.token);
    assert.equal(second.status, 401);
    assert.equal((await gotrue.login(leaver.email, leaver.password)).status, 400);
    assert.equal((await me(issuegraph, stayer.token)).id, stayer.id);
  });

  it('deleteMyAccount while GoTrue is down completes once GoTrue is back', async () => {
    const person = await signUp(gotrue, 'Patient');
    await createIssue(issuegraph, person.token, 'Before the outage');
    await gotrue.service.stop();
    try {
      const closed = data(await deleteMyAccount(issuegraph, person.token)).deleteMyAccount;
      assert.equal(closed.deletedIssueCount, 1);
      assert.equal(closed.identityDeleted, false);
      // while the Identity user is not yet deleted the token counts for deleteMyAccount only
      // (account.ClosingAccountGate): anything else is refused as a deleted account's
      assert.equal(classification(await issuegraph.graphql(person.token, '{ me { id } }')), 'UNAUTHORIZED');
    } finally {
      await gotrue.service.start();
    }
    await eventually('the retried deletion reaching GoTrue',
      async () => (await gotrue.admin('GET', `/users/${person.id}`)).status === 404);
    await eventually('the token refused as a deleted account\'s',
      async () => (await issuegraph.graphql(person.token, '{ me { id } }')).status === 401, { timeoutMs: 5000 });
    await assertRefused(issuegraph, person.token);
  });
});

describe('netlify/gotrue, introspection with GET /user (Netlify-hosted mode), deletion through the bridge', () => {
  const BRIDGE_SECRET = 'issuegraph-ci-bridge-secret-0123456789abcdef';
  const CACHE_TTL_S = 3;
  let gotrue;
  let bridge;
  let issuegraph;

  before(async () => {
    gotrue = await startGoTrue('introspection');
    bridge = await startBridge(gotrue, BRIDGE_SECRET);
    issuegraph = await startIssuegraph('introspection', {
      ISSUEGRAPH_IDENTITY_URL: gotrue.url,
      ISSUEGRAPH_IDENTITY_DELETE_BRIDGE_URL: bridge.url,
      ISSUEGRAPH_IDENTITY_DELETE_BRIDGE_SECRET: BRIDGE_SECRET,
      ISSUEGRAPH_IDENTITY_INTROSPECTION_CACHE_TTL: `${CACHE_TTL_S}s`,
    });
  });

  it('accepts a token that GET /user accepts: the whole API journey', async () => {
    const dana = await signUp(gotrue, 'Dana Real');
    await apiJourney(issuegraph, dana.token, dana);
  });

  it('refuses the token of a user deleted through the admin API within the cache lifetime', async () => {
    const person = await signUp(gotrue, 'Deleted Behind');
    assert.equal((await me(issuegraph, person.token)).id, person.id);
    assert.equal((await gotrue.admin('DELETE', `/users/${person.id}`)).status, 200);
    assert.equal((await gotrue.user(person.token)).status, 404, 'GoTrue itself answers 404 for the deleted user');
    const deletedAt = Date.now();
    await eventually('the refusal', async () => (await issuegraph.graphql(person.token, '{ me { id } }')).status === 401,
      { timeoutMs: (CACHE_TTL_S + 2) * 1000 });
    assert.ok(Date.now() - deletedAt <= (CACHE_TTL_S + 2) * 1000);
    await assertRefused(issuegraph, person.token);
  });

  it('answers 503, never 401, while GoTrue is stopped', async () => {
    const person = await signUp(gotrue, 'Outage');
    await gotrue.service.stop();
    try {
      const answer = await issuegraph.graphql(person.token, '{ me { id } }');
      assert.equal(answer.status, 503, JSON.stringify(answer.body));
      assert.equal(classification(answer), 'SERVICE_UNAVAILABLE');
    } finally {
      await gotrue.service.start();
    }
    assert.equal((await me(issuegraph, person.token)).id, person.id);
  });

  it('the bridge deletes nothing without issuegraph\'s ticket', async () => {
    const person = await signUp(gotrue, 'Ticketless');
    const forged = await call(bridge.url, {
      method: 'POST', headers: { authorization: `Bearer ${person.token}` },
      json: { sub: person.id, exp: Math.floor(Date.now() / 1000) + 60, signature: 'AAAA' },
    });
    assert.equal(forged.status, 403, JSON.stringify(forged.body));
    assert.equal((await gotrue.admin('GET', `/users/${person.id}`)).status, 200);
  });

  it('deleteMyAccount deletes the GoTrue user through the bridge with the ticket issuegraph sends', async () => {
    const leaver = await signUp(gotrue, 'Bridge Leaver');
    await createIssue(issuegraph, leaver.token, 'Leaving through the bridge');
    const closed = data(await deleteMyAccount(issuegraph, leaver.token)).deleteMyAccount;
    assert.equal(closed.deletedIssueCount, 1);
    assert.equal(closed.identityDeleted, true, closed.message);
    assert.equal((await gotrue.admin('GET', `/users/${leaver.id}`)).status, 404);
    await assertRefused(issuegraph, leaver.token);
    assert.equal((await deleteMyAccount(issuegraph, leaver.token)).status, 401);
  });
});
