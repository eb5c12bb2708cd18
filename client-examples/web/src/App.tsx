import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { execute, Problem } from './api';
import type { IssueFieldsFragment as Issue, IssueStatus } from './gql/graphql';
import { displayName, useIdentity, type Identity } from './identity';
import type { User } from './netlify-identity';
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

interface Filter {
  status: IssueStatus | 'ALL';
  mine: boolean;
}

interface Page {
  issues: Issue[];
  endCursor: string | null;
  hasNextPage: boolean;
  totalCount: number;
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
  const [filter, setFilter] = useState<Filter>({ status: 'ALL', mine: false });
  const [page, setPage] = useState<Page | null>(null);
  const [loading, setLoading] = useState<'first' | 'more' | null>('first');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [confirmingDeletion, setConfirmingDeletion] = useState(false);

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

  const matches = (issue: Issue) =>
    (filter.status === 'ALL' || issue.status === filter.status) && (!filter.mine || issue.assignee.id === user.id);

  const load = useCallback(
    async (after: string | null) => {
      setLoading(after ? 'more' : 'first');
      const data = await run((token) =>
        execute(
          IssuesQuery,
          {
            first: PAGE_SIZE,
            after,
            filter: {
              status: filter.status === 'ALL' ? undefined : [filter.status],
              assignedToMe: filter.mine || undefined,
            },
          },
          token,
        ),
      );
      setLoading(null);
      if (!data) {
        return;
      }
      const issues = data.issues.edges.map((edge) => edge.node);
      setPage((previous) => ({
        issues: after && previous ? [...previous.issues, ...issues] : issues,
        endCursor: data.issues.pageInfo.endCursor ?? null,
        hasNextPage: data.issues.pageInfo.hasNextPage,
        totalCount: data.issues.totalCount,
      }));
    },
    [filter, run],
  );

  useEffect(() => {
    // Under StrictMode (`npm run dev`) React runs a new effect, cleans it up and runs it again at once:
    // started a tick later, only the second run sends the query, so a log-in sends it once.
    const timer = setTimeout(() => void load(null), 0);
    return () => clearTimeout(timer);
  }, [load]);

  const create = async (title: string, status: IssueStatus) => {
    const data = await run((token) => execute(CreateIssueMutation, { input: { title, status } }, token));
    if (data && matches(data.createIssue)) {
      const issue = data.createIssue;
      setPage((current) => current && { ...current, issues: [issue, ...current.issues], totalCount: current.totalCount + 1 });
    }
    return data !== undefined;
  };

  const update = async (id: string, input: { title?: string; status?: IssueStatus }) => {
    const data = await run((token) => execute(UpdateIssueMutation, { id, input }, token));
    if (data) {
      const issue = data.updateIssue;
      setPage((current) =>
        current &&
        (matches(issue)
          ? { ...current, issues: current.issues.map((i) => (i.id === id ? issue : i)) }
          : { ...current, issues: current.issues.filter((i) => i.id !== id), totalCount: current.totalCount - 1 }),
      );
    }
    return data !== undefined;
  };

  const remove = async (id: string) => {
    const data = await run((token) => execute(DeleteIssueMutation, { id }, token));
    if (data) {
      setPage(
        (current) =>
          current && {
            ...current,
            issues: current.issues.filter((i) => i.id !== id),
            totalCount: current.totalCount - 1,
          },
      );
    }
  };

  const deleteAccount = async () => {
    const data = await run((token) => execute(DeleteMyAccountMutation, {}, token));
    if (data) {
      const { deletedIssueCount, message } = data.deleteMyAccount;
      const issues = deletedIssueCount === 1 ? '1 issue was' : `${deletedIssueCount} issues were`;
      onAccountDeleted(`Your ${issues} deleted with it. Thanks for trying issuegraph.${message ? ` ${message}` : ''}`);
    }
    return data !== undefined;
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
              {filter.status === 'ALL' && !filter.mine
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
                onDelete={remove}
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
          <button className="btn btn--danger-ghost" onClick={() => setConfirmingDeletion(true)}>
            Delete account…
          </button>
        </div>
      </aside>
      {confirmingDeletion && (
        <ConfirmDeletion onCancel={() => setConfirmingDeletion(false)} onConfirm={deleteAccount} email={user.email} />
      )}
    </div>
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
    if (await onCreate(title, status)) {
      setTitle('');
      setStatus('TODO');
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
      <label className="visually-hidden" htmlFor="new-status">
        Status
      </label>
      <select
        id="new-status"
        className="input composer__status"
        value={status}
        onChange={(e) => setStatus(e.target.value as IssueStatus)}
      >
        {STATUSES.map((s) => (
          <option key={s.value} value={s.value}>
            {s.label}
          </option>
        ))}
      </select>
      <button className="btn btn--primary" type="submit" disabled={saving || !ready} aria-busy={saving}>
        {saving ? 'Adding…' : 'Add issue'}
      </button>
    </form>
  );
}

function Filters({ filter, onChange }: { filter: Filter; onChange: (filter: Filter) => void }) {
  const options: { value: Filter['status']; label: string }[] = [{ value: 'ALL', label: 'All' }, ...STATUSES];
  return (
    <div className="filters">
      <div className="segmented" role="group" aria-label="Status">
        {options.map((o) => (
          <button
            key={o.value}
            className="segmented__item"
            aria-pressed={filter.status === o.value}
            onClick={() => onChange({ ...filter, status: o.value })}
          >
            {o.label}
          </button>
        ))}
      </div>
      <label className="toggle">
        <input type="checkbox" checked={filter.mine} onChange={(e) => onChange({ ...filter, mine: e.target.checked })} />
        Only mine
      </label>
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
  onDelete: (id: string) => Promise<void>;
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
      <div className="issue__actions">
        <label className="visually-hidden" htmlFor={`status-${issue.id}`}>
          Status of {issue.title}
        </label>
        <select
          id={`status-${issue.id}`}
          className={`status status--${issue.status.toLowerCase()}`}
          value={issue.status}
          disabled={busy}
          onChange={(e) => void work(() => onUpdate(issue.id, { status: e.target.value as IssueStatus }))}
        >
          {STATUSES.map((s) => (
            <option key={s.value} value={s.value}>
              {statusLabel(s.value)}
            </option>
          ))}
        </select>
        {!editing && (
          <button className="btn btn--ghost btn--small" disabled={busy} onClick={() => setEditing(true)}>
            Edit
          </button>
        )}
        <button
          className="btn btn--danger-ghost btn--small"
          disabled={busy}
          onClick={() => void work(() => onDelete(issue.id))}
        >
          Delete
        </button>
      </div>
    </li>
  );
}

function ConfirmDeletion({
  email,
  onCancel,
  onConfirm,
}: {
  email: string;
  onCancel: () => void;
  onConfirm: () => Promise<boolean>;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [deleting, setDeleting] = useState(false);
  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  return (
    <dialog ref={dialog} className="dialog" onCancel={onCancel} aria-labelledby="delete-heading">
      <h2 id="delete-heading">Delete your account?</h2>
      <p>
        This deletes <strong>{email}</strong> and every issue assigned to you, for good. You won't be able to log in
        again.
      </p>
      <div className="dialog__actions">
        <button className="btn btn--ghost" onClick={onCancel} disabled={deleting}>
          Cancel
        </button>
        <button
          className="btn btn--danger"
          disabled={deleting}
          aria-busy={deleting}
          onClick={async () => {
            setDeleting(true);
            if (!(await onConfirm())) {
              setDeleting(false);
              onCancel();
            }
          }}
        >
          {deleting ? 'Deleting…' : 'Delete my account'}
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
