// issuegraph's GraphiQL, served by issuegraph itself (no CDN), built by `npm run build` into
// src/main/resources/static/graphiql/. The schema comes from the public SDL at /graphql/schema, so the
// docs explorer and autocomplete work before a token is pasted; settings.json says which headers to
// start with (a demo user's token in local development, none in production). Subscriptions go over
// graphql-ws to the same page's origin, with the header editor's headers as the connection_init payload
// (so {"Authorization": "Bearer …"} there signs the connection in).
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import 'graphiql/style.css';
import { buildSchema } from 'graphql';
import { createRoot } from 'react-dom/client';
import './issuegraph.css';

const QUERY = `# Run with ▶ or Ctrl-Enter.
{
  me { email }
  issues(first: 5) {
    totalCount
    edges { node { id title status assignee { name } } }
  }
}
`;

async function schemaFromSdl() {
  try {
    const response = await fetch('/graphql/schema');
    // absent when introspection is switched off: GraphiQL then introspects with the pasted token
    return response.ok ? buildSchema(await response.text()) : undefined;
  } catch {
    return undefined;
  }
}

async function settings() {
  const response = await fetch('/graphiql/settings.json');
  return response.ok ? response.json() : { headers: '', hint: '' };
}

const [schema, { headers, hint }] = await Promise.all([schemaFromSdl(), settings()]);

// ws:// or wss:// as the page is http:// or https://; @graphiql/toolkit passes the headers to graphql-ws
const subscriptionUrl = `${window.location.protocol === 'https:' ? 'wss:' : 'ws:'}//${window.location.host}/graphql`;

createRoot(document.getElementById('graphiql')).render(
  <GraphiQL
    fetcher={createGraphiQLFetcher({ url: '/graphql', subscriptionUrl })}
    schema={schema}
    defaultQuery={hint ? `${hint}\n${QUERY}` : QUERY}
    defaultHeaders={headers}
    defaultEditorToolsVisibility="headers"
    shouldPersistHeaders={false}
  />,
);
