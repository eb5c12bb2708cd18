#!/bin/bash
# Which of issuegraph's files one warm request runs through, and its hand-offs from file to file
# (bench/request-trace/RequestTrace.java says how they are counted): the local server of
# `./mvnw spring-boot:test-run` started with a debugger port, traced through JDI for one request.
#
#   bench/request-trace.sh [CHECKOUT] [BODY]
#
# CHECKOUT: the tree to run (default: this one), e.g. a worktree of an older commit to compare with.
# BODY: the GraphQL request (default: one createIssue). Needs a JDK 17+ (java on the PATH) and free ports.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
CHECKOUT=$(cd "${1:-$ROOT}" && pwd)
BODY=${2:-'{"query":"mutation { createIssue(input: {title: \"Fix the login\"}) { id } }"}'}
free_port() { node "$ROOT/client-examples/free-port.mjs"; }
SERVER_PORT=$(free_port) ISSUEGRAPH_LOCAL_IDENTITY_PORT=$(free_port) JDWP_PORT=$(free_port)
# the warm-ups would spend the user's rate limit (a mutation costs 5 of a burst of 60)
export SERVER_PORT ISSUEGRAPH_LOCAL_IDENTITY_PORT ISSUEGRAPH_RATE_LIMIT_USER_BURST=1000
LOG=$(mktemp)
cd "$CHECKOUT"
setsid ./mvnw -B spring-boot:test-run -Dreset \
    -Dspring-boot.run.jvmArguments="-agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=127.0.0.1:$JDWP_PORT" \
    >"$LOG" 2>&1 &
SERVER=$!
trap 'kill -- -$SERVER 2>/dev/null || true; wait $SERVER 2>/dev/null || true; rm -f "$LOG"' EXIT
for _ in $(seq 600); do
    grep -q '"Authorization": "Bearer ' "$LOG" && break
    kill -0 $SERVER 2>/dev/null || { tail -40 "$LOG"; exit 1; }
    sleep 0.5
done
TOKEN=$(grep -o '"Authorization": "Bearer [^"]*' "$LOG" | head -1 | sed 's/.*Bearer //')
[ -n "$TOKEN" ] || { tail -40 "$LOG"; echo "no demo token in the server's output" >&2; exit 1; }
java --add-modules jdk.jdi "$ROOT/bench/request-trace/RequestTrace.java" "$JDWP_PORT" \
    "http://127.0.0.1:$SERVER_PORT/graphql" "$TOKEN" "$BODY" 20
