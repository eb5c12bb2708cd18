// The page's whole journey in Debian's Chromium against the running server, its embedded database and
// the local identity: two people side by side, each seeing the other's changes live (graphql-ws), every
// error a person can meet, phone and desktop width.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, afterEach, before, describe, it } from 'node:test';
import { launch, recordCspViolations, servePage, shot, until } from './browser.mjs';
import DOCUMENTS from '../src/gql/persisted-documents.json' with { type: 'json' };

const run = Date.now().toString(36);
const alice = { name: 'Alice Example', email: `alice-${run}@example.com`, password: 'alice-password-1' };
const bob = { name: 'Bob Example', email: `bob-${run}@example.com`, password: 'bob-password-1' };
const DESKTOP = { width: 1280, height: 860 };
const PHONE = { width: 390, height: 844 };

let browser;
let web;
let pageA;
let pageB;
// what the page's Content-Security-Policy (built into _headers) refused: any is a failure
const cspViolations = [];

// A cursor of 1970 in the server's format (live.EventCursor: e1:<event id>:<epoch ms>), long past any retention.
const TOO_OLD = Buffer.from('e1:1:1000').toString('base64');

const issues = (page) => page.getByTestId('issue');
const issue = (page, title) => issues(page).filter({ hasText: title });
const alert = (page) => page.getByRole('alert');

async function openWidget(page, tab) {
  await page.getByRole('button', { name: tab === 'signup' ? 'Sign up' : 'Log in', exact: true }).click();
  return page.frameLocator('#netlify-identity-widget');
}

async function signUp(page, person) {
  const widget = await openWidget(page, 'signup');
  await widget.locator('input[name=name]').fill(person.name);
  await widget.locator('input[name=email]').fill(person.email);
  await widget.locator('input[name=password]').fill(person.password);
  await widget.locator('button[type=submit]').click();
  await listed(page);
}

/** Waits for the first page of issues (or the empty state), as a person would before adding one. */
async function listed(page) {
  await page.locator('.issues:not([aria-busy=true]), .empty').first().waitFor();
}

async function logIn(page, person) {
  const widget = await openWidget(page, 'login');
  await widget.locator('input[name=email]').fill(person.email);
  await widget.locator('input[name=password]').fill(person.password);
  await widget.locator('button[type=submit]').click();
  return widget;
}

async function add(page, title, status) {
  await page.getByPlaceholder('What needs doing?').fill(title);
  if (status) {
    await page.locator('#new-status').selectOption(status);
  }
  await page.getByRole('button', { name: 'Add issue' }).click();
  await issue(page, title).first().waitFor();
}

/**
 * Clicks a status filter and waits until the list it asks for has arrived: the page filters what it
 * has at once and then fetches, and a fetch answered late would clear a notice a later step waits for.
 */
async function filterBy(page, name) {
  const answered = page.waitForResponse((response) => new URL(response.url()).pathname === '/graphql');
  await page.getByRole('button', { name, exact: true }).click();
  await answered;
  await page.waitForFunction(() => !document.querySelector('.issues[aria-busy=true]'));
}

/** Types into the search box and waits until the list for that text has arrived (typing pauses first). */
async function searchFor(page, text) {
  const answered = page.waitForResponse((response) => operationOf(response.request()) === 'Issues');
  await page.getByRole('searchbox', { name: 'Search titles' }).fill(text);
  await answered;
  await page.waitForFunction(() => !document.querySelector('.issues[aria-busy=true]'));
}

/** The name of the operation a request to /graphql sends, as text or (trusted documents) as a hash. */
function operationOf(request) {
  if (new URL(request.url()).pathname !== '/graphql' || request.method() !== 'POST') {
    return undefined;
  }
  const body = JSON.parse(request.postData());
  return /(?:query|mutation) (\w+)/.exec(body.query ?? DOCUMENTS[body.documentId])?.[1];
}

/** The operations the page sends over HTTP, by name, as they are sent. */
function operations(page) {
  const sent = [];
  page.on('request', (request) => operationOf(request) && sent.push(operationOf(request)));
  return sent;
}

/** Alice's or Bob's row of an issue shows only what its viewer may do. */
async function controls(row) {
  return {
    status: await row.getByRole('combobox').count(),
    edit: await row.getByRole('button', { name: 'Edit' }).count(),
    delete: await row.getByRole('button', { name: 'Delete' }).count(),
  };
}

async function titles(page) {
  return (await page.locator('.issue__title').allTextContents()).map((t) => t.trim());
}

async function newPage(viewport) {
  const context = await browser.newContext({ viewport });
  context.setDefaultTimeout(15_000);
  recordCspViolations(context, cspViolations);
  return context.newPage();
}

describe('the issuegraph page', () => {
  before(async () => {
    web = await servePage();
    browser = await launch();
    pageA = await newPage(DESKTOP);
    pageB = await newPage(DESKTOP);
  });

  after(async () => {
    await browser?.close();
    web?.close();
  });

  afterEach(() => {
    assert.deepEqual(cspViolations.splice(0), [], 'the Content-Security-Policy refused something the page needs');
  });

  it('invites a visitor to sign up or log in', async () => {
    await pageA.goto(web.url);
    await pageA.getByRole('heading', { name: "Track your team's issues, together." }).waitFor();
    await shot(pageA, '01-logged-out');
    const favicon = await pageA.request.get(new URL(await pageA.locator('link[rel=icon]').getAttribute('href'), web.url).href);
    assert.equal(favicon.status(), 200);
    assert.equal(favicon.headers()['content-type'], 'image/x-icon');
  });

  it('runs under its Content-Security-Policy: an injected inline script and a call to another origin are refused', async () => {
    const response = await pageA.request.get(web.url);
    assert.match(response.headers()['content-security-policy'], /script-src 'self';/);
    const outcome = await pageA.evaluate(async () => {
      const script = document.createElement('script');
      script.textContent = 'window.injected = true';
      document.body.append(script);
      const elsewhere = await fetch('http://127.0.0.2:9/steal').then(() => 'sent', () => 'refused');
      return { injected: window.injected === true, elsewhere };
    });
    assert.deepEqual(outcome, { injected: false, elsewhere: 'refused' });
    await until(() => cspViolations.length >= 2);
    const refused = cspViolations.splice(0);
    assert.ok(refused.some((v) => v.includes('script-src')), refused.join('\n'));
    assert.ok(refused.some((v) => v.includes('connect-src')), refused.join('\n'));
  });

  it('signs Alice up with the identity widget, shows who is logged in, and asks for the list once', async () => {
    const sent = operations(pageA);
    await signUp(pageA, alice);
    await pageA.locator('.who').getByText(alice.name).waitFor();
    assert.equal(await pageA.locator('.account__email').textContent(), alice.email);
    await pageA.getByTestId('live').getByText('Live').waitFor();
    assert.deepEqual(sent, ['Issues']);
  });

  it('lists issues newest first, ten at a time, with load more', async () => {
    for (let i = 1; i <= 12; i++) {
      await add(pageA, `Alice task ${i} ${run}`, i === 12 ? 'IN_PROGRESS' : undefined);
    }
    await pageA.reload();
    await listed(pageA);
    const firstPage = await titles(pageA);
    assert.equal(firstPage.length, 10);
    assert.equal(firstPage[0], `Alice task 12 ${run}`);
    await shot(pageA, '02-list');
    await pageA.getByRole('button', { name: 'Load more' }).click();
    await pageA.waitForFunction(() => document.querySelectorAll('[data-testid=issue]').length > 10);
    const all = await titles(pageA);
    const mine = all.filter((t) => t.endsWith(run) && t.startsWith('Alice task'));
    assert.deepEqual(mine.slice(0, 12), Array.from({ length: 12 }, (_, i) => `Alice task ${12 - i} ${run}`));
  });

  it('changes a status and filters by status', async () => {
    await issue(pageA, `Alice task 3 ${run}`).getByRole('combobox').selectOption('DONE');
    await issue(pageA, `Alice task 3 ${run}`).locator('.status--done').waitFor();
    await filterBy(pageA, 'Done');
    await issue(pageA, `Alice task 3 ${run}`).waitFor();
    const done = await titles(pageA);
    assert.ok(done.includes(`Alice task 3 ${run}`));
    assert.ok(!done.includes(`Alice task 4 ${run}`));
    assert.equal(await pageA.locator('.issues').locator('.status--todo, .status--in_progress').count(), 0);
    await shot(pageA, '03-list-filtered');
    await filterBy(pageA, 'All');
    await issue(pageA, `Alice task 4 ${run}`).waitFor();
  });

  it('edits a title, and explains a title that is not allowed', async () => {
    const row = issue(pageA, `Alice task 5 ${run}`);
    await row.getByRole('button', { name: 'Edit' }).click();
    const input = pageA.locator('.issue__edit input');
    await input.fill(`Alice task 5 renamed ${run}`);
    await shot(pageA, '04-edit');
    await pageA.locator('.issue__edit').getByRole('button', { name: 'Save' }).click();
    await issue(pageA, `Alice task 5 renamed ${run}`).locator('.issue__title').waitFor();

    await issue(pageA, `Alice task 6 ${run}`).getByRole('button', { name: 'Edit' }).click();
    await pageA.locator('.issue__edit input').fill('   ');
    await pageA.locator('.issue__edit').getByRole('button', { name: 'Save' }).click();
    await alert(pageA).getByText('Please check your input: Title must be 1 to 255 characters.').waitFor();
    await shot(pageA, '05-error-validation');
    await pageA.locator('.issue__edit').getByRole('button', { name: 'Cancel' }).click();
    await pageA.getByRole('button', { name: 'Dismiss' }).click();
  });

  it('deletes an issue after confirmation', async () => {
    const dialog = pageA.getByRole('dialog');
    await issue(pageA, `Alice task 7 ${run}`).getByRole('button', { name: 'Delete' }).click();
    await dialog.getByText('Delete this issue?').waitFor();
    await dialog.getByText(`Alice task 7 ${run}`).waitFor();
    await shot(pageA, '15-delete-issue-confirm');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    assert.equal(await issue(pageA, `Alice task 7 ${run}`).count(), 1);

    await issue(pageA, `Alice task 7 ${run}`).getByRole('button', { name: 'Delete' }).click();
    await dialog.getByRole('button', { name: 'Delete issue' }).click();
    await issue(pageA, `Alice task 7 ${run}`).waitFor({ state: 'detached' });
    await pageA.reload();
    await listed(pageA);
    assert.ok(!(await titles(pageA)).includes(`Alice task 7 ${run}`));
  });

  it('finds issues by the words of their titles, and lists the recently changed first', async () => {
    await searchFor(pageA, `renamed ${run}`);
    assert.deepEqual(await titles(pageA), [`Alice task 5 renamed ${run}`]);
    await pageA.getByTestId('total-count').getByText('1 issue').waitFor();
    await shot(pageA, '21-search');
    // quotes and operators are plain text: the same two words
    await searchFor(pageA, `"RENAMED" +${run}*`);
    assert.deepEqual(await titles(pageA), [`Alice task 5 renamed ${run}`]);
    await searchFor(pageA, `nothing-like-this ${run}`);
    await pageA.getByText('Nothing matches these filters.').waitFor();
    await searchFor(pageA, '');
    await issue(pageA, `Alice task 12 ${run}`).waitFor();

    await filterBy(pageA, 'Recently changed');
    assert.deepEqual((await titles(pageA)).slice(0, 3),
      [`Alice task 5 renamed ${run}`, `Alice task 3 ${run}`, `Alice task 12 ${run}`]);
    // a change moves the issue to the top at once
    await issue(pageA, `Alice task 8 ${run}`).getByRole('combobox').selectOption('IN_PROGRESS');
    await pageA.waitForFunction((title) => document.querySelector('.issue__title')?.textContent.trim() === title,
      `Alice task 8 ${run}`);
    await shot(pageA, '22-recently-changed');
    await filterBy(pageA, 'Newest');
    assert.equal((await titles(pageA))[0], `Alice task 12 ${run}`);
  });

  it("downloads Alice's data as a JSON file: who she is and her issues, oldest first", async () => {
    const [download] = await Promise.all([
      pageA.waitForEvent('download'),
      pageA.getByRole('button', { name: 'Download my data' }).click(),
    ]);
    assert.match(download.suggestedFilename(), /^issuegraph-export-\d{4}-\d{2}-\d{2}\.json$/);
    const data = JSON.parse(await readFile(await download.path(), 'utf8'));
    assert.equal(data.user.email, alice.email);
    assert.equal(data.user.name, alice.name);
    // twelve tasks less the one deleted
    assert.equal(data.issues.length, 11);
    assert.deepEqual(data.issues.slice(0, 3).map((i) => i.title),
      [`Alice task 1 ${run}`, `Alice task 2 ${run}`, `Alice task 3 ${run}`]);
    assert.equal(data.issues[2].status, 'DONE');
    assert.equal(await alert(pageA).count(), 0);
  });

  it("signs Bob up beside Alice: each sees the other's creates, updates and deletes without reloading", async () => {
    await pageB.goto(web.url);
    await signUp(pageB, bob);
    await pageB.getByTestId('live').getByText('Live').waitFor();
    const countB = Number.parseInt(await pageB.getByTestId('total-count').textContent(), 10);

    await add(pageA, `Live from Alice ${run}`);
    const rowB = issue(pageB, `Live from Alice ${run}`);
    await rowB.waitFor();
    assert.equal(await rowB.locator('.assignee').textContent(), alice.name);
    await pageB.getByTestId('total-count').getByText(`${countB + 1} issues`).waitFor();

    await issue(pageA, `Live from Alice ${run}`).getByRole('combobox').selectOption('IN_PROGRESS');
    await rowB.locator('.status--in_progress').waitFor();
    await issue(pageA, `Live from Alice ${run}`).getByRole('button', { name: 'Edit' }).click();
    await pageA.locator('.issue__edit input').fill(`Live from Alice, renamed ${run}`);
    await pageA.locator('.issue__edit').getByRole('button', { name: 'Save' }).click();
    await issue(pageB, `Live from Alice, renamed ${run}`).waitFor();

    await add(pageB, `Live from Bob ${run}`);
    await issue(pageA, `Live from Bob ${run}`).waitFor();
    assert.equal(await issue(pageA, `Live from Bob ${run}`).locator('.assignee').textContent(), bob.name);
    await shot(pageB, '16-live-bob-sees-alice');
    await shot(pageA, '17-live-alice-sees-bob');

    await issue(pageA, `Live from Alice, renamed ${run}`).getByRole('button', { name: 'Delete' }).click();
    await pageA.getByRole('dialog').getByRole('button', { name: 'Delete issue' }).click();
    await issue(pageB, `Live from Alice, renamed ${run}`).waitFor({ state: 'detached' });
    await pageB.getByTestId('total-count').getByText(`${countB + 1} issues`).waitFor();
  });

  it('resumes after a dropped connection or an expired token from the last event seen, and reloads the list when that is too old', async () => {
    // Bob's page's graphql-ws connections pass through here: the test drops them, holds a reconnection,
    // and reads (or replaces) the cursor each subscription resumes after.
    const sockets = [];
    let hold = null;
    let forgeNext = false;
    let lastCursor = null;
    await pageB.context().routeWebSocket(/\/graphql$/, (ws) => {
      const server = ws.connectToServer();
      const socket = { ws, subscribedAfter: [], subscription: null, token: null };
      sockets.push(socket);
      ws.onMessage(async (message) => {
        const parsed = JSON.parse(message);
        if (parsed.type === 'connection_init') {
          socket.token = parsed.payload.Authorization;
        }
        if (parsed.type === 'subscribe') {
          socket.subscription = parsed.id;
          if (forgeNext && parsed.payload.variables.after) {
            forgeNext = false;
            parsed.payload.variables.after = TOO_OLD;
            message = JSON.stringify(parsed);
          }
          socket.subscribedAfter.push(parsed.payload.variables.after ?? null);
        }
        await hold;
        server.send(message);
      });
      server.onMessage((message) => {
        lastCursor = JSON.parse(message).payload?.data?.issueEvents?.cursor ?? lastCursor;
        ws.send(message);
      });
    });
    await pageB.reload();
    await listed(pageB);
    await pageB.getByTestId('live').getByText('Live').waitFor();
    await add(pageA, `Before the drop ${run}`);
    await issue(pageB, `Before the drop ${run}`).waitFor();
    const seen = lastCursor;
    assert.ok(seen);

    // dropped, and Alice adds an issue before Bob's page is back
    let release;
    hold = new Promise((resolve) => (release = resolve));
    await sockets.at(-1).ws.close({ code: 1012, reason: 'the test drops the connection' });
    await pageB.getByTestId('live').getByText('Reconnecting…').waitFor();
    await add(pageA, `During the drop ${run}`);
    await shot(pageB, '18-live-reconnecting');
    await until(() => sockets.length === 2);
    release();
    hold = null;
    await issue(pageB, `During the drop ${run}`).waitFor();
    await pageB.getByTestId('live').getByText('Live').waitFor();
    assert.deepEqual(sockets[1].subscribedAfter, [seen]);

    // its cursor older than the events kept: the page subscribes from now and loads the list again
    forgeNext = true;
    const reloaded = pageB.waitForRequest((request) => operationOf(request) === 'Issues');
    await sockets.at(-1).ws.close({ code: 1012, reason: 'the test drops the connection' });
    await reloaded;
    await until(() => sockets.length === 3 && sockets[2].subscribedAfter.length === 2);
    assert.deepEqual(sockets[2].subscribedAfter, [TOO_OLD, null]);
    await listed(pageB);
    await issue(pageB, `During the drop ${run}`).waitFor();
    await add(pageA, `After the reload ${run}`);
    await issue(pageB, `After the reload ${run}`).waitFor();

    // the token expires: the server's final error and 4401, as the server sends them at exp; the page
    // connects again with a fresh token and resumes after the last event
    const expiring = sockets.at(-1);
    const resumeAfter = lastCursor;
    expiring.ws.send(JSON.stringify({
      id: expiring.subscription,
      type: 'error',
      payload: [{ message: 'Your token has expired: sign in again and resubscribe.', extensions: { classification: 'UNAUTHORIZED' } }],
    }));
    await expiring.ws.close({ code: 4401, reason: 'Unauthorized' });
    await until(() => sockets.length === 4 && sockets[3].subscribedAfter.length === 1);
    assert.deepEqual(sockets[3].subscribedAfter, [resumeAfter]);
    assert.match(sockets[3].token, /^Bearer ey/);
    assert.notEqual(sockets[3].token, expiring.token, 'a fresh token, not the expired one');
    await add(pageA, `After the new token ${run}`);
    await issue(pageB, `After the new token ${run}`).waitFor();
    await pageB.getByTestId('live').getByText('Live').waitFor();
    assert.equal(await alert(pageB).count(), 0);
  });

  it("lets Bob see Alice's issues but offers him no way to change or delete them", async () => {
    const row = issue(pageB, `Alice task 12 ${run}`);
    await row.waitFor();
    assert.equal(await row.locator('.assignee').textContent(), alice.name);
    assert.deepEqual(await controls(row), { status: 0, edit: 0, delete: 0 });
    assert.equal((await row.locator('.status--in_progress').textContent()).trim(), 'Status: In progress');
    assert.deepEqual(await controls(issue(pageB, `Live from Bob ${run}`)), { status: 1, edit: 1, delete: 1 });
    assert.deepEqual(await controls(issue(pageA, `Live from Bob ${run}`)), { status: 0, edit: 0, delete: 0 });
    await shot(pageB, '06-read-only');

    await pageB.getByLabel('Only mine').check();
    await issue(pageB, `Live from Bob ${run}`).waitFor();
    await issue(pageB, `Alice task 12 ${run}`).waitFor({ state: 'detached' });
    await issue(pageB, `Live from Bob ${run}`).getByRole('button', { name: 'Delete' }).click();
    await pageB.getByRole('dialog').getByRole('button', { name: 'Delete issue' }).click();
    await pageB.getByText('Nothing matches these filters.').waitFor();
    await add(pageB, `Bob's first issue ${run}`);
    assert.deepEqual(await titles(pageB), [`Bob's first issue ${run}`]);
  });

  it('says so when the server asks to slow down (429) or is unavailable (503)', async () => {
    for (const [status, text, name] of [
      [429, "You're going a little fast. Please wait 7 seconds and try again.", '07-error-429'],
      [503, 'issuegraph is briefly unavailable. Please try again in 7 seconds.', '08-error-503'],
    ]) {
      // the server's own shapes of these answers, for one request
      await pageB.route('**/graphql', (route) => route.fulfill({
        status,
        headers: { 'Retry-After': '7', 'Access-Control-Allow-Origin': web.url, 'Access-Control-Expose-Headers': 'Retry-After' },
        contentType: 'application/graphql-response+json',
        body: JSON.stringify({ errors: [{ message: 'try again later', extensions: { classification: status === 429 ? 'TOO_MANY_REQUESTS' : 'SERVICE_UNAVAILABLE' } }] }),
      }), { times: 1 });
      await pageB.getByRole('button', { name: 'To do', exact: true }).click();
      await alert(pageB).getByText(text).waitFor();
      await shot(pageB, name);
      await pageB.getByRole('button', { name: 'Dismiss' }).click();
    }
  });

  it('reads well at phone width', async () => {
    await pageB.setViewportSize(PHONE);
    await pageB.getByLabel('Only mine').uncheck();
    await pageB.getByRole('button', { name: 'All', exact: true }).click();
    await issue(pageB, `Alice task 12 ${run}`).waitFor();
    const overflow = await pageB.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page is ${overflow}px wider than the phone`);
    await shot(pageB, '09-phone');
  });

  it('keeps the next title typed while an add is still saving', async () => {
    // the answer to the add held back, as on a slow network, while its live event shows the issue
    let release;
    const held = new Promise((resolve) => (release = resolve));
    await pageA.route('**/graphql', async (route) => {
      if (operationOf(route.request()) !== 'CreateIssue') {
        return route.fallback();
      }
      const response = await route.fetch();
      await held;
      return route.fulfill({ response });
    });
    await pageA.getByPlaceholder('What needs doing?').fill(`Alice task 13 ${run}`);
    await pageA.getByRole('button', { name: 'Add issue' }).click();
    await issue(pageA, `Alice task 13 ${run}`).waitFor();
    await pageA.getByPlaceholder('What needs doing?').fill(`Alice task 14 ${run}`);
    release();
    await pageA.getByRole('button', { name: 'Add issue' }).waitFor();
    assert.equal(await pageA.getByPlaceholder('What needs doing?').inputValue(), `Alice task 14 ${run}`);
    await pageA.unroute('**/graphql');
    await pageA.getByRole('button', { name: 'Add issue' }).click();
    await issue(pageA, `Alice task 14 ${run}`).waitFor();
    assert.equal(await pageA.getByPlaceholder('What needs doing?').inputValue(), '');
  });

  it('deletes Alice’s account after confirmation: logged out, issues gone, no way back in', async () => {
    // a second tab of Alice's, whose live updates end with the account
    const otherTab = await pageA.context().newPage();
    await otherTab.goto(web.url);
    await listed(otherTab);
    await otherTab.getByTestId('live').getByText('Live').waitFor();

    await pageA.getByRole('button', { name: 'Delete account…' }).click();
    await pageA.getByRole('dialog').getByText('Delete your account?').waitFor();
    await shot(pageA, '10-delete-account-confirm');
    await pageA.getByRole('button', { name: 'Delete my account' }).click();
    await pageA.getByTestId('farewell').waitFor();
    // twelve tasks less the one deleted, the four of the reconnection test and the two added while saving
    assert.match(await pageA.getByTestId('farewell').textContent(), /17 issues were deleted/);
    await pageA.getByRole('button', { name: 'Sign up', exact: true }).waitFor();
    await shot(pageA, '11-account-deleted');
    await alert(otherTab).getByText('Your account was deleted. Please log in again.').waitFor();
    await otherTab.getByTestId('live').getByText('Not live').waitFor();
    await shot(otherTab, '20-live-ended-account-deleted');
    await otherTab.close();

    // Bob's open page drops Alice's issues as they go (deleteMyAccount's events), and a reload agrees
    await pageB.setViewportSize(DESKTOP);
    await pageB.waitForFunction((run) => ![...document.querySelectorAll('.issue__title')]
      .some((title) => title.textContent.startsWith('Alice task') && title.textContent.endsWith(run)), run);
    await issue(pageB, `Bob's first issue ${run}`).waitFor();
    await pageB.reload();
    await issue(pageB, `Bob's first issue ${run}`).waitFor();
    assert.deepEqual((await titles(pageB)).filter((t) => t.startsWith('Alice task') && t.endsWith(run)), []);

    const widget = await logIn(pageA, alice);
    await widget.locator('.flashMessage.error').waitFor();
    await shot(pageA, '12-login-refused');
    assert.match(await widget.locator('.flashMessage.error').textContent(), /No user found/);
  });
});
