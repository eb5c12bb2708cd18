// GraphiQL at /graphiql in Debian's Chromium with no internet: every request stays on the server's own
// origin; the docs explorer shows the schema's descriptions; locally the demo user's header is filled
// in and the example query runs with one click; a subscription runs over graphql-ws with that header;
// production's empty editor with a hint.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launch, SERVER, shot, until } from './browser.mjs';

let browser;

async function openGraphiQL({ production = false } = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  context.setDefaultTimeout(20_000);
  const page = await context.newPage();
  const foreign = [];
  page.on('request', (request) => {
    if (!request.url().startsWith(SERVER) && !request.url().startsWith('data:')) {
      foreign.push(request.url());
    }
  });
  if (production) {
    // what /graphiql/settings.json answers when no header is configured (GraphiQlTest checks the server side)
    await page.route('**/graphiql/settings.json', async (route) => {
      const response = await route.fetch();
      const settings = await response.json();
      await route.fulfill({ response, json: { ...settings, headers: '', hint: PRODUCTION_HINT } });
    });
  }
  await page.goto(`${SERVER}/graphiql`);
  await page.locator('.graphiql-container').waitFor();
  return { page, foreign };
}

const PRODUCTION_HINT = `# Add your access token under Headers below:
#   {"Authorization": "Bearer <token>"}
# Get one from your Identity's /token
# (docs/clients.md).`;

const editorText = (page, selector) =>
  page.locator(`${selector} .CodeMirror`).first().evaluate((element) => element.CodeMirror.getValue());

describe('GraphiQL', () => {
  before(async () => {
    browser = await launch();
  });

  after(async () => {
    await browser?.close();
  });

  it('runs the example query as the demo user with one click, from its own assets only', async () => {
    const { page, foreign } = await openGraphiQL();
    assert.match(await editorText(page, '.graphiql-editor-tool .graphiql-editor:not(.hidden)'), /"Authorization": "Bearer ey/);
    await page.getByRole('button', { name: /Execute query/ }).click();
    await page.locator('.result-window').getByText('demo@example.com').waitFor();
    const result = JSON.parse(await editorText(page, '.result-window'));
    assert.equal(result.data.me.email, 'demo@example.com');
    assert.equal(typeof result.data.issues.totalCount, 'number');
    await shot(page, '13-graphiql-local');
    assert.deepEqual(foreign, []);
  });

  it('subscribes over graphql-ws on its own origin, signed in by the header editor, and has a favicon', async () => {
    const { page, foreign } = await openGraphiQL();
    const sockets = [];
    page.on('websocket', (socket) => {
      const sent = [];
      sockets.push({ url: socket.url(), sent });
      socket.on('framesent', (frame) => sent.push(JSON.parse(frame.payload)));
    });
    const headers = JSON.parse(await editorText(page, '.graphiql-editor-tool .graphiql-editor:not(.hidden)'));
    await page.locator('.graphiql-query-editor .CodeMirror').first().evaluate((element) => {
      element.CodeMirror.setValue('subscription { issueEvents { kind issueId issue { title viewerCanUpdate } } }');
    });
    // GraphiQL takes an edit in a moment later (and then stores it): run what the editor shows
    await page.waitForFunction(() => localStorage.getItem('graphiql:query')?.startsWith('subscription'));
    await page.getByRole('button', { name: /Execute query/ }).click();
    await until(() => sockets[0]?.sent.some((message) => message.type === 'subscribe'));
    // the demo user adds an issue over HTTP; GraphiQL shows its event. A subscribe has no answer to wait for,
    // so the first may come before the server has registered it: add until one is shown
    let title;
    for (let attempt = 1; ; attempt++) {
      title = `Seen in GraphiQL ${Date.now().toString(36)}`;
      const created = await fetch(`${SERVER}/graphql`, {
        method: 'POST',
        headers: { ...headers, 'Content-Type': 'application/json' },
        body: JSON.stringify({ query: 'mutation ($title: String!) { createIssue(input: {title: $title}) { id } }', variables: { title } }),
      });
      assert.equal(created.status, 200);
      try {
        await page.locator('.result-window').getByText(title).waitFor({ timeout: 5000 });
        break;
      } catch (missed) {
        if (attempt === 4) throw missed;
      }
    }
    const event = JSON.parse(await editorText(page, '.result-window')).data.issueEvents;
    assert.deepEqual({ kind: event.kind, title: event.issue.title, viewerCanUpdate: event.issue.viewerCanUpdate },
      { kind: 'CREATED', title, viewerCanUpdate: true });
    await shot(page, '19-graphiql-subscription');
    assert.equal(sockets[0].url, `${SERVER.replace(/^http/, 'ws')}/graphql`);
    assert.deepEqual(sockets[0].sent[0], { type: 'connection_init', payload: headers });
    assert.deepEqual(foreign, []);

    const favicon = await page.request.get(`${SERVER}/favicon.ico`);
    assert.equal(favicon.status(), 200);
    assert.equal(favicon.headers()['content-type'], 'image/x-icon');
  });

  it('shows the docs with descriptions before any token, and a hint instead of a header in production', async () => {
    const { page, foreign } = await openGraphiQL({ production: true });
    assert.equal((await editorText(page, '.graphiql-editor-tool .graphiql-editor:not(.hidden)')).trim(), '');
    assert.match(await editorText(page, '.graphiql-query-editor'), /Add your access token under Headers/);
    await page.getByRole('button', { name: 'Show Documentation Explorer' }).click();
    const docs = page.locator('.graphiql-doc-explorer');
    await docs.getByRole('link', { name: 'Query' }).click();
    await docs.getByText('Every issue of the team, newest first').waitFor();
    await docs.getByRole('link', { name: 'issues' }).first().click();
    await docs.getByText('How many issues to return, 1 to 100.').waitFor();
    // issue 26's argument, from the schema's description
    await docs.getByText('The order of the list; ties are broken by the issue id').waitFor();
    await shot(page, '14-graphiql-production-docs');

    // autocomplete from the same schema, still without a token
    const editor = page.locator('.graphiql-query-editor .CodeMirror').first();
    await editor.evaluate((element) => {
      const cm = element.CodeMirror;
      cm.setValue('{ issues { ');
      cm.setCursor({ line: 0, ch: 11 });
      cm.focus();
    });
    await page.keyboard.press('Control+Space');
    const hints = page.locator('.CodeMirror-hints');
    await hints.getByText('totalCount').waitFor();
    await hints.getByText('pageInfo').waitFor();
    assert.deepEqual(foreign, []);
  });
});
