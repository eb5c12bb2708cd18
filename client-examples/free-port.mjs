// A port free on 127.0.0.1 for a server that starts later, chosen below the kernel's ephemeral range.
//
// A port from listen(0) is an ephemeral one: between our closing it and the server binding it, any
// outgoing connection on the machine (Maven's downloads, the JVM's pool to its database) may be given
// it, and the server then fails with EADDRINUSE. The kernel never hands out a port below that range, so
// one chosen there stays free unless a process binds it on purpose.
//
//   node client-examples/free-port.mjs      # prints a port
//   import { freePort } from '…/client-examples/free-port.mjs'
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { pathToFileURL } from 'node:url';

function ephemeralRangeStart() {
  try {
    return Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
  } catch {
    return 32768; // Linux's default; other systems start theirs higher still
  }
}

const LOWEST = 10000; // above the well-known ports and the usual fixed ones (8080, 3306, 5432, 9999 …)

function bindable(port) {
  return new Promise((resolve) => {
    const server = createServer()
      .once('error', () => resolve(false))
      .listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

export async function freePort() {
  const below = Math.max(ephemeralRangeStart(), LOWEST + 1000);
  for (let tries = 0; tries < 100; tries++) {
    const port = LOWEST + Math.floor(Math.random() * (below - LOWEST));
    if (await bindable(port)) {
      return port;
    }
  }
  throw new Error(`no free port between ${LOWEST} and ${below} after 100 tries`);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(await freePort());
}
