// Both default to the local server and identity that `./mvnw spring-boot:test-run` starts.
export const GRAPHQL_URL: string = import.meta.env.VITE_GRAPHQL_URL || 'http://localhost:8080/graphql';
export const IDENTITY_URL: string = import.meta.env.VITE_IDENTITY_URL || 'http://localhost:9999';
// With the server's trusted-documents mode on, send only the hash that src/gql/persisted-documents.json lists.
export const SEND_DOCUMENT_IDS: boolean = import.meta.env.VITE_PERSISTED_DOCUMENTS === 'true';
