// The page's whole journey in Debian's Chromium against the running server, its embedded database and
// the local identity: two people side by side, every error a person can meet, phone and desktop width.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launch, servePage, shot } from './browser.mjs';

const run = Date.now().toString(36);
const alice = { name: 'Alice Example', email: `alice-${run}@example.com`, password: 'alice-password-1' };
const bob = { name: 'Bob Example', email: `bob-${run}@example.com`, password: 'bob-password-1' };
const DESKTOP = { width: 1280, height: 860 };
const PHONE = { width: 390, height: 844 };

let browser;
let web;
let pageA;
let pageB;

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

async function titles(page) {
  return (await page.locator('.issue__title').allTextContents()).map((t) => t.trim());
}

async function newPage(viewport) {
  const context = await browser.newContext({ viewport });
  context.setDefaultTimeout(15_000);
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

  it('invites a visitor to sign up or log in', async () => {
    await pageA.goto(web.url);
    await pageA.getByRole('heading', { name: "Track your team's issues, together." }).waitFor();
    await shot(pageA, '01-logged-out');
  });

  it('signs Alice up with the identity widget and shows who is logged in', async () => {
    await signUp(pageA, alice);
    await pageA.locator('.who').getByText(alice.name).waitFor();
    assert.equal(await pageA.locator('.account__email').textContent(), alice.email);
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
    assert.equal(await pageA.locator('.status--todo, .status--in_progress').count(), 0);
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

  it('deletes an issue', async () => {
    await issue(pageA, `Alice task 7 ${run}`).getByRole('button', { name: 'Delete' }).click();
    await issue(pageA, `Alice task 7 ${run}`).waitFor({ state: 'detached' });
    await pageA.reload();
    await listed(pageA);
    assert.ok(!(await titles(pageA)).includes(`Alice task 7 ${run}`));
  });

  it("lets Bob see Alice's issues but not change or delete them", async () => {
    await pageB.goto(web.url);
    await signUp(pageB, bob);
    const row = issue(pageB, `Alice task 12 ${run}`);
    await row.waitFor();
    assert.equal(await row.locator('.assignee').textContent(), alice.name);

    await row.getByRole('combobox').selectOption('DONE');
    await alert(pageB).getByText("You can't do that: Only the issue's assignee or an admin may change it.").waitFor();
    await shot(pageB, '06-error-forbidden');
    await pageB.getByRole('button', { name: 'Dismiss' }).click();

    await row.getByRole('button', { name: 'Delete' }).click();
    await alert(pageB).getByText("You can't do that").waitFor();
    await pageB.reload();
    await issue(pageB, `Alice task 12 ${run}`).locator('.status--in_progress').waitFor();

    await pageB.getByLabel('Only mine').check();
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

  it('deletes Alice’s account after confirmation: logged out, issues gone, no way back in', async () => {
    await pageA.getByRole('button', { name: 'Delete account…' }).click();
    await pageA.getByRole('dialog').getByText('Delete your account?').waitFor();
    await shot(pageA, '10-delete-account-confirm');
    await pageA.getByRole('button', { name: 'Delete my account' }).click();
    await pageA.getByTestId('farewell').waitFor();
    assert.match(await pageA.getByTestId('farewell').textContent(), /11 issues were deleted/);
    await pageA.getByRole('button', { name: 'Sign up', exact: true }).waitFor();
    await shot(pageA, '11-account-deleted');

    await pageB.setViewportSize(DESKTOP);
    await pageB.reload();
    await issue(pageB, `Bob's first issue ${run}`).waitFor();
    assert.deepEqual((await titles(pageB)).filter((t) => t.startsWith('Alice task') && t.endsWith(run)), []);

    const widget = await logIn(pageA, alice);
    await widget.locator('.flashMessage.error').waitFor();
    await shot(pageA, '12-login-refused');
    assert.match(await widget.locator('.flashMessage.error').textContent(), /No user found/);
  });
});
