// The processes of the identity-server journeys (.ci/identity-servers.sh starts the databases and says
// where everything is): real GoTrue / supabase/auth, issuegraph's jar, the Netlify bridge function, and
// small HTTP clients for each. Every server listens on 127.0.0.1 only; every log goes to LOG_DIR.
import { execFileSync, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after } from 'node:test';
import { freePort } from '../../../client-examples/free-port.mjs';

export { freePort };

export function required(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set: run .ci/identity-servers.sh, which sets it`);
  }
  return value;
}

const LOG_DIR = required('IDENTITY_SERVERS_LOG_DIR');
mkdirSync(LOG_DIR, { recursive: true });

// every service started by a test file is stopped when that file's tests are done
const services = new Set();
after(() => Promise.all([...services].map((service) => service.stop())));

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls check() until it returns a truthy value, or fails after timeoutMs with the last result. */
export async function eventually(what, check, { timeoutMs = 30_000, everyMs = 250 } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    last = await check();
    if (last) {
      return last;
    }
    if (Date.now() > deadline) {
      throw new Error(`${what}: not within ${timeoutMs} ms`);
    }
    await sleep(everyMs);
  }
}

/** A server process that can be stopped and started again with the same command, port and log. */
export class Service {
  constructor(name, command, args, env, ready) {
    Object.assign(this, { name, command, args, env, ready });
    this.log = join(LOG_DIR, `${name}.log`);
    this.child = undefined;
    services.add(this);
  }

  async start() {
    const out = createWriteStream(this.log, { flags: 'a' });
    await new Promise((resolve) => out.on('open', resolve));
    this.child = spawn(this.command, this.args, { env: { PATH: process.env.PATH, ...this.env }, stdio: ['ignore', out, out] });
    const child = this.child;
    let exited = false;
    child.on('exit', () => { exited = true; });
    await eventually(`${this.name} ready (log: ${this.log})`, async () => {
      if (exited) {
        throw new Error(`${this.name} exited while starting; its log: ${this.log}`);
      }
      return this.ready().catch(() => false);
    }, { timeoutMs: 180_000, everyMs: 300 });
  }

  async stop() {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) {
      return;
    }
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    await exited;
    clearTimeout(timer);
  }
}

/** fetch that answers {status, headers, body} with the body parsed when it is JSON. */
export async function call(url, { method = 'GET', headers = {}, json, form, timeoutMs = 10_000 } = {}) {
  const init = { method, headers: { ...headers }, signal: AbortSignal.timeout(timeoutMs) };
  if (json !== undefined) {
    init.headers['content-type'] = 'application/json';
    init.body = JSON.stringify(json);
  } else if (form !== undefined) {
    init.body = new URLSearchParams(form);
  }
  const response = await fetch(url, init);
  const text = await response.text();
  let body = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, headers: response.headers, body };
}

const ok = async (url) => (await fetch(url, { signal: AbortSignal.timeout(2000) })).ok;

// ---- issuegraph -------------------------------------------------------------------------------------

/**
 * Starts issuegraph's jar against the MariaDB of the stage, with its own database, and the given
 * ISSUEGRAPH_* settings. Fast deletion retries, so that a test can wait for one.
 */
export async function startIssuegraph(name, settings) {
  const port = await freePort();
  const database = `issuegraph_${name.replace(/\W/g, '_')}_${Date.now().toString(36)}`;
  const java = process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
  const service = new Service(`issuegraph-${name}`, java,
    ['-Xmx384m', '-XX:TieredStopAtLevel=1', '-jar', required('ISSUEGRAPH_JAR'), `--server.port=${port}`, '--server.address=127.0.0.1'], {
      SPRING_DATASOURCE_URL: `jdbc:mysql://127.0.0.1:${required('MARIADB_PORT')}/${database}?createDatabaseIfNotExist=true`,
      SPRING_DATASOURCE_USERNAME: 'root',
      SPRING_DATASOURCE_PASSWORD: '',
      ISSUEGRAPH_ACCOUNT_DELETION_INITIAL_BACKOFF: '1s',
      ISSUEGRAPH_ACCOUNT_DELETION_MAX_BACKOFF: '2s',
      ISSUEGRAPH_RATE_LIMIT_ANONYMOUS_BURST: '200',
      ...settings,
    }, () => ok(`http://127.0.0.1:${port}/graphql/schema`));
  await service.start();
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    service,
    /** POST /graphql as the holder of token; resolves to {status, body}. */
    graphql: (token, query, variables) => call(`${url}/graphql`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, accept: 'application/graphql-response+json' },
      json: { query, variables },
    }),
  };
}

// ---- netlify/gotrue ---------------------------------------------------------------------------------

export const GOTRUE_SECRET = 'issuegraph-ci-gotrue-jwt-secret-0123456789';

function mariadb(sql) {
  execFileSync('mariadb', ['--no-defaults', '-uroot', '-h127.0.0.1', `-P${required('MARIADB_PORT')}`, '-e', sql]);
}

/**
 * netlify/gotrue with its own MariaDB database, migrated by GoTrue's own migrate command; mail
 * autoconfirmed, an operator token set, HS256 with GOTRUE_SECRET.
 */
export async function startGoTrue(name) {
  const home = required('GOTRUE_HOME');
  const port = await freePort();
  const database = `gotrue_${name}_${Date.now().toString(36)}`;
  mariadb(`CREATE DATABASE ${database}`);
  const env = {
    GOTRUE_DB_DRIVER: 'mysql',
    DATABASE_URL: `root@tcp(127.0.0.1:${required('MARIADB_PORT')})/${database}?parseTime=true&multiStatements=true`,
    GOTRUE_DB_MIGRATIONS_PATH: join(home, 'migrations'),
    GOTRUE_JWT_SECRET: GOTRUE_SECRET,
    GOTRUE_JWT_EXP: '3600',
    GOTRUE_OPERATOR_TOKEN: `operator-token-${name}`,
    GOTRUE_SITE_URL: 'http://127.0.0.1:1',
    GOTRUE_MAILER_AUTOCONFIRM: 'true',
    GOTRUE_API_HOST: '127.0.0.1',
    PORT: String(port),
    GOTRUE_LOG_LEVEL: 'info',
  };
  const binary = join(home, 'gotrue');
  execFileSync(binary, ['migrate'], { env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  const url = `http://127.0.0.1:${port}`;
  const service = new Service(`gotrue-${name}`, binary, ['serve'], env, () => ok(`${url}/health`));
  await service.start();
  return { url, service, operatorToken: env.GOTRUE_OPERATOR_TOKEN, ...goTrueClient(url, env.GOTRUE_OPERATOR_TOKEN) };
}

/** GoTrue's public and admin endpoints, netlify's shapes (docs/identity.md#sign-up-and-log-in). */
function goTrueClient(url, adminToken) {
  const admin = (method, path, json) => call(`${url}/admin${path}`, {
    method, json, headers: { authorization: `Bearer ${adminToken}` },
  });
  return {
    signup: (email, password, data) => call(`${url}/signup`, { method: 'POST', json: { email, password, data } }),
    login: (email, password) => call(`${url}/token`, {
      method: 'POST', form: { grant_type: 'password', username: email, password },
    }),
    refresh: (refreshToken) => call(`${url}/token`, {
      method: 'POST', form: { grant_type: 'refresh_token', refresh_token: refreshToken },
    }),
    user: (token) => call(`${url}/user`, { headers: { authorization: `Bearer ${token}` } }),
    admin,
  };
}

// ---- supabase/auth ----------------------------------------------------------------------------------

function psql(sql, database = 'postgres') {
  execFileSync('psql', ['-v', 'ON_ERROR_STOP=1', '-q', '-h', '127.0.0.1', '-p', required('POSTGRES_PORT'), '-U', 'postgres',
    '-d', database, '-c', sql], { stdio: ['ignore', 'ignore', 'pipe'] });
}

/**
 * supabase/auth with its own PostgreSQL database and the roles and schema its migrations expect
 * (its init_postgres.sh), signing with the private JWKs in keys (a JSON array), so that it publishes
 * the public halves at /.well-known/jwks.json. restart(keys) starts it again with other keys.
 */
export async function startSupabaseAuth(name, keys) {
  const home = required('SUPABASE_AUTH_HOME');
  const port = await freePort();
  const database = `auth_${name}_${Date.now().toString(36)}`;
  // the roles exist once per cluster; a second suite finds them
  psql(`DO $$ BEGIN
          IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'supabase_admin') THEN
            CREATE USER supabase_admin LOGIN CREATEROLE CREATEDB REPLICATION BYPASSRLS;
          END IF;
          IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'supabase_auth_admin') THEN
            CREATE USER supabase_auth_admin NOINHERIT CREATEROLE LOGIN NOREPLICATION PASSWORD 'root';
            ALTER USER supabase_auth_admin SET search_path = 'auth';
          END IF;
        END $$`);
  psql(`CREATE DATABASE ${database}`);
  psql(`CREATE SCHEMA IF NOT EXISTS auth AUTHORIZATION supabase_auth_admin;
        GRANT CREATE ON DATABASE ${database} TO supabase_auth_admin`, database);
  const url = `http://127.0.0.1:${port}`;
  const env = (signingKeys) => ({
    GOTRUE_DB_DRIVER: 'postgres',
    DB_NAMESPACE: 'auth',
    DATABASE_URL: `postgres://supabase_auth_admin:root@127.0.0.1:${required('POSTGRES_PORT')}/${database}`,
    GOTRUE_DB_MIGRATIONS_PATH: join(home, 'migrations'),
    GOTRUE_JWT_KEYS: JSON.stringify(signingKeys),
    // required even when the keys above sign (the legacy HS256 secret); unused by these tests
    GOTRUE_JWT_SECRET: 'issuegraph-ci-supabase-legacy-secret-0123456789',
    GOTRUE_JWT_EXP: '3600',
    GOTRUE_JWT_AUD: 'authenticated',
    GOTRUE_JWT_ADMIN_ROLES: 'service_role,supabase_admin',
    // hosted Supabase's: users' role claim is "authenticated" (without it, "")
    GOTRUE_JWT_DEFAULT_GROUP_NAME: 'authenticated',
    GOTRUE_JWT_ISSUER: `${url}`,
    GOTRUE_SITE_URL: 'http://127.0.0.1:1',
    API_EXTERNAL_URL: url,
    GOTRUE_MAILER_AUTOCONFIRM: 'true',
    GOTRUE_API_HOST: '127.0.0.1',
    PORT: String(port),
    GOTRUE_LOG_LEVEL: 'info',
  });
  const binary = join(home, 'auth');
  execFileSync(binary, ['migrate'], { env: { PATH: process.env.PATH, ...env(keys) }, stdio: ['ignore', 'ignore', 'pipe'] });
  let service = new Service(`supabase-auth-${name}`, binary, ['serve'], env(keys), () => ok(`${url}/health`));
  await service.start();
  return {
    url,
    get service() { return service; },
    async restart(newKeys) {
      await service.stop();
      service = new Service(`supabase-auth-${name}`, binary, ['serve'], env(newKeys), () => ok(`${url}/health`));
      await service.start();
    },
    signup: (email, password, data) => call(`${url}/signup`, { method: 'POST', json: { email, password, data } }),
    login: (email, password) => call(`${url}/token?grant_type=password`, { method: 'POST', json: { email, password } }),
    admin: (adminToken, method, path, json) => call(`${url}/admin${path}`, {
      method, json, headers: { authorization: `Bearer ${adminToken}` },
    }),
  };
}

// ---- the Netlify bridge function --------------------------------------------------------------------

/** client-examples/netlify-identity-bridge served as Netlify would, in front of gotrue's admin API. */
export async function startBridge(gotrue, secret) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const service = new Service('bridge', process.execPath, [required('BRIDGE_SERVE_JS')], {
    GOTRUE_URL: gotrue.url,
    GOTRUE_ADMIN_TOKEN: gotrue.operatorToken,
    ISSUEGRAPH_IDENTITY_DELETE_BRIDGE_SECRET: secret,
    PORT: String(port),
  }, async () => (await fetch(url, { signal: AbortSignal.timeout(2000) })).status === 405);
  await service.start();
  return { url, service };
}
