#!/usr/bin/env bash
# Starts or stops the local issuegraph (`./mvnw spring-boot:test-run`: server, embedded MariaDB, local
# identity) in the background, for the client examples' tests.
#
#   client-examples/local-server.sh start   # prints export lines: eval "$(client-examples/local-server.sh start)"
#   client-examples/local-server.sh stop
#
# Ports: ISSUEGRAPH_PORT and ISSUEGRAPH_LOCAL_IDENTITY_PORT, free ones when unset. Browser pages may call
# it from ISSUEGRAPH_CORS_ALLOWED_ORIGINS (comma-separated). Its log: target/local-server.log.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
pid_file="$root/target/local-server.pid"
log="$root/target/local-server.log"

free_port() {
    node "$root/client-examples/free-port.mjs"
}

case "${1:-}" in
start)
    mkdir -p "$root/target"
    port="${ISSUEGRAPH_PORT:-$(free_port)}"
    identity_port="${ISSUEGRAPH_LOCAL_IDENTITY_PORT:-$(free_port)}"
    cd "$root"
    # setsid: its own process group, so that stop ends Maven, the JVM it forked and the database, and
    # nothing else; no descriptor of ours stays open in it, so "$(… start)" returns. -Dreset: every run
    # starts from empty data, whatever an earlier run left in target/
    ISSUEGRAPH_LOCAL_IDENTITY_PORT="$identity_port" setsid ./mvnw -B spring-boot:test-run -Dreset \
        -Dspring-boot.run.arguments="--server.port=$port" >"$log" 2>&1 </dev/null &
    echo $! >"$pid_file"
    for _ in $(seq 1 240); do
        if curl -fsS -o /dev/null "http://127.0.0.1:$port/graphql/schema" 2>/dev/null \
                && curl -fsS -o /dev/null "http://127.0.0.1:$identity_port/settings" 2>/dev/null; then
            echo "export ISSUEGRAPH_URL=http://127.0.0.1:$port"
            echo "export ISSUEGRAPH_IDENTITY_URL=http://127.0.0.1:$identity_port"
            exit 0
        fi
        if ! kill -0 "$(cat "$pid_file")" 2>/dev/null; then
            echo "the local server stopped while starting; its log:" >&2
            tail -n 60 "$log" >&2
            exit 1
        fi
        sleep 1
    done
    echo "the local server did not answer within 240 s; its log:" >&2
    tail -n 60 "$log" >&2
    exit 1
    ;;
stop)
    if [ -f "$pid_file" ]; then
        pid="$(cat "$pid_file")"
        kill -TERM -- "-$pid" 2>/dev/null || true
        for _ in $(seq 1 30); do
            kill -0 -- "-$pid" 2>/dev/null || break
            sleep 1
        done
        kill -KILL -- "-$pid" 2>/dev/null || true
        rm -f "$pid_file"
    fi
    ;;
*)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
