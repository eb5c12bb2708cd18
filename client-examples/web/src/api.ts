import { EXPORT_URL, GRAPHQL_URL, SEND_DOCUMENT_IDS } from './config';
import type { TypedDocumentString } from './gql/graphql';

/** What went wrong, in the terms the page shows a person. */
export type ProblemKind =
  | 'validation'
  | 'forbidden'
  | 'not-found'
  | 'signed-out'
  | 'rate-limited'
  | 'unavailable'
  | 'network'
  | 'server';

export class Problem extends Error {
  constructor(
    readonly kind: ProblemKind,
    message: string,
  ) {
    super(message);
  }
}

interface GraphQLError {
  message: string;
  extensions?: { classification?: string };
}

interface GraphQLResponse<R> {
  data?: R | null;
  errors?: GraphQLError[];
}

/** Sends one typed operation with the caller's access token; throws a {@link Problem} on any failure. */
export async function execute<R, V>(
  document: TypedDocumentString<R, V>,
  variables: V,
  token: string,
): Promise<R> {
  const hash = document.__meta__?.hash as string | undefined;
  const body =
    SEND_DOCUMENT_IDS && hash
      ? { documentId: hash, variables }
      : { query: document.toString(), variables };
  const response = await send(GRAPHQL_URL, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Accept: 'application/graphql-response+json, application/json',
      Authorization: `Bearer ${token}`,
    },
    body: JSON.stringify(body),
  });
  const result = await answer<R>(response);
  if (!response.ok || !result.data) {
    throw serverProblem(response.status);
  }
  return result.data;
}

/** The caller's data as a file (GET /me/export), and the name the server gives it. */
export async function exportMyData(token: string): Promise<{ file: Blob; name: string }> {
  const response = await send(EXPORT_URL, { headers: { Authorization: `Bearer ${token}` } });
  if (!response.ok) {
    // a refusal has the shape of a GraphQL error
    await answer(response);
    throw serverProblem(response.status);
  }
  const name = /filename="([^"]+)"/.exec(response.headers.get('Content-Disposition') ?? '')?.[1];
  return { file: await response.blob(), name: name ?? 'issuegraph-export.json' };
}

async function send(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch {
    throw new Problem('network', "We can't reach issuegraph right now. Check your connection and try again.");
  }
}

/** The GraphQL-shaped body of an answer; throws the {@link Problem} of a refusal or an error. */
async function answer<R>(response: Response): Promise<GraphQLResponse<R>> {
  const wait = retryAfter(response);
  if (response.status === 429) {
    throw rateLimited(wait);
  }
  if (response.status === 503) {
    throw unavailable(wait);
  }
  let result: GraphQLResponse<R>;
  try {
    result = (await response.json()) as GraphQLResponse<R>;
  } catch {
    throw serverProblem(response.status);
  }
  const error = result.errors?.[0];
  if (error) {
    throw problemOf(error, wait);
  }
  return result;
}

function serverProblem(status: number): Problem {
  return new Problem('server', `Something went wrong on our side (HTTP ${status}). Please try again.`);
}

function problemOf(error: GraphQLError, wait: string): Problem {
  const detail = sentence(error.message);
  switch (error.extensions?.classification) {
    case 'BAD_REQUEST':
      return new Problem('validation', `Please check your input: ${detail}`);
    case 'FORBIDDEN':
      return new Problem('forbidden', `You can't do that: ${detail}`);
    case 'NOT_FOUND':
      return new Problem('not-found', 'That issue no longer exists. Someone may have deleted it.');
    case 'UNAUTHORIZED':
      return new Problem('signed-out', 'Your session has ended. Please log in again.');
    case 'TOO_MANY_REQUESTS':
    case 'RATE_LIMITED':
      return rateLimited(wait);
    case 'SERVICE_UNAVAILABLE':
      return unavailable(wait);
    default:
      return new Problem('server', 'Something went wrong on our side. Please try again.');
  }
}

function rateLimited(wait: string): Problem {
  return new Problem('rate-limited', `You're going a little fast. Please wait ${wait} and try again.`);
}

function unavailable(wait: string): Problem {
  return new Problem('unavailable', `issuegraph is briefly unavailable. Please try again in ${wait}.`);
}

function retryAfter(response: Response): string {
  const seconds = Number(response.headers.get('Retry-After'));
  if (!Number.isFinite(seconds) || seconds <= 0) {
    return 'a few seconds';
  }
  return seconds === 1 ? '1 second' : `${Math.ceil(seconds)} seconds`;
}

/** "title must be 1 to 255 characters" → "Title must be 1 to 255 characters." */
function sentence(message: string): string {
  const trimmed = message.trim();
  const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}
