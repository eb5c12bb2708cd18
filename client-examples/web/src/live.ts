import { createClient, type Client } from 'graphql-ws';
import { GRAPHQL_WS_URL, SEND_DOCUMENT_IDS } from './config';
import type { IssueEventsSubscription as Result, IssueFilter } from './gql/graphql';
import { IssueEventsSubscription } from './operations';

// Live updates over graphql-ws (docs/live-updates.md): the server pushes each committed change of an
// issue; an event may come twice, and the events of one issue come in commit order. A dropped connection
// is opened again and the subscription resumes after the last event seen (`after`); a cursor older than
// the server keeps means the list must be loaded anew.

export type IssueEvent = Result['issueEvents'];

/** What the page shows next to the heading. */
export type LiveStatus = 'connecting' | 'live' | 'reconnecting' | 'off';

export interface Follower {
  /** One event, in the order they came. */
  onEvent(event: IssueEvent): void;
  /**
   * The subscription has been sent from the current position of the stream: load the list now, and every
   * later change comes as an event. Called once at the start, and again when the events cannot tell the
   * list what changed (a cursor too old, an event whose issue failed to resolve).
   */
  onReady(): void;
  /** Why updates stopped for good (signed out, not allowed), for the page's notice. */
  onStopped(kind: 'signed-out' | 'forbidden', message: string): void;
}

interface GraphQLErrorLike {
  message: string;
  extensions?: { classification?: string; code?: string };
}

/** How long the list waits for the socket before it loads anyway (live updates then start late, if at all). */
const READY_AT_THE_LATEST_MS = 3000;
const MAX_RETRY_WAIT_MS = 30_000;

/** Waits 1, 2, 4 … up to 30 seconds, give or take a little, so that many pages do not all retry at once. */
function retryDelay(attempt: number): number {
  return Math.min(MAX_RETRY_WAIT_MS, 1000 * 2 ** attempt) * (0.75 + Math.random() / 2);
}

export class LiveIssues {
  private readonly client: Client;
  private forceRefresh = false;
  private connected: Promise<void>;
  private markConnected = () => {};
  private refusals = 0;
  /** How many follow() calls are under way: a socket closing without any is not reconnected. */
  private following = 0;

  /**
   * @param token the caller's current access token; `force` asks for a fresh one (the last was refused)
   * @param onStatus told whenever the connection changes
   */
  constructor(token: (force: boolean) => Promise<string>, onStatus: (status: LiveStatus) => void) {
    this.connected = this.waitForConnection();
    this.client = createClient({
      url: GRAPHQL_WS_URL,
      // read at every (re)connection, so that a reconnection sends a current token
      connectionParams: async () => {
        const force = this.forceRefresh;
        this.forceRefresh = false;
        return { Authorization: `Bearer ${await token(force)}` };
      },
      // a switch of filters reuses the socket
      lazyCloseTimeout: 2000,
      // a dropped connection is opened again, for as long as the page is open
      retryAttempts: Infinity,
      shouldRetry: () => true,
      retryWait: (retries) => new Promise((resolve) => setTimeout(resolve, retryDelay(retries))),
      on: {
        connecting: (retrying) => onStatus(retrying ? 'reconnecting' : 'connecting'),
        connected: () => {
          this.refusals = 0;
          this.markConnected();
          onStatus('live');
        },
        closed: () => {
          this.connected = this.waitForConnection();
          onStatus(this.following > 0 ? 'reconnecting' : 'off');
        },
      },
    });
  }

  private waitForConnection(): Promise<void> {
    return new Promise((resolve) => (this.markConnected = resolve));
  }

  /**
   * Follows the events of the issues that match `filter` until the returned function is called.
   * Resubscribes by itself after a dropped connection, an expired token, or a stream the server ended
   * for falling behind, each time after the last event seen.
   */
  follow(filter: IssueFilter, follower: Follower): () => void {
    let cursor: string | null = null;
    let stopped = false;
    let attempt = 0;
    // each subscription's callbacks act only while it is the current one: graphql-ws also completes a
    // subscription that was ended here, a moment later
    let generation = 0;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let unsubscribe = () => {};
    this.following++;

    const variables = {
      filter,
      // read when the subscribe message is written, also when graphql-ws sends it again on a new socket
      get after() {
        return cursor;
      },
    };
    // With the server's trusted documents, only the hash, as Apollo's extension (bare hex). graphql-ws
    // messages must carry a query, and Spring refuses an empty one: graphql-java's marker for "no text,
    // see the hash" stands in, which the server's PersistedDocuments reads as such.
    const hash = (IssueEventsSubscription.__meta__?.hash as string | undefined)?.replace(/^sha256:/, '');
    const payload =
      SEND_DOCUMENT_IDS && hash
        ? { query: 'PersistedQueryMarker', variables, extensions: { persistedQuery: { version: 1, sha256Hash: hash } } }
        : { query: IssueEventsSubscription.toString(), variables };

    const ready = () => {
      let done = false;
      const fire = () => {
        if (!done && !stopped) {
          done = true;
          follower.onReady();
        }
      };
      // once connected, graphql-ws sends the subscription within the same task; the list is loaded after it
      void this.connected.then(() => setTimeout(fire, 0));
      setTimeout(fire, READY_AT_THE_LATEST_MS);
    };

    const end = () => {
      generation++;
      unsubscribe();
    };

    const again = (delay: number) => {
      end();
      if (!stopped) {
        retry = setTimeout(subscribe, delay);
      }
    };

    const finish = () => {
      if (!stopped) {
        stopped = true;
        this.following--;
      }
      clearTimeout(retry);
      end();
    };

    const stop = (kind: 'signed-out' | 'forbidden', message: string) => {
      finish();
      follower.onStopped(kind, message);
    };

    const failed = (error: unknown) => {
      if (Array.isArray(error)) {
        const first = error[0] as GraphQLErrorLike | undefined;
        const classification = first?.extensions?.classification;
        if (classification === 'BAD_REQUEST' && cursor !== null && /reload/i.test(first?.message ?? '')) {
          // the cursor is older than the events kept: start from now, then load the list again
          cursor = null;
          end();
          subscribe();
          ready();
        } else if (classification === 'UNAUTHORIZED' && /account deleted/i.test(first?.message ?? '')) {
          stop('signed-out', 'Your account was deleted. Please log in again.');
        } else if (classification === 'UNAUTHORIZED') {
          // the token expired: the next connection asks for a fresh one
          this.forceRefresh = true;
          again(1000);
        } else if (classification === 'FORBIDDEN') {
          stop('forbidden', `You can't do that: ${first?.message ?? 'live updates are not allowed for you'}`);
        } else {
          // fell behind, too many subscriptions, or the server failed: resume after the last event seen
          again(retryDelay(attempt++));
        }
      } else if (error && typeof error === 'object' && 'code' in error && error.code === 4401) {
        // the server refused the token: one more try with a fresh one, then give up
        if (++this.refusals > 1) {
          stop('signed-out', 'Your session has ended. Please log in again.');
        } else {
          this.forceRefresh = true;
          again(0);
        }
      } else {
        again(retryDelay(attempt++));
      }
    };

    const subscribe = () => {
      const mine = ++generation;
      const current = () => mine === generation && !stopped;
      unsubscribe = this.client.subscribe<Result>(payload, {
        next: (result) => {
          const event = result.data?.issueEvents;
          if (!current()) {
            return;
          }
          if (event && result.errors?.length) {
            // a field of the issue failed: what it is now is unknown here, so the list is loaded anew
            cursor = event.cursor;
            follower.onReady();
          } else if (event) {
            attempt = 0;
            cursor = event.cursor;
            follower.onEvent(event);
          } else if (result.errors?.length) {
            failed(result.errors);
          }
        },
        error: (error) => current() && failed(error),
        // the server ended the stream without an error (it is shutting down): resume, maybe elsewhere
        complete: () => current() && again(retryDelay(attempt++)),
      });
    };

    subscribe();
    ready();
    return finish;
  }

  dispose(): void {
    void this.client.dispose();
  }
}
