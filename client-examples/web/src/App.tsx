import { useCallback, useEffect, useId, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { execute, exportMyData, Problem } from './api';
import type { IssueFieldsFragment as Issue, IssueStatus } from './gql/graphql';
import { displayName, useIdentity, type Identity } from './identity';
import type { User } from './netlify-identity';
import { applyChange, filterInput, listInput, matcher, type Change, type Filter, type Page } from './issueList';
import { LiveIssues, type LiveStatus } from './live';
import {
  CreateIssueMutation,
  DeleteIssueMutation,
  DeleteMyAccountMutation,
  IssuesQuery,
  UpdateIssueMutation,
} from './operations';

const PAGE_SIZE = 10;

const STATUSES: { value: IssueStatus; label: string }[] = [
  { value: 'TODO', label: 'To do' },
  { value: 'IN_PROGRESS', label: 'In progress' },
  { value: 'DONE', label: 'Done' },
];

const statusLabel = (status: IssueStatus) => STATUSES.find((s) => s.value === status)?.label ?? status;

export function App() {
  const identity = useIdentity();
  const [farewell, setFarewell] = useState<string | null>(null);
  const user = identity.user;
  return (
    <div className="app">
      <header className="topbar">
        <div className="topbar__inner">
          <a className="brand" href="/">
            <span className="brand__mark" aria-hidden="true">◆</span> issuegraph
          </a>
          <nav className="topbar__actions" aria-label="Account">
            {user ? (
              <>
                <span className="who" title={user.email}>
                  <span className="avatar" aria-hidden="true">{initials(user)}</span>
                  <span className="who__text">
                    <strong>{displayName(user)}</strong>
                    <small>{user.email}</small>
                  </span>
                </span>
                <button className="btn btn--ghost" onClick={() => void identity.logout()}>
                  Log out
                </button>
              </>
            ) : user === null ? (
              <>
                <button className="btn btn--ghost" onClick={() => identity.open('login')}>
                  Log in
                </button>
                <button className="btn btn--primary" onClick={() => identity.open('signup')}>
                  Sign up
                </button>
              </>
            ) : null}
          </nav>
        </div>
      </header>
      <main className="content">
        {user === undefined ? (
          <p className="loading" role="status">
            <span className="spinner" aria-hidden="true" /> Loading…
          </p>
        ) : user ? (
          <Board
            key={user.id}
            identity={identity}
            user={user}
            onAccountDeleted={(message) => {
              setFarewell(message);
              void identity.logout();
            }}
          />
        ) : (
          <Welcome farewell={farewell} identity={identity} />
        )}
      </main>
      <footer className="footer">issuegraph · a GraphQL issue tracker for small teams</footer>
    </div>
  );
}

function Welcome({ farewell, identity }: { farewell: string | null; identity: Identity }) {
  return (
    <section className="welcome">
      {farewell && (
        <div className="notice notice--success" role="status" data-testid="farewell">
          <strong>Account deleted.</strong> {farewell}
        </div>
      )}
      <h1>Track your team's issues, together.</h1>
      <p className="welcome__lead">
        One shared list for everything your team is working on: add an issue, move it from to do to done, and
        see who is on what.
      </p>
      <div className="welcome__actions">
        <button className="btn btn--primary btn--large" onClick={() => identity.open('signup')}>
          Create an account
        </button>
        <button className="btn btn--ghost btn--large" onClick={() => identity.open('login')}>
          I have an account
        </button>
      </div>
      <ul className="features">
        <li>
          <strong>Newest first.</strong> The whole team's issues in one list.
        </li>
        <li>
          <strong>Filters.</strong> By status, or just the issues assigned to you.
        </li>
        <li>
          <strong>Yours to keep or delete.</strong> Delete your account and your issues any time.
        </li>
      </ul>
    </section>
  );
}

function Board({
  identity,
  user,
  onAccountDeleted,
}: {
  identity: Identity;
  user: User;
  onAccountDeleted: (message: string) => void;
}) {
  const [filter, setFilter] = useState<Filter>({ status: 'ALL', mine: false, search: '', order: 'NEWEST' });
  const [page, setPage] = useState<Page | null>(null);
  const [loading, setLoading] = useState<'first' | 'more' | null>('first');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [confirmingDeletion, setConfirmingDeletion] = useState(false);
  const [deleting, setDeleting] = useState<Issue | null>(null);
  const [live, setLive] = useState<LiveIssues | null>(null);
  const [liveStatus, setLiveStatus] = useState<LiveStatus>('connecting');
  /** The events that came while the first page was on its way, applied to it once it is here. */
  const pending = useRef<Change[] | null>(null);
  /** Issues known deleted: a late answer or event cannot bring them back. */
  const gone = useRef(new Set<string>());
  /** Which first-page load is the current one: an answer to an earlier filter is dropped. */
  const loads = useRef(0);
  const recountTimer = useRef<ReturnType<typeof setTimeout>>(undefined);

  /** Runs one request with a current token; a failure becomes the notice on top of the page. */
  const run = useCallback(
    async <T,>(work: (token: string) => Promise<T>): Promise<T | undefined> => {
      let token: string;
      try {
        token = await identity.token();
      } catch {
        setProblem(new Problem('signed-out', 'Your session has ended. Please log in again.'));
        return undefined;
      }
      try {
        const result = await work(token);
        setProblem(null);
        return result;
      } catch (e) {
        setProblem(e instanceof Problem ? e : new Problem('server', 'Something went wrong. Please try again.'));
        return undefined;
      }
    },
    // identity.token reads the widget's current user each time
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [],
  );

  const matches = useMemo(() => matcher(filter, user.id), [filter, user.id]);

  /** The count again, quietly, after a change it cannot be told from (an issue beyond the loaded pages). */
  const recount = useCallback(() => {
    clearTimeout(recountTimer.current);
    recountTimer.current = setTimeout(async () => {
      try {
        const data = await execute(IssuesQuery, { first: 1, ...listInput(filter) }, await identity.token());
        setPage((current) => current && { ...current, totalCount: data.issues.totalCount });
      } catch {
        // the count stays as it was until the next load
      }
    }, 500);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [filter]);

  /** One change into the list, from this page's own answer or from an event: either may come first. */
  const apply = useCallback(
    (change: Change) => {
      if (change.issue === null) {
        gone.current.add(change.issueId);
      } else if (gone.current.has(change.issueId)) {
        change = { ...change, issue: null };
      }
      setPage((current) => {
        if (!current) {
          return current;
        }
        const next = applyChange(current, change, matches, filter);
        if (next.recount) {
          queueMicrotask(recount);
        }
        return next.page;
      });
    },
    [filter, matches, recount],
  );

  const load = useCallback(
    async (after: string | null) => {
      const current = after ? loads.current : ++loads.current;
      setLoading(after ? 'more' : 'first');
      if (!after) {
        pending.current = [];
      }
      const data = await run((token) =>
        execute(IssuesQuery, { first: PAGE_SIZE, after, ...listInput(filter) }, token),
      );
      if (current !== loads.current) {
        return;
      }
      const arrived = after ? [] : (pending.current ?? []);
      if (!after) {
        pending.current = null;
      }
      setLoading(null);
      if (!data) {
        return;
      }
      const issues = data.issues.edges.map((edge) => edge.node).filter((issue) => !gone.current.has(issue.id));
      setPage((previous) =>
        arrived.reduce((page, change) => applyChange(page, change, matches, filter).page, {
          issues: after && previous ? [...previous.issues, ...issues] : issues,
          endCursor: data.issues.pageInfo.endCursor ?? null,
          hasNextPage: data.issues.pageInfo.hasNextPage,
          totalCount: data.issues.totalCount,
        }),
      );
    },
    [filter, matches, run],
  );

  // One graphql-ws connection for the board, opened with the first subscription.
  useEffect(() => {
    const connection = new LiveIssues((force) => identity.token(force), setLiveStatus);
    setLive(connection);
    return () => connection.dispose();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // Subscribe first, then load the list: a change that commits in between comes as an event. Under
  // StrictMode (`npm run dev`) React runs this twice at once; the first run is cleaned up before its
  // subscription is ready, so the list is loaded once.
  useEffect(() => {
    if (!live) {
      return;
    }
    setLoading('first');
    return live.follow(filterInput(filter), {
      onEvent: (event) => {
        const change = { issueId: event.issueId, issue: event.issue ?? null };
        if (pending.current) {
          pending.current.push(change);
        } else {
          apply(change);
        }
      },
      onReady: () => void load(null),
      onStopped: (kind, message) => {
        setLiveStatus('off');
        setProblem(new Problem(kind, message));
      },
    });
    // a new filter is a new subscription and a new list; load and apply follow the filter
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [live, filter]);

  // the issue being confirmed for deletion went away meanwhile (deleted by someone else)
  useEffect(() => {
    if (deleting && page && !page.issues.some((i) => i.id === deleting.id)) {
      setDeleting(null);
    }
  }, [deleting, page]);

  const create = async (title: string, status: IssueStatus) => {
    const data = await run((token) => execute(CreateIssueMutation, { input: { title, status } }, token));
    if (data) {
      apply({ issueId: data.createIssue.id, issue: data.createIssue });
    }
    return data !== undefined;
  };

  const update = async (id: string, input: { title?: string; status?: IssueStatus }) => {
    const data = await run((token) => execute(UpdateIssueMutation, { id, input }, token));
    if (data) {
      apply({ issueId: id, issue: data.updateIssue });
    }
    return data !== undefined;
  };

  const remove = async (id: string) => {
    const data = await run((token) => execute(DeleteIssueMutation, { id }, token));
    if (data) {
      apply({ issueId: id, issue: null });
    }
  };

  const download = async () => {
    const data = await run((token) => exportMyData(token));
    if (data) {
      const url = URL.createObjectURL(data.file);
      const link = document.createElement('a');
      link.href = url;
      link.download = data.name;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    }
  };

  const deleteAccount = async () => {
    const data = await run((token) => execute(DeleteMyAccountMutation, {}, token));
    if (data) {
      const { deletedIssueCount, message } = data.deleteMyAccount;
      const issues = deletedIssueCount === 1 ? '1 issue was' : `${deletedIssueCount} issues were`;
      onAccountDeleted(`Your ${issues} deleted with it. Thanks for trying issuegraph.${message ? ` ${message}` : ''}`);
    }
  };

  return (
    <div className="board">
      <section className="board__main" aria-labelledby="issues-heading">
        {problem && <Notice problem={problem} onDismiss={() => setProblem(null)} />}
        <div className="board__heading">
          <h1 id="issues-heading">Issues</h1>
          {page && (
            <span className="count" data-testid="total-count">
              {page.totalCount} {page.totalCount === 1 ? 'issue' : 'issues'}
            </span>
          )}
          <LiveBadge status={liveStatus} />
        </div>
        <Composer onCreate={create} ready={page !== null} />
        <Filters filter={filter} onChange={setFilter} />
        {loading === 'first' && !page ? (
          <ul className="issues issues--skeleton" aria-busy="true" aria-label="Loading issues">
            {[0, 1, 2].map((i) => (
              <li key={i} className="issue issue--skeleton" />
            ))}
          </ul>
        ) : page && page.issues.length === 0 ? (
          <div className="empty">
            <p>
              <strong>No issues here yet.</strong>
            </p>
            <p>
              {filter.status === 'ALL' && !filter.mine && !filter.search.trim()
                ? 'Add the first one above.'
                : 'Nothing matches these filters.'}
            </p>
          </div>
        ) : (
          <ul className="issues" aria-busy={loading === 'first'} aria-label="Issues">
            {page?.issues.map((issue) => (
              <IssueItem
                key={issue.id}
                issue={issue}
                mine={issue.assignee.id === user.id}
                onUpdate={update}
                onDelete={setDeleting}
              />
            ))}
          </ul>
        )}
        {page?.hasNextPage && (
          <button
            className="btn btn--ghost btn--block"
            disabled={loading !== null}
            onClick={() => void load(page.endCursor)}
          >
            {loading === 'more' ? (
              <>
                <span className="spinner" aria-hidden="true" /> Loading…
              </>
            ) : (
              'Load more'
            )}
          </button>
        )}
      </section>
      <aside className="board__side" aria-label="Your account">
        <div className="card">
          <h2>Your account</h2>
          <p className="account__name">{displayName(user)}</p>
          <p className="account__email">{user.email}</p>
          <button className="btn btn--ghost" onClick={() => void download()}>
            Download my data
          </button>
          <button className="btn btn--danger-ghost" onClick={() => setConfirmingDeletion(true)}>
            Delete account…
          </button>
        </div>
      </aside>
      {deleting && (
        <Confirm
          heading="Delete this issue?"
          confirm="Delete issue"
          onCancel={() => setDeleting(null)}
          onConfirm={() => remove(deleting.id)}
        >
          <strong>{deleting.title}</strong> is deleted for everyone on the team, for good.
        </Confirm>
      )}
      {confirmingDeletion && (
        <Confirm
          heading="Delete your account?"
          confirm="Delete my account"
          onCancel={() => setConfirmingDeletion(false)}
          onConfirm={deleteAccount}
        >
          This deletes <strong>{user.email}</strong> and every issue assigned to you, for good. You won't be able to
          log in again.
        </Confirm>
      )}
    </div>
  );
}

const LIVE_LABELS: Record<LiveStatus, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  off: 'Not live',
};

/** Whether colleagues' changes arrive by themselves right now. */
function LiveBadge({ status }: { status: LiveStatus }) {
  return (
    <span
      className={`live live--${status}`}
      data-testid="live"
      title={status === 'live' ? "Your colleagues' changes appear here as they make them." : undefined}
    >
      <span className="live__dot" aria-hidden="true" /> {LIVE_LABELS[status]}
    </span>
  );
}

const NOTICE_TITLES: Record<Problem['kind'], string> = {
  validation: 'Check your input',
  forbidden: 'Not allowed',
  'not-found': 'Not found',
  'signed-out': 'Logged out',
  'rate-limited': 'Slow down',
  unavailable: 'Temporarily unavailable',
  network: 'No connection',
  server: 'Something went wrong',
};

function Notice({ problem, onDismiss }: { problem: Problem; onDismiss: () => void }) {
  return (
    <div className={`notice notice--error notice--${problem.kind}`} role="alert">
      <div>
        <strong>{NOTICE_TITLES[problem.kind]}.</strong> {problem.message}
      </div>
      <button className="notice__close" aria-label="Dismiss" onClick={onDismiss}>
        ×
      </button>
    </div>
  );
}

function Composer({
  onCreate,
  ready,
}: {
  onCreate: (title: string, status: IssueStatus) => Promise<boolean>;
  ready: boolean;
}) {
  const [title, setTitle] = useState('');
  const [status, setStatus] = useState<IssueStatus>('TODO');
  const [saving, setSaving] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    // the next title may be typed while this one is saving (its live event can show it first): keep that
    if (await onCreate(title, status)) {
      setTitle((typed) => (typed === title ? '' : typed));
      setStatus((chosen) => (chosen === status ? 'TODO' : chosen));
    }
    setSaving(false);
  };
  return (
    <form className="composer" onSubmit={submit} aria-label="New issue">
      <label className="visually-hidden" htmlFor="new-title">
        Title
      </label>
      <input
        id="new-title"
        className="input composer__title"
        placeholder="What needs doing?"
        value={title}
        onChange={(e) => setTitle(e.target.value)}
      />
      <StatusSelect id="new-status" label="Status" value={status} onChange={setStatus} className="composer__status" />
      <button className="btn btn--primary" type="submit" disabled={saving || !ready} aria-busy={saving}>
        {saving ? 'Adding…' : 'Add issue'}
      </button>
    </form>
  );
}

/**
 * A status as a coloured pill, the same in the add form and on each issue: a native select underneath,
 * so keyboards, screen readers and phones handle it as they handle any select.
 */
function StatusSelect({
  id,
  label,
  value,
  onChange,
  disabled = false,
  className = '',
}: {
  id: string;
  label: string;
  value: IssueStatus;
  onChange: (status: IssueStatus) => void;
  disabled?: boolean;
  className?: string;
}) {
  return (
    <>
      <label className="visually-hidden" htmlFor={id}>
        {label}
      </label>
      <select
        id={id}
        className={`status status--${value.toLowerCase()} ${className}`.trim()}
        value={value}
        disabled={disabled}
        onChange={(e) => onChange(e.target.value as IssueStatus)}
      >
        {STATUSES.map((s) => (
          <option key={s.value} value={s.value}>
            {s.label}
          </option>
        ))}
      </select>
    </>
  );
}

const ORDERS: { value: Filter['order']; label: string }[] = [
  { value: 'NEWEST', label: 'Newest' },
  { value: 'CHANGED', label: 'Recently changed' },
];

function Filters({ filter, onChange }: { filter: Filter; onChange: (filter: Filter) => void }) {
  const options: { value: Filter['status']; label: string }[] = [{ value: 'ALL', label: 'All' }, ...STATUSES];
  const [search, setSearch] = useState(filter.search);
  // a search once typing pauses, not one per key
  useEffect(() => {
    const timer = setTimeout(() => {
      if (search !== filter.search) {
        onChange({ ...filter, search });
      }
    }, 300);
    return () => clearTimeout(timer);
  }, [search, filter, onChange]);
  return (
    <div className="filters">
      <input
        type="search"
        className="input filters__search"
        aria-label="Search titles"
        placeholder="Search titles"
        maxLength={200}
        value={search}
        onChange={(e) => setSearch(e.target.value)}
      />
      <Segmented label="Status" options={options} value={filter.status} onChange={(status) => onChange({ ...filter, status })} />
      <Segmented label="Order" options={ORDERS} value={filter.order} onChange={(order) => onChange({ ...filter, order })} />
      <label className="toggle">
        <input type="checkbox" checked={filter.mine} onChange={(e) => onChange({ ...filter, mine: e.target.checked })} />
        Only mine
      </label>
    </div>
  );
}

/** One choice of a few, as a row of toggle buttons. */
function Segmented<T extends string>({
  label,
  options,
  value,
  onChange,
}: {
  label: string;
  options: { value: T; label: string }[];
  value: T;
  onChange: (value: T) => void;
}) {
  return (
    <div className="segmented" role="group" aria-label={label}>
      {options.map((o) => (
        <button key={o.value} className="segmented__item" aria-pressed={value === o.value} onClick={() => onChange(o.value)}>
          {o.label}
        </button>
      ))}
    </div>
  );
}

function IssueItem({
  issue,
  mine,
  onUpdate,
  onDelete,
}: {
  issue: Issue;
  mine: boolean;
  onUpdate: (id: string, input: { title?: string; status?: IssueStatus }) => Promise<boolean>;
  onDelete: (issue: Issue) => void;
}) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(issue.title);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (editing) {
      input.current?.focus();
    }
  }, [editing]);

  const work = async (action: () => Promise<unknown>) => {
    setBusy(true);
    await action();
    setBusy(false);
  };
  const save = async (event: FormEvent) => {
    event.preventDefault();
    await work(async () => {
      if (await onUpdate(issue.id, { title: draft })) {
        setEditing(false);
      }
    });
  };

  return (
    <li className={`issue issue--${issue.status.toLowerCase()}`} aria-busy={busy} data-testid="issue">
      <div className="issue__body">
        {editing ? (
          <form className="issue__edit" onSubmit={save}>
            <label className="visually-hidden" htmlFor={`title-${issue.id}`}>
              Title
            </label>
            <input
              id={`title-${issue.id}`}
              ref={input}
              className="input"
              value={draft}
              onChange={(e) => setDraft(e.target.value)}
            />
            <button className="btn btn--primary btn--small" type="submit" disabled={busy}>
              Save
            </button>
            <button
              className="btn btn--ghost btn--small"
              type="button"
              onClick={() => {
                setDraft(issue.title);
                setEditing(false);
              }}
            >
              Cancel
            </button>
          </form>
        ) : (
          <p className="issue__title">{issue.title}</p>
        )}
        <p className="issue__meta">
          <span className={`assignee${mine ? ' assignee--me' : ''}`}>{mine ? 'You' : issue.assignee.name}</span>
          <span aria-hidden="true"> · </span>
          <time dateTime={issue.createdAt} title={new Date(issue.createdAt).toLocaleString()}>
            {relative(issue.createdAt)}
          </time>
        </p>
      </div>
      {/* only what the viewer may do: the assignee or an admin changes an issue, others see its status */}
      <div className="issue__actions">
        {issue.viewerCanUpdate ? (
          <StatusSelect
            id={`status-${issue.id}`}
            label={`Status of ${issue.title}`}
            value={issue.status}
            disabled={busy}
            onChange={(status) => void work(() => onUpdate(issue.id, { status }))}
          />
        ) : (
          <span className={`status status--${issue.status.toLowerCase()} status--fixed`}>
            <span className="visually-hidden">Status: </span>
            {statusLabel(issue.status)}
          </span>
        )}
        {issue.viewerCanUpdate && !editing && (
          <button className="btn btn--ghost btn--small" disabled={busy} onClick={() => setEditing(true)}>
            Edit
          </button>
        )}
        {issue.viewerCanDelete && (
          <button className="btn btn--danger-ghost btn--small" disabled={busy} onClick={() => onDelete(issue)}>
            Delete
          </button>
        )}
      </div>
    </li>
  );
}

/** A question before something that cannot be undone; closes once the answer has been acted on. */
function Confirm({
  heading,
  confirm,
  children,
  onCancel,
  onConfirm,
}: {
  heading: string;
  confirm: string;
  children: ReactNode;
  onCancel: () => void;
  onConfirm: () => Promise<unknown>;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const headingId = useId();
  const [working, setWorking] = useState(false);
  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  return (
    <dialog ref={dialog} className="dialog" onCancel={onCancel} aria-labelledby={headingId}>
      <h2 id={headingId}>{heading}</h2>
      <p>{children}</p>
      <div className="dialog__actions">
        <button className="btn btn--ghost" onClick={onCancel} disabled={working}>
          Cancel
        </button>
        <button
          className="btn btn--danger"
          disabled={working}
          aria-busy={working}
          onClick={async () => {
            setWorking(true);
            await onConfirm();
            onCancel();
          }}
        >
          {working ? 'Deleting…' : confirm}
        </button>
      </div>
    </dialog>
  );
}

function initials(user: User): string {
  return displayName(user)
    .split(/\s+/)
    .map((part) => part.charAt(0))
    .join('')
    .slice(0, 2)
    .toUpperCase();
}

const RELATIVE = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

function relative(iso: string): string {
  const seconds = (new Date(iso).getTime() - Date.now()) / 1000;
  const steps: [Intl.RelativeTimeFormatUnit, number][] = [
    ['day', 86400],
    ['hour', 3600],
    ['minute', 60],
  ];
  for (const [unit, size] of steps) {
    if (Math.abs(seconds) >= size) {
      return RELATIVE.format(Math.round(seconds / size), unit);
    }
  }
  return 'just now';
}
