// Runs graphql-http's GraphQL-over-HTTP audit against a running issuegraph server.
// Usage: node audit.mjs <graphql url> <bearer token>
// Prints every audit that is not ok, then one line of counts; exits 1 on any MUST-level failure.
import { auditServer } from 'graphql-http';

const [url, token] = process.argv.slice(2);
if (!url || !token) {
  console.error('usage: node audit.mjs <graphql url> <bearer token>');
  process.exit(2);
}

const withToken = (input, init = {}) => {
  const headers = new Headers(init.headers);
  headers.set('authorization', `Bearer ${token}`);
  return fetch(input, { ...init, headers });
};

const results = await auditServer({ url, fetchFn: withToken });
const counts = { ok: 0, notice: 0, warn: 0, error: 0 };
for (const result of results) {
  counts[result.status]++;
  if (result.status !== 'ok') {
    console.log(`${result.status.padEnd(6)} ${result.id} ${result.name}: ${result.reason}`);
  }
}
console.log(`audit ${JSON.stringify(counts)}`);
process.exit(counts.error > 0 ? 1 : 0);
