/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** A new issue. Its assignee is the caller. */
export type CreateIssueInput = {
  /**
   * Makes retrying safe, e.g. after a timeout or an HTTP 503 that left open whether the issue was
   * created: a key of your choosing (1 to 100 characters, e.g. a UUID), sent again with the retry. A
   * request with a key the caller used before creates nothing and returns the issue created the first
   * time, for as long as that issue exists. The same key with another title or status is a
   * `BAD_REQUEST`. Keys are per user, and matched exactly (case and spaces count).
   */
  idempotencyKey?: string | null | undefined;
  /** Defaults to TODO. */
  status?: IssueStatus | null | undefined;
  /** 1 to 255 characters after trimming surrounding white space. */
  title: string;
};

/** What happened to an issue. */
export type IssueEventKind =
  | 'CREATED'
  | 'DELETED'
  | 'UPDATED';

/** Conditions on the issues listed; all given conditions must hold. */
export type IssueFilter = {
  /** When true, only issues assigned to the caller. */
  assignedToMe?: boolean | null | undefined;
  /** Only issues whose assignee has exactly this email address. */
  assigneeEmail?: string | null | undefined;
  /**
   * Issues whose title contains every word of this text: case-insensitive, and a word also matches the longer words it begins (`log` finds `login`).
   *
   * Words are runs of letters and digits; everything else only separates them, so quotes and operators
   * mean nothing. Words of 1 or 2 letters and very common words (`the`, `with`, …) only narrow what the
   * other words find, matched anywhere in the title; a text made only of such words finds nothing. Empty
   * or blank text means no search; more than 200 characters is a `BAD_REQUEST`. For `issues` only.
   */
  search?: string | null | undefined;
  /** Only issues in one of these statuses. */
  status?: Array<IssueStatus> | null | undefined;
  /**
   * Only issues changed after this instant (exclusive).
   *
   * With `orderBy: {field: UPDATED_AT, direction: ASC}`, the way to sync: see `updatedAt`. For `issues` only.
   */
  updatedAfter?: string | null | undefined;
};

/** The order of a list of issues. */
export type IssueOrder = {
  direction: OrderDirection;
  field: IssueOrderField;
};

/** What a list of issues is ordered by. */
export type IssueOrderField =
  /** When the issue was created, i.e. the order the server stored the issues in. */
  | 'CREATED_AT'
  /** When the issue last changed (`updatedAt`). */
  | 'UPDATED_AT';

/** Where an issue stands. */
export type IssueStatus =
  /** Finished (stored as `done`). */
  | 'DONE'
  /** Being worked on (stored as `in progress`). */
  | 'IN_PROGRESS'
  /** Not started (stored as `to-do`). */
  | 'TODO';

/** Which way an order runs. */
export type OrderDirection =
  /** Oldest or smallest first. */
  | 'ASC'
  /** Newest or largest first. */
  | 'DESC';

/** What to change on an issue; fields left out stay as they are. */
export type UpdateIssueInput = {
  status?: IssueStatus | null | undefined;
  /** 1 to 255 characters after trimming surrounding white space. */
  title?: string | null | undefined;
};

export type IssueFieldsFragment = { id: string, title: string, status: IssueStatus, createdAt: string, updatedAt: string, viewerCanUpdate: boolean, viewerCanDelete: boolean, assignee: { id: string | null, name: string, email: string | null } };

export type MeQueryVariables = Exact<{ [key: string]: never; }>;


export type MeQuery = { me: { id: string, email: string, name: string | null, roles: Array<string> } };

export type IssuesQueryVariables = Exact<{
  first: number;
  after?: string | null | undefined;
  filter?: IssueFilter | null | undefined;
  orderBy?: IssueOrder | null | undefined;
}>;


export type IssuesQuery = { issues: { totalCount: number, edges: Array<{ cursor: string, node: { id: string, title: string, status: IssueStatus, createdAt: string, updatedAt: string, viewerCanUpdate: boolean, viewerCanDelete: boolean, assignee: { id: string | null, name: string, email: string | null } } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type CreateIssueMutationVariables = Exact<{
  input: CreateIssueInput;
}>;


export type CreateIssueMutation = { createIssue: { id: string, title: string, status: IssueStatus, createdAt: string, updatedAt: string, viewerCanUpdate: boolean, viewerCanDelete: boolean, assignee: { id: string | null, name: string, email: string | null } } };

export type UpdateIssueMutationVariables = Exact<{
  id: string | number;
  input: UpdateIssueInput;
}>;


export type UpdateIssueMutation = { updateIssue: { id: string, title: string, status: IssueStatus, createdAt: string, updatedAt: string, viewerCanUpdate: boolean, viewerCanDelete: boolean, assignee: { id: string | null, name: string, email: string | null } } };

export type DeleteIssueMutationVariables = Exact<{
  id: string | number;
}>;


export type DeleteIssueMutation = { deleteIssue: string };

export type DeleteMyAccountMutationVariables = Exact<{ [key: string]: never; }>;


export type DeleteMyAccountMutation = { deleteMyAccount: { deletedIssueCount: number, identityDeleted: boolean, message: string | null } };

export type IssueEventsSubscriptionVariables = Exact<{
  filter?: IssueFilter | null | undefined;
  after?: string | null | undefined;
}>;


export type IssueEventsSubscription = { issueEvents: { kind: IssueEventKind, issueId: string, cursor: string, issue: { id: string, title: string, status: IssueStatus, createdAt: string, updatedAt: string, viewerCanUpdate: boolean, viewerCanDelete: boolean, assignee: { id: string | null, name: string, email: string | null } } | null } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const IssueFieldsFragmentDoc = new TypedDocumentString(`
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
    `, {"fragmentName":"IssueFields"}) as unknown as TypedDocumentString<IssueFieldsFragment, unknown>;
export const MeDocument = new TypedDocumentString(`
    query Me {
  me {
    id
    email
    name
    roles
  }
}
    `, {"hash":"sha256:90a11a7bab8a91bfa318d89976f69f798886f489d1df6bd52bab3512c3b03cbf"}) as unknown as TypedDocumentString<MeQuery, MeQueryVariables>;
export const IssuesDocument = new TypedDocumentString(`
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
}`, {"hash":"sha256:d4d08ab8ba6472f1640d0e84e6f5e4812d90cc7f63f7c690cf9eee734eb82780"}) as unknown as TypedDocumentString<IssuesQuery, IssuesQueryVariables>;
export const CreateIssueDocument = new TypedDocumentString(`
    mutation CreateIssue($input: CreateIssueInput!) {
  createIssue(input: $input) {
    ...IssueFields
  }
}
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
}`, {"hash":"sha256:e3777146b552f9b2f4f174a5190605815b544cb984cf30a2bb2487ea1d37f0f5"}) as unknown as TypedDocumentString<CreateIssueMutation, CreateIssueMutationVariables>;
export const UpdateIssueDocument = new TypedDocumentString(`
    mutation UpdateIssue($id: ID!, $input: UpdateIssueInput!) {
  updateIssue(id: $id, input: $input) {
    ...IssueFields
  }
}
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
}`, {"hash":"sha256:0bf4a941809b04eb22f40dfbbf82eb46fda31a52d22bb3c00de4f39080d198fb"}) as unknown as TypedDocumentString<UpdateIssueMutation, UpdateIssueMutationVariables>;
export const DeleteIssueDocument = new TypedDocumentString(`
    mutation DeleteIssue($id: ID!) {
  deleteIssue(id: $id)
}
    `, {"hash":"sha256:a2d6eea0fda0560a878a3d861e7aa796fb3839b97d966ac7986e46ff417a35c0"}) as unknown as TypedDocumentString<DeleteIssueMutation, DeleteIssueMutationVariables>;
export const DeleteMyAccountDocument = new TypedDocumentString(`
    mutation DeleteMyAccount {
  deleteMyAccount {
    deletedIssueCount
    identityDeleted
    message
  }
}
    `, {"hash":"sha256:46f7287ac5cf0e6583f71d483ce7182def6cabfdbac32e3a68cdfeb84965cd8f"}) as unknown as TypedDocumentString<DeleteMyAccountMutation, DeleteMyAccountMutationVariables>;
export const IssueEventsDocument = new TypedDocumentString(`
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
}`, {"hash":"sha256:82dbfc5a8de7c5a0fd5529459b1766f968e2ebb811863d2f3ed436af77d30a8a"}) as unknown as TypedDocumentString<IssueEventsSubscription, IssueEventsSubscriptionVariables>;