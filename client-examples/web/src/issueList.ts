import type { IssueFieldsFragment as Issue, IssueFilter, IssueOrder, IssueStatus } from './gql/graphql';

// The list the page shows, and how one change of an issue, the page's own or a colleague's event, goes
// into it. Applying a change is idempotent (an event may come twice, and a page's own change comes back
// as an event too), and an issue the list already shows newer is left as it is.

/** Newest first (by id), or the most recently changed first (by updatedAt, then id). */
export type Order = 'NEWEST' | 'CHANGED';

export interface Filter {
  status: IssueStatus | 'ALL';
  mine: boolean;
  /** The words a title must have; the server decides what matches (docs/api.md#search). */
  search: string;
  order: Order;
}

export interface Page {
  /** In the filter's order. */
  issues: Issue[];
  endCursor: string | null;
  hasNextPage: boolean;
  totalCount: number;
}

export interface Change {
  issueId: string;
  /** The issue as it is now; null once deleted. */
  issue: Issue | null;
}

export function matcher(filter: Filter, userId: string): (issue: Issue) => boolean {
  return (issue) =>
    (filter.status === 'ALL' || issue.status === filter.status) && (!filter.mine || issue.assignee.id === userId);
}

/** Ids are decimal numbers, handed out in order: the greater, the newer. */
export function newer(a: string, b: string): boolean {
  return a.length !== b.length ? a.length > b.length : a > b;
}

/** Whether issue `a` comes before issue `b` in the order. updatedAt strings share one format: they compare as text. */
export function ahead(a: Issue, b: Issue, order: Order): boolean {
  return order === 'CHANGED' && a.updatedAt !== b.updatedAt ? a.updatedAt > b.updatedAt : newer(a.id, b.id);
}

/**
 * The page after one change. `recount` is true when the change may have moved `totalCount` in a way the
 * page cannot tell: an issue beyond the pages loaded so far entered or left the filter, or (recently changed
 * first) moved up from there. During a search the page cannot tell whether an issue it does not show matches
 * the words, so it adds none: a new search brings them.
 */
export function applyChange(
  page: Page,
  change: Change,
  matches: (issue: Issue) => boolean,
  filter: Pick<Filter, 'order' | 'search'>,
): { page: Page; recount: boolean } {
  const { issueId, issue } = change;
  const index = page.issues.findIndex((i) => i.id === issueId);
  const listed = index >= 0 ? page.issues[index] : undefined;
  const belongs = issue !== null && matches(issue);
  const others = page.issues.filter((i) => i.id !== issueId);
  if (listed) {
    if (!belongs) {
      return { page: { ...page, issues: others, totalCount: page.totalCount - 1 }, recount: false };
    }
    if (issue.updatedAt < listed.updatedAt) {
      return { page, recount: false };
    }
    return { page: { ...page, issues: insert(others, issue, filter.order) }, recount: false };
  }
  if (filter.search.trim() !== '') {
    return { page, recount: false };
  }
  const last = page.issues[page.issues.length - 1];
  const withinLoaded =
    !page.hasNextPage ||
    last === undefined ||
    (issue !== null ? ahead(issue, last, filter.order) : filter.order === 'NEWEST' && newer(issueId, last.id));
  if (!withinLoaded) {
    // not loaded yet: "load more" brings it when it matches; whether the count moved is unknown
    return { page, recount: true };
  }
  if (!belongs) {
    // within the loaded range and not listed: it did not match before either
    return { page, recount: false };
  }
  // newest first, an issue not listed within the loaded range is a new one; recently changed first, it may
  // have come up from beyond the loaded pages
  const moved = filter.order === 'CHANGED' && page.hasNextPage;
  return {
    page: { ...page, issues: insert(page.issues, issue, filter.order), totalCount: page.totalCount + (moved ? 0 : 1) },
    recount: moved,
  };
}

function insert(issues: Issue[], issue: Issue, order: Order): Issue[] {
  const at = issues.findIndex((i) => ahead(issue, i, order));
  return at < 0 ? [...issues, issue] : [...issues.slice(0, at), issue, ...issues.slice(at)];
}

/** The filter as `issueEvents` takes it: status and assignee (search is for the list only). */
export function filterInput(filter: Filter): IssueFilter {
  return {
    status: filter.status === 'ALL' ? undefined : [filter.status],
    assignedToMe: filter.mine || undefined,
  };
}

/** The filter and order as `issues` takes them. */
export function listInput(filter: Filter): { filter: IssueFilter; orderBy: IssueOrder } {
  return {
    filter: { ...filterInput(filter), search: filter.search.trim() || undefined },
    orderBy: filter.order === 'CHANGED' ? { field: 'UPDATED_AT', direction: 'DESC' } : { field: 'CREATED_AT', direction: 'DESC' },
  };
}
