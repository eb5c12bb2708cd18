/* eslint-disable */
import * as types from './graphql';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  fragment IssueFields on Issue {\n    id\n    title\n    status\n    createdAt\n    updatedAt\n    assignee {\n      id\n      name\n      email\n    }\n    viewerCanUpdate\n    viewerCanDelete\n  }\n": typeof types.IssueFieldsFragmentDoc,
    "\n  query Me {\n    me {\n      id\n      email\n      name\n      roles\n    }\n  }\n": typeof types.MeDocument,
    "\n  query Issues($first: Int!, $after: String, $filter: IssueFilter, $orderBy: IssueOrder) {\n    issues(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {\n      totalCount\n      edges {\n        cursor\n        node {\n          ...IssueFields\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.IssuesDocument,
    "\n  mutation CreateIssue($input: CreateIssueInput!) {\n    createIssue(input: $input) {\n      ...IssueFields\n    }\n  }\n": typeof types.CreateIssueDocument,
    "\n  mutation UpdateIssue($id: ID!, $input: UpdateIssueInput!) {\n    updateIssue(id: $id, input: $input) {\n      ...IssueFields\n    }\n  }\n": typeof types.UpdateIssueDocument,
    "\n  mutation DeleteIssue($id: ID!) {\n    deleteIssue(id: $id)\n  }\n": typeof types.DeleteIssueDocument,
    "\n  mutation DeleteMyAccount {\n    deleteMyAccount {\n      deletedIssueCount\n      identityDeleted\n      message\n    }\n  }\n": typeof types.DeleteMyAccountDocument,
    "\n  subscription IssueEvents($filter: IssueFilter, $after: String) {\n    issueEvents(filter: $filter, after: $after) {\n      kind\n      issueId\n      cursor\n      issue {\n        ...IssueFields\n      }\n    }\n  }\n": typeof types.IssueEventsDocument,
};
const documents: Documents = {
    "\n  fragment IssueFields on Issue {\n    id\n    title\n    status\n    createdAt\n    updatedAt\n    assignee {\n      id\n      name\n      email\n    }\n    viewerCanUpdate\n    viewerCanDelete\n  }\n": types.IssueFieldsFragmentDoc,
    "\n  query Me {\n    me {\n      id\n      email\n      name\n      roles\n    }\n  }\n": types.MeDocument,
    "\n  query Issues($first: Int!, $after: String, $filter: IssueFilter, $orderBy: IssueOrder) {\n    issues(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {\n      totalCount\n      edges {\n        cursor\n        node {\n          ...IssueFields\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.IssuesDocument,
    "\n  mutation CreateIssue($input: CreateIssueInput!) {\n    createIssue(input: $input) {\n      ...IssueFields\n    }\n  }\n": types.CreateIssueDocument,
    "\n  mutation UpdateIssue($id: ID!, $input: UpdateIssueInput!) {\n    updateIssue(id: $id, input: $input) {\n      ...IssueFields\n    }\n  }\n": types.UpdateIssueDocument,
    "\n  mutation DeleteIssue($id: ID!) {\n    deleteIssue(id: $id)\n  }\n": types.DeleteIssueDocument,
    "\n  mutation DeleteMyAccount {\n    deleteMyAccount {\n      deletedIssueCount\n      identityDeleted\n      message\n    }\n  }\n": types.DeleteMyAccountDocument,
    "\n  subscription IssueEvents($filter: IssueFilter, $after: String) {\n    issueEvents(filter: $filter, after: $after) {\n      kind\n      issueId\n      cursor\n      issue {\n        ...IssueFields\n      }\n    }\n  }\n": types.IssueEventsDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment IssueFields on Issue {\n    id\n    title\n    status\n    createdAt\n    updatedAt\n    assignee {\n      id\n      name\n      email\n    }\n    viewerCanUpdate\n    viewerCanDelete\n  }\n"): typeof import('./graphql').IssueFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Me {\n    me {\n      id\n      email\n      name\n      roles\n    }\n  }\n"): typeof import('./graphql').MeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Issues($first: Int!, $after: String, $filter: IssueFilter, $orderBy: IssueOrder) {\n    issues(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {\n      totalCount\n      edges {\n        cursor\n        node {\n          ...IssueFields\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): typeof import('./graphql').IssuesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateIssue($input: CreateIssueInput!) {\n    createIssue(input: $input) {\n      ...IssueFields\n    }\n  }\n"): typeof import('./graphql').CreateIssueDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateIssue($id: ID!, $input: UpdateIssueInput!) {\n    updateIssue(id: $id, input: $input) {\n      ...IssueFields\n    }\n  }\n"): typeof import('./graphql').UpdateIssueDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteIssue($id: ID!) {\n    deleteIssue(id: $id)\n  }\n"): typeof import('./graphql').DeleteIssueDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteMyAccount {\n    deleteMyAccount {\n      deletedIssueCount\n      identityDeleted\n      message\n    }\n  }\n"): typeof import('./graphql').DeleteMyAccountDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription IssueEvents($filter: IssueFilter, $after: String) {\n    issueEvents(filter: $filter, after: $after) {\n      kind\n      issueId\n      cursor\n      issue {\n        ...IssueFields\n      }\n    }\n  }\n"): typeof import('./graphql').IssueEventsDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
