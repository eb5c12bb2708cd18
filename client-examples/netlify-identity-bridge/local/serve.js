// Serves the bridge function on localhost the way Netlify would, for end-to-end tests of issuegraph
// against the real function: the caller's token is verified with GoTrue's GET /user (Netlify verifies it
// before a function runs), then the handler gets a clientContext with that user and an admin token.
//
// Environment: GOTRUE_URL, GOTRUE_ADMIN_TOKEN, ISSUEGRAPH_IDENTITY_DELETE_BRIDGE_SECRET, PORT (0 = any). Prints "listening <port>" when ready.
'use strict';

const http = require('node:http');
const { handler } = require('../netlify/functions/delete-identity-user.js');

const gotrueUrl = process.env.GOTRUE_URL;
const adminToken = process.env.GOTRUE_ADMIN_TOKEN;

async function verifiedUser(authorization) {
  if (!/^Bearer \S+$/.test(authorization || '')) {
    return undefined;
  }
  const response = await fetch(`${gotrueUrl}/user`, { headers: { authorization } });
  if (!response.ok) {
    return undefined;
  }
  const user = await response.json();
  return { sub: user.id, email: user.email, app_metadata: user.app_metadata, user_metadata: user.user_metadata };
}

const server = http.createServer(async (request, response) => {
  let body = '';
  for await (const chunk of request) {
    body += chunk;
  }
  const user = await verifiedUser(request.headers.authorization);
  const result = await handler(
    { httpMethod: request.method, headers: request.headers, body },
    { clientContext: { identity: { url: gotrueUrl, token: adminToken }, ...(user ? { user } : {}) } },
  );
  response.writeHead(result.statusCode, result.headers);
  response.end(result.body);
});

server.listen(Number(process.env.PORT || 0), '127.0.0.1', () => {
  console.log(`listening ${server.address().port}`);
});
