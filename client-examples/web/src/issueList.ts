import type { IssueFieldsFragment as Issue, IssueFilter, IssueStatus } from './gql/graphql';

// The list the page shows, and how one change of an issue, the page's own or a colleague's event, goes
// into it. Applying a change is idempotent (an event may come twice, and a page's own change comes back
// as an event too), and an issue the list already shows newer is left as it is.

export interface Filter {
  status: IssueStatus | 'ALL';
  mine: boolean;
}

export interface Page {
  /** Newest first: by id, descending. */
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

/**
 * The page after one change. `recount` is true when the change may have moved `totalCount` in a way the
 * page cannot tell: an issue beyond the pages loaded so far entered or left the filter.
 */
export function applyChange(
  page: Page,
  change: Change,
  matches: (issue: Issue) => boolean,
): { page: Page; recount: boolean } {
  const { issueId, issue } = change;
  const index = page.issues.findIndex((i) => i.id === issueId);
  const listed = index >= 0 ? page.issues[index] : undefined;
  const belongs = issue !== null && matches(issue);
  if (listed) {
    if (!belongs) {
      const issues = page.issues.filter((i) => i.id !== issueId);
      return { page: { ...page, issues, totalCount: page.totalCount - 1 }, recount: false };
    }
    if (issue.updatedAt < listed.updatedAt) {
      return { page, recount: false };
    }
    return { page: { ...page, issues: page.issues.map((i) => (i.id === issueId ? issue : i)) }, recount: false };
  }
  const last = page.issues[page.issues.length - 1];
  const withinLoaded = !page.hasNextPage || last === undefined || newer(issueId, last.id);
  if (!withinLoaded) {
    // not loaded yet: "load more" brings it when it matches; whether the count moved is unknown
    return { page, recount: true };
  }
  if (!belongs) {
    // within the loaded range and not listed: it did not match before either
    return { page, recount: false };
  }
  const at = page.issues.findIndex((i) => newer(issueId, i.id));
  const issues = at < 0 ? [...page.issues, issue] : [...page.issues.slice(0, at), issue, ...page.issues.slice(at)];
  return { page: { ...page, issues, totalCount: page.totalCount + 1 }, recount: false };
}

/** The filter as the API takes it, for `issues` and `issueEvents` alike. */
export function filterInput(filter: Filter): IssueFilter {
  return {
    status: filter.status === 'ALL' ? undefined : [filter.status],
    assignedToMe: filter.mine || undefined,
  };
}
