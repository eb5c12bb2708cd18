import { GRAPHQL_URL, SEND_DOCUMENT_IDS } from './config';
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
  let response: Response;
  try {
    response = await fetch(GRAPHQL_URL, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Accept: 'application/graphql-response+json, application/json',
        Authorization: `Bearer ${token}`,
      },
      body: JSON.stringify(body),
    });
  } catch {
    throw new Problem('network', "We can't reach issuegraph right now. Check your connection and try again.");
  }
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
    throw new Problem('server', `Something went wrong on our side (HTTP ${response.status}). Please try again.`);
  }
  const error = result.errors?.[0];
  if (error) {
    throw problemOf(error, wait);
  }
  if (!response.ok || !result.data) {
    throw new Problem('server', `Something went wrong on our side (HTTP ${response.status}). Please try again.`);
  }
  return result.data;
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
