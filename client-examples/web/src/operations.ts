import { graphql } from './gql';

// Every operation the page sends. `npm run codegen` types them from schema/issues.graphqls and
// writes their hashes to src/gql/persisted-documents.json.

export const IssueFieldsFragment = graphql(`
  fragment IssueFields on Issue {
    id
    title
    status
    createdAt
    updatedAt
    assignee {
      id
      name
      email
    }
    viewerCanUpdate
    viewerCanDelete
  }
`);

export const MeQuery = graphql(`
  query Me {
    me {
      id
      email
      name
      roles
    }
  }
`);

export const IssuesQuery = graphql(`
  query Issues($first: Int!, $after: String, $filter: IssueFilter, $orderBy: IssueOrder) {
    issues(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
      totalCount
      edges {
        cursor
        node {
          ...IssueFields
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const CreateIssueMutation = graphql(`
  mutation CreateIssue($input: CreateIssueInput!) {
    createIssue(input: $input) {
      ...IssueFields
    }
  }
`);

export const UpdateIssueMutation = graphql(`
  mutation UpdateIssue($id: ID!, $input: UpdateIssueInput!) {
    updateIssue(id: $id, input: $input) {
      ...IssueFields
    }
  }
`);

export const DeleteIssueMutation = graphql(`
  mutation DeleteIssue($id: ID!) {
    deleteIssue(id: $id)
  }
`);

export const DeleteMyAccountMutation = graphql(`
  mutation DeleteMyAccount {
    deleteMyAccount {
      deletedIssueCount
      identityDeleted
      message
    }
  }
`);

// Over graphql-ws (src/live.ts): the changes of the issues the list shows, as they commit.
export const IssueEventsSubscription = graphql(`
  subscription IssueEvents($filter: IssueFilter, $after: String) {
    issueEvents(filter: $filter, after: $after) {
      kind
      issueId
      cursor
      issue {
        ...IssueFields
      }
    }
  }
`);
