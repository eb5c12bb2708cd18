import type { CodegenConfig } from '@graphql-codegen/cli';

// Typed operations from the server's public contract. persisted-documents.json maps each
// operation's hash to its text: the allow-list for the server's trusted-documents mode.
const config: CodegenConfig = {
  schema: '../../schema/issues.graphqls',
  documents: ['src/**/*.ts', 'src/**/*.tsx', '!src/gql/**'],
  ignoreNoDocuments: false,
  generates: {
    './src/gql/': {
      preset: 'client',
      config: {
        enumsAsTypes: true,
        documentMode: 'string',
        useTypeImports: true,
        scalars: { DateTime: 'string' },
      },
      presetConfig: {
        fragmentMasking: false,
        persistedDocuments: { hashAlgorithm: 'sha256' },
      },
    },
  },
};

export default config;
