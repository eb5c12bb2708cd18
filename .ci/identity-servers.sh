#!/usr/bin/env bash
# CI stage (issue 19): issuegraph against the real identity servers, netlify/gotrue and supabase/auth,
# built from their Go modules at pinned versions; the journeys are Node tests
# (src/test/identity-servers/*.test.mjs) that start GoTrue, issuegraph's jar and the Netlify bridge.
#
#   .ci/identity-servers.sh
#
# Installs what it needs (Debian's mariadb-server, postgresql and chromium; the servers with Go), starts
# MariaDB and PostgreSQL itself on loopback ports with data in a temporary folder, and stops them at the
# end. A server is built once per pinned version, into $ISSUEGRAPH_CI_CACHE (default
# ~/.cache/issuegraph-ci/<server>-<version>/, the binary and its migrations), and reused after that.
# Where the Go module proxy does not serve a module, that server's journeys are skipped with the
# command and its answer printed, unless ISSUEGRAPH_IDENTITY_SERVERS=required, which fails the stage
# instead. Logs: target/identity-servers/.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"

# ---- pinned versions (README "Identity providers"; docs/identity.md#what-the-real-servers-showed) ----
GOTRUE_MODULE=github.com/netlify/gotrue
GOTRUE_VERSION=v1.0.2-0.20260428090609-ab1bf15f0aa6            # commit ab1bf15, v1.0.1+48
SUPABASE_AUTH_MODULE=github.com/supabase/auth
SUPABASE_AUTH_VERSION=v1.11.1-0.20260820085452-bc32168e13fd    # commit bc32168, release v2.196.0+2

cache="${ISSUEGRAPH_CI_CACHE:-$HOME/.cache/issuegraph-ci}"
out="$root/target/identity-servers"
rm -rf "$out"
mkdir -p "$out/logs"
stage_started=$SECONDS
step() { echo "identity servers: $* ($((SECONDS - stage_started)) s)"; }

if [ -z "${JAVA_HOME:-}" ] && [ -d /usr/lib/jvm/java-17-openjdk-amd64 ]; then
    export JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64
fi

# ---- Debian's packages ----------------------------------------------------------------------------
postgres_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
missing=()
[ -x /usr/sbin/mariadbd ] || missing+=(mariadb-server)
[ -n "$postgres_bin" ] || missing+=(postgresql)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
if [ "${#missing[@]}" -gt 0 ]; then
    # policy-rc.d keeps the packages from starting system services: this stage starts its own
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"
    postgres_bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
fi
step "packages ready"

# ---- the servers ----------------------------------------------------------------------------------
# build NAME MODULE VERSION BINARY: leaves the binary and migrations/ in $cache/NAME-VERSION and prints
# that folder, or explains on stderr why it could not, and fails.
build() {
    local name="$1" module="$2" version="$3" binary="$4"
    local dir="$cache/$name-$version"
    if [ -x "$dir/$binary" ] && [ -d "$dir/migrations" ]; then
        echo "$dir"
        return 0
    fi
    local log="$out/logs/build-$name.log" from=""
    # go mod download, then go build inside the module: `go install module@version` refuses modules whose
    # go.mod has replace directives, as supabase/auth's has
    if go mod download -json "$module@$version" >"$log" 2>&1; then
        from="$(sed -n 's/^\t"Dir": "\(.*\)",$/\1/p' "$log")"
    else
        {
            echo "identity servers: $name could not be fetched:"
            echo "\$ go mod download -json $module@$version"
            cat "$log"
        } >&2
        return 1
    fi
    local started=$SECONDS
    rm -rf "$dir.tmp" && mkdir -p "$dir.tmp"
    if ! (cd "$from" && GOFLAGS="${GOFLAGS:-} -p=1" nice -n 10 go build -p 1 -trimpath -o "$dir.tmp/$binary" .) >>"$log" 2>&1; then
        echo "identity servers: building $name from $from failed:" >&2
        tail -n 30 "$log" >&2
        return 1
    fi
    cp -r "$from/migrations" "$dir.tmp/migrations" && chmod -R u+w "$dir.tmp" \
        && rm -rf "$dir" && mv "$dir.tmp" "$dir" || return 1
    echo "identity servers: built $name $version in $((SECONDS - started)) s" >&2
    echo "$dir"
}

tests=()
skipped=()
if GOTRUE_HOME="$(build gotrue "$GOTRUE_MODULE" "$GOTRUE_VERSION" gotrue)"; then
    export GOTRUE_HOME
    tests+=(gotrue.test.mjs browser.test.mjs)
else
    skipped+=("netlify/gotrue $GOTRUE_VERSION")
fi
if SUPABASE_AUTH_HOME="$(build supabase-auth "$SUPABASE_AUTH_MODULE" "$SUPABASE_AUTH_VERSION" auth)"; then
    export SUPABASE_AUTH_HOME
    tests+=(supabase.test.mjs)
else
    skipped+=("supabase/auth $SUPABASE_AUTH_VERSION")
fi
step "servers ready"
if [ "${#skipped[@]}" -gt 0 ] && [ "${ISSUEGRAPH_IDENTITY_SERVERS:-}" = required ]; then
    echo "identity servers: not available: ${skipped[*]} (ISSUEGRAPH_IDENTITY_SERVERS=required)" >&2
    exit 1
fi
if [ "${#tests[@]}" -eq 0 ]; then
    echo "identity servers: SKIPPED, no server could be built: ${skipped[*]}" >&2
    exit 0
fi

# ---- issuegraph, the page's packages --------------------------------------------------------------
if [ ! -f target/issuegraph.jar ]; then
    ./mvnw -B -q -DskipTests -Dcheckstyle.skip package
fi
export ISSUEGRAPH_JAR="$root/target/issuegraph.jar"
if [ ! -d client-examples/web/node_modules ]; then
    (cd client-examples/web && npm ci --no-audit --no-fund)
fi
step "issuegraph and the page ready"

# ---- the databases, on loopback, in a folder of their own -----------------------------------------
data="$(mktemp -d /tmp/issuegraph-identity-servers.XXXXXX)"
MARIADB_PORT="$(node client-examples/free-port.mjs)"
POSTGRES_PORT="$(node client-examples/free-port.mjs)"
export MARIADB_PORT POSTGRES_PORT
mariadb_pid=""
stop_databases() {
    [ -z "$mariadb_pid" ] || { kill "$mariadb_pid" 2>/dev/null; wait "$mariadb_pid" 2>/dev/null || true; }
    [ ! -f "$data/pg/postmaster.pid" ] || runuser -u postgres -- "$postgres_bin/pg_ctl" -D "$data/pg" -m fast -w stop >/dev/null || true
    rm -rf "$data"
}
trap stop_databases EXIT

mariadb-install-db --no-defaults --datadir="$data/mariadb" --user=root --auth-root-authentication-method=normal \
    --skip-test-db >"$out/logs/mariadb-install.log" 2>&1
nice -n 10 /usr/sbin/mariadbd --no-defaults --datadir="$data/mariadb" --user=root --bind-address=127.0.0.1 \
    --port="$MARIADB_PORT" --socket="$data/mariadb.sock" --skip-name-resolve >"$out/logs/mariadb.log" 2>&1 &
mariadb_pid=$!

# PostgreSQL refuses to run as root: its data belongs to Debian's postgres user
mkdir "$data/pg" && chown postgres: "$data" "$data/pg"
runuser -u postgres -- "$postgres_bin/initdb" -D "$data/pg" -U postgres --auth=trust >"$out/logs/postgres-initdb.log" 2>&1
runuser -u postgres -- "$postgres_bin/pg_ctl" -D "$data/pg" -l "$data/pg/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $POSTGRES_PORT -k $data/pg" start >/dev/null

for _ in $(seq 1 60); do
    mariadb --no-defaults -uroot -h127.0.0.1 -P"$MARIADB_PORT" -e 'SELECT 1' >/dev/null 2>&1 && break
    sleep 1
done
step "MariaDB on $MARIADB_PORT and PostgreSQL on $POSTGRES_PORT up"

# ---- the journeys ---------------------------------------------------------------------------------
export IDENTITY_SERVERS_LOG_DIR="$out/logs"
export BRIDGE_SERVE_JS="$root/client-examples/netlify-identity-bridge/local/serve.js"
export IDENTITY_SERVERS_SCREENSHOTS="$out/screenshots"
status=0
(cd src/test/identity-servers && node --test --test-concurrency=1 "${tests[@]}") || status=$?
cp "$data/pg/server.log" "$out/logs/postgres.log" 2>/dev/null || true
step "journeys done (${tests[*]}), exit $status"
if [ "${#skipped[@]}" -gt 0 ]; then
    echo "identity servers: NOT TESTED, could not be built here: ${skipped[*]} (see above)" >&2
fi
exit "$status"
