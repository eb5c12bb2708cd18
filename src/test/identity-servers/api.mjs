// The GraphQL API journey that every identity mode must pass, with the assertions shared by the suites.
import assert from 'node:assert/strict';

const ISSUE = 'id title status assignee { id name email }';

/** data of a GraphQL answer that must have succeeded. */
export function data(answer) {
  assert.equal(answer.status, 200, `HTTP ${answer.status}: ${JSON.stringify(answer.body)}`);
  assert.equal(answer.body.errors, undefined, JSON.stringify(answer.body.errors));
  return answer.body.data;
}

/** The classification of the first error of a GraphQL answer. */
export function classification(answer) {
  return answer.body?.errors?.[0]?.extensions?.classification;
}

export async function me(issuegraph, token) {
  return data(await issuegraph.graphql(token, '{ me { id email name roles } }')).me;
}

export async function createIssue(issuegraph, token, title, status = 'TODO') {
  return data(await issuegraph.graphql(token, `mutation($input: CreateIssueInput!) { createIssue(input: $input) { ${ISSUE} } }`,
    { input: { title, status } })).createIssue;
}

export function updateIssue(issuegraph, token, id, input) {
  return issuegraph.graphql(token, `mutation($id: ID!, $input: UpdateIssueInput!) { updateIssue(id: $id, input: $input) { ${ISSUE} } }`,
    { id, input });
}

export async function issuesOf(issuegraph, token, assigneeEmail) {
  return data(await issuegraph.graphql(token, `query($filter: IssueFilter) { issues(first: 100, filter: $filter) { totalCount edges { node { ${ISSUE} } } } }`,
    { filter: { assigneeEmail } })).issues;
}

export async function deleteMyAccount(issuegraph, token) {
  return issuegraph.graphql(token, 'mutation { deleteMyAccount { deletedIssueCount identityDeleted message } }');
}

/**
 * me, createIssue (the assignee as the token names them), issues, updateIssue, deleteIssue, for the
 * holder of token; person is {id, email, name}. Leaves one issue behind and returns it.
 */
export async function apiJourney(issuegraph, token, person) {
  assert.deepEqual(await me(issuegraph, token), { id: person.id, email: person.email, name: person.name, roles: [] });

  const first = await createIssue(issuegraph, token, `First of ${person.email}`);
  assert.deepEqual(first.assignee, { id: person.id, name: person.name, email: person.email });
  assert.equal(first.status, 'TODO');
  const kept = await createIssue(issuegraph, token, `Kept by ${person.email}`, 'IN_PROGRESS');

  const listed = await issuesOf(issuegraph, token, person.email);
  assert.equal(listed.totalCount, 2);
  assert.deepEqual(listed.edges.map((e) => e.node.id), [kept.id, first.id]);

  const updated = data(await updateIssue(issuegraph, token, first.id, { status: 'DONE', title: 'Renamed' })).updateIssue;
  assert.equal(updated.status, 'DONE');
  assert.equal(updated.title, 'Renamed');

  const deleted = data(await issuegraph.graphql(token, 'mutation($id: ID!) { deleteIssue(id: $id) }', { id: first.id }));
  assert.equal(deleted.deleteIssue, first.id);
  assert.equal((await issuesOf(issuegraph, token, person.email)).totalCount, 1);
  return kept;
}

/** The token is refused the way a client must read it: 401 with UNAUTHORIZED. */
export async function assertRefused(issuegraph, token) {
  const answer = await issuegraph.graphql(token, '{ me { id } }');
  assert.equal(answer.status, 401, JSON.stringify(answer.body));
  assert.equal(classification(answer), 'UNAUTHORIZED');
}
