#!/usr/bin/env bash
# What idle live updates hold in issuegraph (issue 25, item 7): memory per graphql-ws connection and per
# subscription, heap and native, with the recommended settings.
#
#   bench/idle-memory.sh [--connections C] [--per-connection S] [--java-opts "…"] [--skip-build]
#
# Starts a MariaDB of its own and issuegraph (java -jar, JDK 25, with native memory tracking), pays a first
# round of the same size (closed again), and measures the server three times, each after a full
# collection: with nothing open; with C graphql-ws connections acknowledged (default 200); with S idle
# subscriptions on each (default 10). For a connection and for a subscription it prints the live heap
# (the class histogram's objects), native memory (NMT's committed, without the heap and what the JVM makes
# once: see measure) and resident memory (RSS; with the whole heap committed at start and native memory
# trimmed every 5 s, its differences are noise at this scale: the other two are the figures). Not a timed
# benchmark: it needs no quiet machine, only the memory (bench/target/idle-memory holds its logs).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
WORK=$ROOT/bench/target/idle-memory
# shellcheck source=bench/common.sh
. bench/common.sh
JAVA_OPTS=$RECOMMENDED_JAVA_OPTS
CONNECTIONS=200
PER_CONNECTION=10
BUILD=true
while [ $# -gt 0 ]; do
    case "$1" in
        --connections) CONNECTIONS=$2; shift ;;
        --per-connection) PER_CONNECTION=$2; shift ;;
        --java-opts) JAVA_OPTS=$2; shift ;;
        --skip-build) BUILD=false ;;
        *) sed -n '2,14p' "$0" >&2; exit 2 ;;
    esac
    shift
done
JCMD=${JAVA%/java}/jcmd
# Long enough for a measurement (a collection, then NMT) between the client's steps.
HOLD=20

if $BUILD; then
    build_jars
fi
rm -rf "$WORK"
mkdir -p "$WORK/app"
mv -f "$WORK.build.log" "$WORK/build.log" 2>/dev/null || true
cp target/issuegraph.jar "$WORK/app/"
start_mariadb
"$JAVA" -jar "$FLOORS_JAR" tokens "$SECRET" "$USERS" >"$WORK/tokens.txt"

APP_PORT=$(free_port "${BENCH_APP_PORT:-28080}")
log "issuegraph on 127.0.0.1:$APP_PORT ($JAVA_OPTS)"
# Every client connects from one address, so the caps per address and per user are raised to fit them;
# the per-user rate limit would refuse their subscribe messages.
(cd "$WORK/app" && ISSUEGRAPH_RATE_LIMIT_USER_BURST=1000000 ISSUEGRAPH_RATE_LIMIT_USER_PER_SECOND=1000000 \
    ISSUEGRAPH_WEBSOCKET_MAX_UNAUTHENTICATED_PER_ADDRESS=$CONNECTIONS ISSUEGRAPH_WEBSOCKET_MAX_CONNECTIONS=$CONNECTIONS \
    ISSUEGRAPH_WEBSOCKET_MAX_PER_USER=$(( (CONNECTIONS + USERS - 1) / USERS )) \
    ISSUEGRAPH_LIVE_MAX_SUBSCRIPTIONS_PER_USER=$(( (CONNECTIONS * PER_CONNECTION + USERS - 1) / USERS )) \
    SPRING_DATASOURCE_URL=$JDBC_URL SPRING_DATASOURCE_USERNAME=bench SPRING_DATASOURCE_PASSWORD=bench \
    ISSUEGRAPH_IDENTITY_JWT_SECRET=$SECRET SERVER_PORT=$APP_PORT \
    exec "$JAVA" $JAVA_OPTS -XX:NativeMemoryTracking=summary -jar issuegraph.jar) >"$WORK/issuegraph.log" 2>&1 &
APP_PID=$!
STARTED+=("$APP_PID")
until curl -sf -o /dev/null "http://127.0.0.1:$APP_PORT/actuator/health"; do
    kill -0 "$APP_PID" 2>/dev/null || { tail -30 "$WORK/issuegraph.log" >&2; exit 1; }
    sleep 0.2
done

# measure <name>: "<live heap KB> <native KB> <RSS KB>" after a full collection; the reports it is made of,
# and a class histogram of the heap, are kept in $WORK/<name>.*. Native memory is NMT's committed total
# without the heap, without what the JVM makes once however many clients there are (compiled code, the
# compilers' arenas, class metadata and symbols) and without NMT's own: threads, buffers outside the
# heap and the JVM's bookkeeping.
measure() {
    "$JCMD" "$APP_PID" GC.run >/dev/null
    "$JCMD" "$APP_PID" GC.heap_info >"$WORK/$1.heap"
    "$JCMD" "$APP_PID" GC.class_histogram >"$WORK/$1.histogram"
    "$JCMD" "$APP_PID" VM.native_memory summary scale=KB >"$WORK/$1.nmt"
    local heap native
    # the live objects, without the filler arrays the JVM counts in the heap's use (megabytes of them at times)
    heap=$(awk '/FillerElement/ { filler += $3 } /^Total/ { total = $3 } END { print int((total - filler) / 1024) }' \
        "$WORK/$1.histogram")
    native=$(sed -nE 's/^- +([A-Za-z ]*[A-Za-z]) \(reserved=[0-9]+KB, committed=([0-9]+)KB.*/\1=\2/p' "$WORK/$1.nmt" \
        | grep -vE '^(Java Heap|Code|Arena Chunk|Compiler|Class|Metaspace|Symbol|Shared class space|Native Memory Tracking)=' \
        | cut -d= -f2 | awk '{ sum += $1 } END { print sum }')
    echo "$heap $native $(rss_kb "$APP_PID")"
}
# wait_for <line> in the client's log
wait_for() {
    until grep -qs "^$1" "$WORK/idle.log"; do
        kill -0 "$CLIENT_PID" 2>/dev/null || { tail -20 "$WORK/idle.log" >&2; exit 1; }
        sleep 0.2
    done
}

# A first round of the same size, closed again, pays what only the first connections and subscriptions
# cost (classes loaded, code compiled, the delivery threads started), so that the rounds measured hold
# only what each connection and subscription keeps.
log "warming up: $CONNECTIONS connections with $PER_CONNECTION subscriptions each, closed again"
"$JAVA" -jar "$FLOORS_JAR" idle "$APP_PORT" "$WORK/tokens.txt" "$CONNECTIONS" "$PER_CONNECTION" 1 >"$WORK/warm-up.log" 2>&1
# The closed connections' streams end, and Spring for GraphQL lets go of their sessions: each is held, with
# Tomcat's buffers, by its connection_init timeout (10 s from its opening) even once closed.
sleep 12
read -r HEAP0 NATIVE0 RSS0 <<<"$(measure none)"
log "$CONNECTIONS connections, then $PER_CONNECTION subscriptions on each"
"$JAVA" -jar "$FLOORS_JAR" idle "$APP_PORT" "$WORK/tokens.txt" "$CONNECTIONS" "$PER_CONNECTION" "$HOLD" >"$WORK/idle.log" 2>&1 &
CLIENT_PID=$!
STARTED+=("$CLIENT_PID")
wait_for CONNECTED
sleep 2
read -r HEAP1 NATIVE1 RSS1 <<<"$(measure connected)"
wait_for SUBSCRIBED
sleep 3 # the last subscribe messages are registered
read -r HEAP2 NATIVE2 RSS2 <<<"$(measure subscribed)"
wait "$CLIENT_PID"

per() { awk -v d="$1" -v n="$2" 'BEGIN { printf "%.1f", d / n }'; }
SUBSCRIPTIONS=$((CONNECTIONS * PER_CONNECTION))
cat <<EOF

idle live updates, $JAVA_OPTS ($($JAVA -version 2>&1 | head -1))
|                    | live heap | native | RSS |
|---|---|---|---|
| none open          | $((HEAP0 / 1024)) MB | $((NATIVE0 / 1024)) MB | $((RSS0 / 1024)) MB |
| $CONNECTIONS connections    | $((HEAP1 / 1024)) MB | $((NATIVE1 / 1024)) MB | $((RSS1 / 1024)) MB |
| + $SUBSCRIPTIONS subscriptions | $((HEAP2 / 1024)) MB | $((NATIVE2 / 1024)) MB | $((RSS2 / 1024)) MB |
| per connection     | $(per $((HEAP1 - HEAP0)) "$CONNECTIONS") KB | $(per $((NATIVE1 - NATIVE0)) "$CONNECTIONS") KB | $(per $((RSS1 - RSS0)) "$CONNECTIONS") KB |
| per subscription   | $(per $((HEAP2 - HEAP1)) "$SUBSCRIPTIONS") KB | $(per $((NATIVE2 - NATIVE1)) "$SUBSCRIPTIONS") KB | $(per $((RSS2 - RSS1)) "$SUBSCRIPTIONS") KB |
EOF
