// Both default to the local server and identity that `./mvnw spring-boot:test-run` starts. The identity is
// under the page's own origin, as a Netlify site serves it (/.netlify/identity; `npm run dev` forwards it
// to the local identity): netlify-identity-widget cannot call GoTrue across origins, since GoTrue's CORS
// refuses the X-Nf-Client header the widget sends.
export const GRAPHQL_URL: string = import.meta.env.VITE_GRAPHQL_URL || 'http://localhost:8080/graphql';
export const IDENTITY_URL: string = import.meta.env.VITE_IDENTITY_URL || `${window.location.origin}/.netlify/identity`;
// With the server's trusted-documents mode on, send only the hash that src/gql/persisted-documents.json lists.
export const SEND_DOCUMENT_IDS: boolean = import.meta.env.VITE_PERSISTED_DOCUMENTS === 'true';
// graphql-ws on the GraphQL URL's path, ws:// or wss:// as that URL is http:// or https://
// (VITE_GRAPHQL_WS_URL names another).
export const GRAPHQL_WS_URL: string =
  import.meta.env.VITE_GRAPHQL_WS_URL || new URL(GRAPHQL_URL, window.location.href).href.replace(/^http/, 'ws');
// The download of the signed-in user's data, beside the GraphQL endpoint (GET /me/export).
export const EXPORT_URL: string = new URL('me/export', new URL(GRAPHQL_URL, window.location.href)).href;
