// The tutorial's page (client-examples/web) in Debian's Chromium with netlify-identity-widget pointed at
// real netlify/gotrue: the page's own journey test (sign up, log in, add, change, list, delete the
// account, the log-in refused afterwards), with screenshots of each step in IDENTITY_SERVERS_SCREENSHOTS.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { before, describe, it } from 'node:test';
import { GOTRUE_SECRET, freePort, required, startGoTrue, startIssuegraph } from './harness.mjs';

const web = fileURLToPath(new URL('../../../client-examples/web', import.meta.url));

describe('the tutorial page with netlify-identity-widget against real netlify/gotrue', () => {
  let gotrue;
  let issuegraph;
  let webPort;

  before(async () => {
    webPort = await freePort();
    gotrue = await startGoTrue('browser');
    issuegraph = await startIssuegraph('browser', {
      ISSUEGRAPH_IDENTITY_URL: gotrue.url,
      ISSUEGRAPH_IDENTITY_JWT_SECRET: GOTRUE_SECRET,
      ISSUEGRAPH_CORS_ALLOWED_ORIGINS: `http://127.0.0.1:${webPort}`,
      // the journey adds issues faster than a person (.ci/run says why)
      ISSUEGRAPH_RATE_LIMIT_USER_BURST: '300',
    });
  });

  it('passes the page\'s whole journey (client-examples/web/test/journey.test.mjs)', async () => {
    // without NODE_TEST_CONTEXT, which would make the inner runner skip its file as a recursive run
    const { NODE_TEST_CONTEXT, ...environment } = process.env;
    const child = spawn(process.execPath, ['--test', 'test/journey.test.mjs'], {
      cwd: web,
      env: {
        ...environment,
        ISSUEGRAPH_URL: issuegraph.url,
        ISSUEGRAPH_IDENTITY_URL: gotrue.url,
        WEB_PORT: String(webPort),
        SCREENSHOTS_DIR: required('IDENTITY_SERVERS_SCREENSHOTS'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => { output += chunk; });
    child.stderr.on('data', (chunk) => { output += chunk; });
    const code = await new Promise((resolve) => child.on('exit', resolve));
    // the journey's own report, indented, so that the stage's summary stays the last word
    console.log(output.replace(/^/gm, '    | '));
    assert.equal(code, 0, 'the page journey failed against real GoTrue; its report is above');
    assert.match(output, /^# pass [1-9]\d*$/m, 'the page journey ran its tests');
    assert.match(output, /^# fail 0$/m);

    // the journey deleted Alice's account through the page: GoTrue's own admin API no longer lists her
    const users = await gotrue.admin('GET', '/users');
    assert.equal(users.status, 200);
    const emails = users.body.users.map((u) => u.email);
    assert.ok(emails.some((e) => e.startsWith('bob-')), `Bob is there: ${emails}`);
    assert.ok(!emails.some((e) => e.startsWith('alice-')), `Alice is gone: ${emails}`);
  });
});
