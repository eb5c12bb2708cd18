#!/usr/bin/env bash
# Makes JDK 25's AOT cache (issuegraph.aot) for an extracted issuegraph by a training run: starts the
# server with the image's own start command (start.sh, ISSUEGRAPH_AOT=train), sends it what the web page
# sends for a while (TrainingDriver.java: me, lists, create, update, delete, a live-updates stream, as a
# few users with tokens it mints), then stops it with SIGTERM; the JVM writes the cache as it exits. The
# Dockerfile's training stage runs this (CI builds the Dockerfile: .ci/image.sh).
#
#   deploy/container/train-aot.sh APP_DIR (--local-mariadb | --jdbc-url URL [--db-user U] [--db-password P])
#                                 [--seconds N] [--users N] [--port N]
#
#   APP_DIR          the extracted layout (issuegraph.jar and lib/: extract.sh, or Boot's plain
#                    `extract --destination`); start.sh is copied in when it is not there yet. The cache
#                    is written there as issuegraph.aot, for this same folder, JDK and flags
#   --local-mariadb  start a throwaway MariaDB (local-mariadb.sh: mariadbd from the PATH, e.g. Debian's
#                    mariadb-server) on a free loopback port, its data in a temporary folder deleted after
#   --jdbc-url URL   or train against this database (MySQL 8.0+ or MariaDB 10.6+). It gets the
#                    migrations and training issues (each deleted again), so use a throwaway one
#   --seconds N      how long the traffic runs (default 20; longer records more of the request path)
#   --users N        simultaneous users (default 4)
#   --port N         the server's port (default: a free one)
#
# Environment: JAVA_HOME (the JVM that trains and later runs: it must be the same one), JAVA_OPTS (as
# for start.sh; use the production flags), TRAINING_DRIVER_JAVA (a JDK's java for TrainingDriver.java;
# default the java of JAVA_HOME or the PATH). The server runs with a random HS256 secret made for this
# run only and raised rate limits; neither is stored in the cache. Its log: APP_DIR/training.log.
# Prints one line per step with its time; exits non-zero if any answer was wrong or no cache was written.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//' >&2; exit 2; }

app="${1:-}"; [ -n "$app" ] && [ -f "$app/issuegraph.jar" ] || usage
app="$(cd "$app" && pwd)"; shift
jdbc_url="" db_user="" db_password="" local_mariadb=false seconds=20 users=4 port=""
while [ $# -gt 0 ]; do
    case "$1" in
    --local-mariadb) local_mariadb=true ;;
    --jdbc-url) jdbc_url="$2"; shift ;;
    --db-user) db_user="$2"; shift ;;
    --db-password) db_password="$2"; shift ;;
    --seconds) seconds="$2"; shift ;;
    --users) users="$2"; shift ;;
    --port) port="$2"; shift ;;
    *) usage ;;
    esac
    shift
done
$local_mariadb || [ -n "$jdbc_url" ] || usage

started=$SECONDS
step() { echo "train-aot: $* ($((SECONDS - started)) s)"; }
work="$(mktemp -d "${TMPDIR:-/tmp}/issuegraph-training.XXXXXX")"
server_pid=""
cleanup() {
    [ -z "$server_pid" ] || kill -KILL "$server_pid" 2>/dev/null || true
    ! $local_mariadb || "$here/local-mariadb.sh" stop "$work/mariadb"
    rm -rf "$work"
}
trap cleanup EXIT

if $local_mariadb; then
    eval "$("$here/local-mariadb.sh" start "$work/mariadb")"
    jdbc_url="$SPRING_DATASOURCE_URL" db_user="$SPRING_DATASOURCE_USERNAME" db_password="$SPRING_DATASOURCE_PASSWORD"
    step "MariaDB up ($jdbc_url)"
fi

port="${port:-$("$here/free-port.sh")}"
secret="training-only-$(od -An -tx1 -N24 /dev/urandom | tr -d ' \n')"
[ -f "$app/start.sh" ] || cp "$here/start.sh" "$app/start.sh"
rm -f "$app/issuegraph.aot"
ISSUEGRAPH_AOT=train SERVER_PORT="$port" SPRING_DATASOURCE_URL="$jdbc_url" \
    SPRING_DATASOURCE_USERNAME="$db_user" SPRING_DATASOURCE_PASSWORD="$db_password" ISSUEGRAPH_IDENTITY_JWT_SECRET="$secret" \
    ISSUEGRAPH_RATE_LIMIT_USER_BURST=1000000 ISSUEGRAPH_RATE_LIMIT_USER_PER_SECOND=1000000 \
    "$app/start.sh" >"$app/training.log" 2>&1 &
server_pid=$!
until "$here/probe.sh" readiness "$port" 2>/dev/null; do
    kill -0 "$server_pid" 2>/dev/null || { echo "train-aot: the server stopped; $app/training.log:" >&2; tail -40 "$app/training.log" >&2; exit 1; }
    sleep 0.5
done
step "server ready on port $port"

driver_java="${TRAINING_DRIVER_JAVA:-${JAVA_HOME:+$JAVA_HOME/bin/}java}"
"$driver_java" "$here/TrainingDriver.java" train "http://127.0.0.1:$port/graphql" "$secret" "$seconds" "$users" \
    "$work/traffic-done" &
driver_pid=$!
# the driver keeps its live-updates stream open until the server ends it at shutdown (TrainingDriver's header)
while [ ! -e "$work/traffic-done" ] && kill -0 "$driver_pid" 2>/dev/null; do sleep 0.2; done
step "traffic sent for $seconds s"

kill -TERM "$server_pid"
driver_status=0 server_status=0
wait "$driver_pid" || driver_status=$?
wait "$server_pid" || server_status=$?
server_pid=""
if [ "$driver_status" -ne 0 ] || [ ! -s "$app/issuegraph.aot" ]; then
    echo "train-aot: failed (driver exit $driver_status, server exit $server_status); $app/training.log:" >&2
    tail -40 "$app/training.log" >&2
    exit 1
fi
step "issuegraph.aot written: $(du -h "$app/issuegraph.aot" | cut -f1)"
