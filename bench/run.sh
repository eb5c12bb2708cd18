#!/usr/bin/env bash
# issuegraph against its floors, in one command (bench/RESULTS.md explains the figures).
#
#   bench/run.sh [--rows N] [--duration SECONDS] [--connections C] [--java-opts "…"] [--aot]
#                [--skip-build] [--no-floors] [--workloads "list deep filtered count create mixed search changed"]
#                [--subscribers N] [--idle-subscriptions N] [--profile]
#
# Builds the jar and the floors (bench/floors), installs Debian's mariadb-server and wrk when missing,
# starts a MariaDB of its own on loopback (data under bench/target/, not the system service), seeds N
# issues for 100 users (titles of words from bench/vocabulary.txt, which the search workload looks for two
# of), then runs every workload against issuegraph (java -jar on CPU 0, JDK 25), the
# HTTP floor (plain JSON from Spring MVC, same SQL) and the database floor (same SQL over JDBC), with
# wrk on CPU 1. Prints req/s, p50, p99 and errors per workload and the ratios; stops what it started.
# The subscribers workload opens N graphql-ws subscriptions (default 1000; 0 skips it), measures the
# server's memory and CPU with them open and idle, warms the delivery path up under the mixed load with
# them subscribed (BENCH_SUBSCRIBED_WARMUP seconds, unmeasured: the JIT compiles what only deliveries run,
# which the request warm-up does not; the mixed load without them is warmed up as long before it is
# measured, so that the two compare alike), then measures the mixed load with them subscribed and the delay
# from commit to subscriber. The idle case (issue 25) opens N more subscriptions (default 10000; 0 skips it), ten on each of
# N/10 graphql-ws connections, and measures the resident memory they add to the server, 10 s and 30 s after
# they are live (the target reads the latter: by then they are idle; bench/idle-memory.sh tells what each
# connection and subscription holds). Either case, with more connections than the recommended 96 MB heap
# holds, runs on the heap docs/live-updates.md#limits gives them (unless --java-opts is given). --profile
# records each warm workload of issuegraph with JFR (bench/target/<workload>.jfr, and subscribed.jfr for the mixed load with subscribers;
# bench/hot.py summarises one). After the list workload, and before and after the idle subscriptions, it
# keeps the server's /proc/<pid>/smaps (bench/target/smaps-{list,idle-before,idle-after,idle-settled}.txt: what is
# resident, mapping by mapping; the report splits the list's into anonymous and file-backed), the heap's
# generations (heap-*.txt) and, when the JVM options turn on native memory tracking (--profile does, or e.g.
# --java-opts "… -XX:NativeMemoryTracking=summary"), its summary (nmt-*.txt).
# Environment: BENCH_JAVA (JDK 25's java), BENCH_JAVA_OPTS, BENCH_SCHEDULING (batch, the default, or normal: the
# scheduling policy of what runs on the server's core), BENCH_WARMUP (seconds), BENCH_SUBSCRIBED_WARMUP
# (seconds, default 45; 0 measures the JIT's warm-up of deliveries too, as the runs until 2026-12-06 did),
# BENCH_SUBSCRIBERS_PER_CONNECTION (the subscribers case's subscriptions per graphql-ws connection, default 1),
# BENCH_WORKLOAD_WARMUP (seconds of each workload but the list, unmeasured, before it is measured; default 15; 0
# measures them right after the list's warm-up, as the runs until 2026-12-07 did), BENCH_DB_PORT,
# BENCH_APP_PORT, BENCH_JFR (event settings added to --profile's, e.g. "jdk.ExecutionSample#period=1ms");
# other settings of issuegraph (e.g. SPRING_APPLICATION_JSON) are passed through.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
WORK=$ROOT/bench/target

ROWS=10000
DURATION=15
# On one core the JIT needs two to three minutes of load to compile issuegraph's hot paths (bench/RESULTS.md).
WARMUP=${BENCH_WARMUP:-120}
# Deliveries run code that requests do not (Reactor's operators, graphql-java's subscription strategy, the
# graphql-ws handler, Tomcat's WebSocket writes): measured cold, C2 compiling them takes much of the core
# (bench/RESULTS.md, run of 2026-12-06).
SUBSCRIBED_WARMUP=${BENCH_SUBSCRIBED_WARMUP:-45}
# And what each other workload runs that the list does not (a create's transaction, a search's query).
WORKLOAD_WARMUP=${BENCH_WORKLOAD_WARMUP:-15}
# 1: each subscriber a graphql-ws connection of its own; 10: a user's subscriptions on one connection, as a
# graphql-ws client multiplexes them (issue 25's "100 users × 10").
SUBSCRIBERS_PER_CONNECTION=${BENCH_SUBSCRIBERS_PER_CONNECTION:-1}
COLD=30
CONNECTIONS=64
POOL=10
# shellcheck source=bench/common.sh
. bench/common.sh
JAVA_OPTS=${BENCH_JAVA_OPTS:-$RECOMMENDED_JAVA_OPTS}
AOT=false
BUILD=true
FLOORS=true
WORKLOADS="list deep filtered count create mixed search changed"
SUBSCRIBERS=1000
IDLE_SUBSCRIPTIONS=10000
IDLE_PER_CONNECTION=10
PROFILE=false
while [ $# -gt 0 ]; do
    case "$1" in
        --rows) ROWS=$2; shift ;;
        --duration) DURATION=$2; shift ;;
        --connections) CONNECTIONS=$2; shift ;;
        --java-opts) JAVA_OPTS=$2; shift ;;
        --aot) AOT=true ;;
        --skip-build) BUILD=false ;;
        --no-floors) FLOORS=false ;;
        --workloads) WORKLOADS=$2; shift ;;
        --subscribers) SUBSCRIBERS=$2; shift ;;
        --idle-subscriptions) IDLE_SUBSCRIPTIONS=$2; shift ;;
        --profile) PROFILE=true ;;
        -h|--help) sed -n '2,30p' "$0"; exit 0 ;;
        *) sed -n '2,30p' "$0" >&2; exit 2 ;;
    esac
    shift
done

SERVER_CPU=0
CLIENT_CPU=1

# --- tools ----------------------------------------------------------------------------------------------
missing=()
command -v mariadbd >/dev/null || missing+=(mariadb-server)
command -v wrk >/dev/null || missing+=(wrk)
command -v curl >/dev/null || missing+=(curl)
if [ ${#missing[@]} -gt 0 ]; then
    log "installing ${missing[*]} (apt-get)"
    SUDO=$([ "$(id -u)" = 0 ] || echo sudo)
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
[ -x "$JAVA" ] || { echo "JDK 25 not found at $JAVA (set BENCH_JAVA)" >&2; exit 1; }

if $BUILD; then
    build_jars
fi
rm -rf "$WORK"
mkdir -p "$WORK"
mv -f "$WORK.build.log" "$WORK/build.log" 2>/dev/null || true

# --- MariaDB of its own ---------------------------------------------------------------------------------
APP_PORT=$(free_port "${BENCH_APP_PORT:-28080}")
FLOOR_PORT=$(free_port $((APP_PORT + 1)))
start_mariadb
# The settings application.properties gives issuegraph (placeholders at their defaults), so that the
# floors talk to MariaDB alike.
JDBC_PROPERTIES=$(sed -n 's/^spring\.datasource\.hikari\.data-source-properties\.\([A-Za-z]*\)=\(.*\)$/\1=\2/p' \
    src/main/resources/application.properties | sed 's/\${[^:}]*:\([^}]*\)}/\1/g' | paste -sd'&')

"$JAVA" -jar "$FLOORS_JAR" tokens "$SECRET" "$USERS" >"$WORK/tokens.txt"
export BENCH_TOKENS=$WORK/tokens.txt BENCH_VOCABULARY=$ROOT/bench/vocabulary.txt
FIRST_TOKEN=$(head -1 "$WORK/tokens.txt" | cut -d' ' -f2)

# --- issuegraph -----------------------------------------------------------------------------------------
IDLE_CONNECTIONS=$(( (IDLE_SUBSCRIPTIONS + IDLE_PER_CONNECTION - 1) / IDLE_PER_CONNECTION ))
SUBSCRIBER_CONNECTIONS=$(( (SUBSCRIBERS + SUBSCRIBERS_PER_CONNECTION - 1) / SUBSCRIBERS_PER_CONNECTION ))
MOST_CONNECTIONS=$(( SUBSCRIBER_CONNECTIONS > IDLE_CONNECTIONS ? SUBSCRIBER_CONNECTIONS : IDLE_CONNECTIONS ))
MOST_SUBSCRIPTIONS=$(( SUBSCRIBERS > IDLE_SUBSCRIPTIONS ? SUBSCRIBERS : IDLE_SUBSCRIPTIONS ))
# The recommended heap holds 90 connections (docs/live-updates.md#limits). For the subscriber cases the bench
# raises the caps, so it gives the heap the room that page's rule asks for rather than measure a server outside
# its limits: 2 × (40 MB + 64 KB a connection + 10 KB a further subscription) for idle ones, half again as much
# for subscriptions that are delivered events. The report says so, and the resident memory under the list load
# is then not issue 24's figure. --java-opts is taken as given.
heap_rule_mb() { # <connections> <subscriptions> <times what they hold: 2 idle, 3 delivered events>
    [ "$2" -gt 0 ] || { echo 0; return; }
    echo $(( ($3 * (40 * 1024 + $1 * 64 + ($2 - $1) * 10) + 1023) / 1024 ))
}
SIZED_HEAP_MB=$(heap_rule_mb "$SUBSCRIBER_CONNECTIONS" "$SUBSCRIBERS" 3)
IDLE_HEAP_MB=$(heap_rule_mb "$IDLE_CONNECTIONS" "$IDLE_SUBSCRIPTIONS" 2)
[ "$IDLE_HEAP_MB" -le "$SIZED_HEAP_MB" ] || SIZED_HEAP_MB=$IDLE_HEAP_MB
if [ "$JAVA_OPTS" = "$RECOMMENDED_JAVA_OPTS" ] && [ "$SIZED_HEAP_MB" -gt 96 ]; then
    JAVA_OPTS=${JAVA_OPTS/-Xms96m -Xmx96m/-Xms${SIZED_HEAP_MB}m -Xmx${SIZED_HEAP_MB}m}
    log "issuegraph: a ${SIZED_HEAP_MB} MB heap for $MOST_CONNECTIONS connections and $MOST_SUBSCRIPTIONS subscriptions (docs/live-updates.md#limits)"
else
    SIZED_HEAP_MB=
fi
# A copy of target/issuegraph.jar, so that a build during the run does not change what is measured.
APP_DIR=$WORK/app
APP_JAVA_OPTS=$JAVA_OPTS
# JFR keeps 64 frames of a stack by default: too few for a request under the filter chain.
# Native memory tracking (a summary after the list workload says what heap, metaspace, code cache and
# threads each take) costs a little speed: only when profiling.
! $PROFILE || APP_JAVA_OPTS="$APP_JAVA_OPTS -XX:FlightRecorderOptions:stackdepth=512 -XX:NativeMemoryTracking=summary"
if $AOT; then
    # JDK 25's AOT cache needs Boot's extracted layout (jar and lib/ side by side).
    "$JAVA" -Djarmode=tools -jar target/issuegraph.jar extract --destination "$APP_DIR" >/dev/null
else
    mkdir -p "$APP_DIR"
    cp target/issuegraph.jar "$APP_DIR/"
fi
LIST_QUERY='{"query":"{ issues(first: 20) { edges { node { id } } } }"}'

# The rate limiter runs (its cost is part of every request) but with buckets too large to refuse the
# bench's 100 users.
# One address stands for every client here: the per-address cap on sockets not yet authenticated is
# raised to the number of connections that open at once, and the caps per user and per instance to what
# the subscriber cases open (a measurement, not a recommendation: docs/live-updates.md#limits).
start_issuegraph() {
    (cd "$APP_DIR" && ISSUEGRAPH_RATE_LIMIT_USER_BURST=1000000 ISSUEGRAPH_RATE_LIMIT_USER_PER_SECOND=1000000 \
        ISSUEGRAPH_LIVE_MAX_SUBSCRIPTIONS_PER_USER=$(( MOST_SUBSCRIPTIONS > USERS * 10 ? (MOST_SUBSCRIPTIONS + USERS - 1) / USERS : 10 )) \
        ISSUEGRAPH_WEBSOCKET_MAX_UNAUTHENTICATED_PER_ADDRESS=$(( MOST_CONNECTIONS > 20 ? MOST_CONNECTIONS : 20 )) \
        ISSUEGRAPH_WEBSOCKET_MAX_PER_USER=$(( MOST_CONNECTIONS > USERS * 20 ? (MOST_CONNECTIONS + USERS - 1) / USERS : 20 )) \
        ISSUEGRAPH_WEBSOCKET_MAX_CONNECTIONS=${ISSUEGRAPH_WEBSOCKET_MAX_CONNECTIONS:-$((MOST_CONNECTIONS + 10))} \
        SPRING_DATASOURCE_URL=$JDBC_URL SPRING_DATASOURCE_USERNAME=bench SPRING_DATASOURCE_PASSWORD=bench \
        ISSUEGRAPH_IDENTITY_JWT_SECRET=$SECRET SERVER_PORT=$APP_PORT ISSUEGRAPH_SCHEDULING_POLICY=$SCHEDULING_POLICY \
        exec taskset -c $SERVER_CPU "$JAVA" $APP_JAVA_OPTS "$@" -jar issuegraph.jar) >>"$WORK/issuegraph.log" 2>&1 &
    APP_PID=$!
    SERVER_PID=$APP_PID
    STARTED+=("$APP_PID")
}

# Polls until a GraphQL list is answered; prints the milliseconds since $1.
first_served() {
    local since=$1 pid=$2
    until [ "$(taskset -c $CLIENT_CPU curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $FIRST_TOKEN" \
            -H 'Content-Type: application/json' -d "$LIST_QUERY" "http://127.0.0.1:$APP_PORT/graphql")" = 200 ]; do
        kill -0 "$pid" 2>/dev/null || { echo "issuegraph exited; see $WORK/issuegraph.log" >&2; tail -30 "$WORK/issuegraph.log" >&2; exit 1; }
        sleep 0.01
    done
    echo "$(($(now_ms) - since)) $(awk -v t="$(cpu_ticks "$pid")" -v hz="$CLK_TCK" 'BEGIN { printf "%.0f", t * 1000 / hz }')"
}

declare -A RESULT
# What the database is asked, all clients together: statements (MariaDB's Questions: queries, prepared
# statements executed, COMMITs, SETs) and its CPU.
statements() { sql -e "SHOW GLOBAL STATUS LIKE 'Questions'" | cut -f2; }
# Each thread's CPU ticks so far, a line each: its name without a trailing number ("http-nio-28080-exec",
# "C2_CompilerThread"), then its ticks.
thread_ticks() {
    local task name
    for task in /proc/"$1"/task/*; do
        name=$(tr ' ' _ <"$task/comm" 2>/dev/null | sed -E 's/[-_#]?[0-9]+$//') || continue
        awk -v n="$name" '{ print n, $14 + $15 }' "$task/stat" 2>/dev/null || true
    done
}
# <ticks before> <ticks after>: the busiest threads in between, by name, in % of all the process's ticks then
thread_split() {
    awk 'NR == FNR { before[$1] += $2; next } { after[$1] += $2 }
        END { for (n in after) { d = after[n] - before[n]; if (d > 0) { busy[n] = d; all += d } }
              for (n in busy) printf "%d %s %.1f%%\n", busy[n], n, busy[n] * 100 / all }' <(echo "$1") <(echo "$2") |
        sort -rn | head -6 | cut -d' ' -f2- | paste -sd, | sed 's/,/, /g'
}
declare -A THREADS
# run_wrk <target> <workload> <port> <seconds> [key]: records the RESULT line as RESULT[key] (default
# <target>.<workload>; "-" records nothing) and keeps the TIMELINE line in TIMELINE.
# SERVER_PID is the process whose CPU time is counted, in all and by thread (THREADS[key]); the database's
# statements and CPU are counted too.
run_wrk() {
    local output key=${5:-$1.$2} ticks kernel requests cpu db_ticks questions threads
    [ "$key" = - ] || threads=$(thread_ticks "$SERVER_PID")
    ticks=$(cpu_ticks "$SERVER_PID")
    kernel=$(kernel_ticks "$SERVER_PID")
    db_ticks=$(cpu_ticks "$DB_PID")
    questions=$(statements)
    output=$(BENCH_TARGET=$1 BENCH_WORKLOAD=$2 taskset -c $CLIENT_CPU wrk -t2 -c"$CONNECTIONS" -d"$4"s --timeout 10s \
        -s bench/lua/workload.lua "http://127.0.0.1:$3")
    ticks=$(($(cpu_ticks "$SERVER_PID") - ticks))
    kernel=$(($(kernel_ticks "$SERVER_PID") - kernel))
    db_ticks=$(($(cpu_ticks "$DB_PID") - db_ticks))
    questions=$(($(statements) - questions - 1)) # less the SHOW of the first count
    [ "$key" = - ] || THREADS[$key]=$(thread_split "$threads" "$(thread_ticks "$SERVER_PID")")
    echo "$key: $output" >>"$WORK/wrk.log"
    if [ "$key" != - ]; then
        requests=$(grep -o '^RESULT requests=[0-9]*' <<<"$output" | cut -d= -f2)
        cpu=$(awk -v t="$ticks" -v hz="$CLK_TCK" 'BEGIN { printf "%.1f", t / hz }')
        RESULT[$key]="$(grep '^RESULT' <<<"$output" | cut -d' ' -f2-) cpu_s=$cpu per_cpu_s=$(awk -v r="$requests" -v c="$cpu" \
            'BEGIN { printf "%.0f", (c > 0 ? r / c : 0) }') kernel_s=$(awk -v t="$kernel" -v hz="$CLK_TCK" 'BEGIN { printf "%.1f", t / hz }')"
        RESULT[$key]+=" db_statements=$(awk -v q="$questions" -v r="$requests" 'BEGIN { printf "%.2f", (r > 0 ? q / r : 0) }')"
        RESULT[$key]+=" db_cpu_ms=$(awk -v t="$db_ticks" -v hz="$CLK_TCK" -v r="$requests" 'BEGIN { printf "%.3f", (r > 0 ? t * 1000 / hz / r : 0) }')"
        echo "$key: ${RESULT[$key]}" >&2
    fi
    TIMELINE=$(grep '^TIMELINE' <<<"$output" | cut -d' ' -f2- || true)
}
field() { grep -oE "(^| )$2=[0-9.]*" <<<"${RESULT[$1]:-}" | cut -d= -f2 || true; } # empty when the workload did not run

# The first start applies the migrations (Flyway) to the empty database.
log "issuegraph: migrating the database"
start_issuegraph
first_served "$(now_ms)" "$APP_PID" >/dev/null
stop "$APP_PID"

log "seeding $ROWS issues"
# Titles like "Fix login crash on Safari #42": an action, a component, a problem and a context of
# bench/vocabulary.txt, each picked by a hash of the row number.
mapfile -t VOCABULARY <bench/vocabulary.txt
pick() { # <line of the vocabulary> <salt>: an SQL expression for one of its words
    local words
    read -r -a words <<<"${VOCABULARY[$1]}"
    printf "ELT(1 + CRC32(CONCAT('%s', seq)) %% %d, %s)" "$2" "${#words[@]}" "$(printf "'%s'," "${words[@]}" | sed 's/,$//')"
}
TITLE="CONCAT_WS(' ', $(pick 0 a), $(pick 1 c), $(pick 2 p), 'on', $(pick 3 x), CONCAT('#', seq))"
# The FULLTEXT index is built once after the rows are in: far quicker than indexing a million rows one by one.
sql issuegraph <<SQL
ALTER TABLE issues DROP INDEX issues_title_search;
INSERT INTO issues (title, status, assignee_id, assignee_name, assignee_email, created_at, updated_at)
SELECT $TITLE, ELT(1 + seq % 3, 'to-do', 'in progress', 'done'),
       CONCAT('00000000-0000-4000-8000-', LPAD(1 + seq % $USERS, 12, '0')),
       CONCAT('Bench User ', LPAD(1 + seq % $USERS, 3, '0')),
       CONCAT('user', LPAD(1 + seq % $USERS, 3, '0'), '@bench.example'),
       TIMESTAMP'2026-01-01 00:00:00' + INTERVAL seq SECOND, TIMESTAMP'2026-01-01 00:00:00' + INTERVAL seq SECOND
FROM seq_1_to_$ROWS;
ALTER TABLE issues ADD FULLTEXT INDEX issues_title_search (title);
ANALYZE TABLE issues;
SQL
# ~500 pages of 20 in (half the table when it is smaller than that).
MAX_ID=$(sql issuegraph -e 'SELECT MAX(id) FROM issues')
DEEP_OFFSET=$((ROWS / 2 < 10000 ? ROWS / 2 : 10000))
export BENCH_AFTER
BENCH_AFTER=$(printf 'issue:CREATED_AT:DESC:%d' $((MAX_ID - DEEP_OFFSET)) | base64 | tr '+/' '-_' | tr -d '=\n')
rows() { sql issuegraph -e 'SELECT COUNT(*) FROM issues'; }

if $AOT; then
    # The training run serves each kind of request for a while; the JDK writes the cache as it exits.
    log "issuegraph: AOT training run"
    start_issuegraph -XX:AOTCacheOutput=issuegraph.aot
    first_served "$(now_ms)" "$APP_PID" >/dev/null
    for workload in list deep filtered count create mixed search changed; do
        run_wrk issuegraph "$workload" "$APP_PORT" 5 -
    done
    stop "$APP_PID"
    [ -s "$APP_DIR/issuegraph.aot" ] || { echo "no AOT cache was written; see $WORK/issuegraph.log" >&2; exit 1; }
    APP_JAVA_OPTS="$JAVA_OPTS -XX:AOTCache=issuegraph.aot"
fi

# With --profile, records issuegraph for the next workload as bench/target/<name>.jfr (bench/hot.py reads it).
profile() {
    ! $PROFILE || "${JAVA%/java}/jcmd" "$APP_PID" JFR.start name="$1" settings=profile ${BENCH_JFR:-} duration="${DURATION}s" \
        filename="$WORK/$1.jfr" >/dev/null
}
run_workloads() { # <target> <port>
    local before after workload warmup
    run_wrk "$1" list "$2" "$WARMUP" -
    for workload in $WORKLOADS; do
        # Every workload but the list is warmed up by itself first: the list's warm-up leaves what only it runs
        # to be compiled while it is measured (bench/RESULTS.md, run of 2026-12-07 (morning)).
        warmup=0
        [ "$workload" = list ] || warmup=$WORKLOAD_WARMUP
        # the mixed load with subscribers is measured after the subscribed warm-up: the one without them is
        # warmed up as long, or the comparison favours the later one
        if [ "$1" = issuegraph ] && [ "$workload" = mixed ] && [ "$SUBSCRIBERS" -gt 0 ] && [ "$SUBSCRIBED_WARMUP" -gt "$warmup" ]; then
            warmup=$SUBSCRIBED_WARMUP
        fi
        [ "$warmup" -eq 0 ] || run_wrk "$1" "$workload" "$2" "$warmup" -
        before=$(rows)
        [ "$1" != issuegraph ] || profile "$workload"
        run_wrk "$1" "$workload" "$2" "$DURATION"
        after=$(rows)
        CREATED[$1.$workload]="$(field "$1.$workload" acked_creates) $((after - before))"
        if [ "$workload" = list ] && [ "$1" = issuegraph ]; then
            RSS_KB=$(rss_kb "$APP_PID")
            # what it is made of: anonymous (heap, metaspace, code, malloc, the AOT cache's written pages) and
            # file-backed (libjvm.so, the cache's other pages), and mapping by mapping
            RSS_PARTS=$(awk '/^Rss(Anon|File|Shmem):/ { printf "%s%s %d MB", (n++ ? ", " : ""), substr($1, 4, length($1) - 4), $2 / 1024 }' \
                "/proc/$APP_PID/status")
            memory_snapshot list
        fi
    done
}
declare -A CREATED

# The server's memory as it is now, mapping by mapping (bench/target/smaps-NAME.txt), the heap's
# generations as the collector sees them (heap-NAME.txt, no collection forced) and, with native memory
# tracking on, its summary (nmt-NAME.txt).
memory_snapshot() {
    cat "/proc/$APP_PID/smaps" >"$WORK/smaps-$1.txt" 2>/dev/null || true
    "${JAVA%/java}/jcmd" "$APP_PID" GC.heap_info >"$WORK/heap-$1.txt" 2>&1 || true
    if $PROFILE || [[ "$APP_JAVA_OPTS" == *NativeMemoryTracking=* ]]; then
        "${JAVA%/java}/jcmd" "$APP_PID" VM.native_memory summary scale=MB >"$WORK/nmt-$1.txt" 2>&1 || true
    fi
}

log "issuegraph: cold start ($JAVA, $JAVA_OPTS$($AOT && echo ' + AOT cache'))"
LAUNCH=$(now_ms)
start_issuegraph
read -r STARTUP_MS STARTUP_CPU_MS <<<"$(first_served "$LAUNCH" "$APP_PID")"
echo "first served request after $STARTUP_MS ms ($STARTUP_CPU_MS ms of CPU)" >&2
export BENCH_T0=$LAUNCH
run_wrk issuegraph list "$APP_PORT" "$COLD" issuegraph.cold
unset BENCH_T0
COLD_TIMELINE=$TIMELINE
log "issuegraph: warm workloads"
run_workloads issuegraph "$APP_PORT"
if [ "$SUBSCRIBERS" -gt 0 ]; then
    log "issuegraph: $SUBSCRIBERS subscribers (graphql-ws, $SUBSCRIBERS_PER_CONNECTION on each of $SUBSCRIBER_CONNECTIONS connections), idle for 10 s, warmed up for ${SUBSCRIBED_WARMUP} s, then under the mixed load"
    # the client records the delays of the measured load only: from the idle 10 s and the warm-up on
    taskset -c $CLIENT_CPU "$JAVA" -jar "$FLOORS_JAR" subscribers "$APP_PORT" "$WORK/tokens.txt" "$SUBSCRIBER_CONNECTIONS" \
        $((10 + SUBSCRIBED_WARMUP + DURATION + 5)) "$SUBSCRIBERS_PER_CONNECTION" $((10 + SUBSCRIBED_WARMUP)) >"$WORK/subscribers.log" 2>&1 &
    SUBSCRIBERS_PID=$!
    STARTED+=("$SUBSCRIBERS_PID")
    until grep -qs '^READY' "$WORK/subscribers.log"; do
        kill -0 "$SUBSCRIBERS_PID" 2>/dev/null || { tail -20 "$WORK/subscribers.log" >&2; exit 1; }
        sleep 0.5
    done
    idle_from=$(cpu_ticks "$APP_PID")
    sleep 10
    SUBSCRIBED_IDLE_CPU=$(cpu_share "$APP_PID" "$idle_from" 10)
    SUBSCRIBED_RSS_KB=$(rss_kb "$APP_PID")
    [ "$SUBSCRIBED_WARMUP" -eq 0 ] || run_wrk issuegraph mixed "$APP_PORT" "$SUBSCRIBED_WARMUP" -
    profile subscribed
    run_wrk issuegraph mixed "$APP_PORT" "$DURATION" issuegraph.subscribed
    wait "$SUBSCRIBERS_PID"
    SUBSCRIBED=$(grep '^RESULT' "$WORK/subscribers.log" | cut -d' ' -f2-)
fi
if [ "$IDLE_SUBSCRIPTIONS" -gt 0 ]; then
    log "issuegraph: $IDLE_SUBSCRIPTIONS idle subscriptions, $IDLE_PER_CONNECTION on each of $IDLE_CONNECTIONS graphql-ws connections"
    sleep 10 # what the cases before left behind settles (the delivery buffers, the connections just closed)
    IDLE_BEFORE_KB=$(rss_kb "$APP_PID")
    memory_snapshot idle-before
    taskset -c $CLIENT_CPU "$JAVA" -jar "$FLOORS_JAR" subscribers "$APP_PORT" "$WORK/tokens.txt" "$IDLE_CONNECTIONS" 3600 \
        "$IDLE_PER_CONNECTION" >"$WORK/idle.log" 2>&1 &
    IDLE_PID=$!
    STARTED+=("$IDLE_PID")
    # a server that cannot hold them all is a result, not a failure of the bench: the client then gives up
    until grep -qs '^READY' "$WORK/idle.log" || ! kill -0 "$IDLE_PID" 2>/dev/null; do
        sleep 0.5
    done
    # graphql-ws does not acknowledge a subscribe: one event, heard on every subscription, shows that the
    # server holds them all
    for _ in $(seq 1 240); do
        kill -0 "$IDLE_PID" 2>/dev/null || break
        curl -s -o /dev/null -H "Authorization: Bearer $FIRST_TOKEN" -H 'Content-Type: application/json' \
            -d '{"query":"mutation { createIssue(input: {title: \"idle subscriptions\"}) { id } }"}' "http://127.0.0.1:$APP_PORT/graphql"
        sleep 0.5
        ! grep -qs '^LIVE' "$WORK/idle.log" || break
    done
    if grep -qs '^LIVE' "$WORK/idle.log"; then
        # the first 10 s still deliver the events that showed them live and compile what only they run;
        # 20 s later the subscriptions are only held
        idle_from=$(cpu_ticks "$APP_PID")
        sleep 10
        IDLE_CPU=$(cpu_share "$APP_PID" "$idle_from" 10)
        IDLE_RSS_KB=$(rss_kb "$APP_PID")
        memory_snapshot idle-after
        sleep 10
        idle_from=$(cpu_ticks "$APP_PID")
        sleep 10
        IDLE_SETTLED_CPU=$(cpu_share "$APP_PID" "$idle_from" 10)
        # and measured again once settled: at 10 s the JIT is still compiling their path (its arenas
        # take about 10 MB until then: nmt-idle-*.txt with native memory tracking on)
        IDLE_SETTLED_RSS_KB=$(rss_kb "$APP_PID")
        memory_snapshot idle-settled
        IDLE_ADDED_MB=$(( (IDLE_RSS_KB - IDLE_BEFORE_KB) / 1024 ))
        IDLE_SETTLED_ADDED_MB=$(( (IDLE_SETTLED_RSS_KB - IDLE_BEFORE_KB) / 1024 ))
    else
        echo "not every idle subscription was held (see $WORK/idle.log)" >&2
        tail -3 "$WORK/idle.log" >&2
        IDLE_ADDED_MB=-
        IDLE_SETTLED_ADDED_MB=-
    fi
    stop "$IDLE_PID"
fi
stop "$APP_PID"

if $FLOORS; then
    log "HTTP floor (Spring MVC + JDBC, no GraphQL)"
    (exec taskset -c $SERVER_CPU "${SCHEDULING[@]}" "$JAVA" $JAVA_OPTS -jar "$FLOORS_JAR" http --server.port="$FLOOR_PORT" \
        --spring.datasource.url="$JDBC_URL?$JDBC_PROPERTIES" --spring.datasource.username=bench \
        --spring.datasource.password=bench --spring.threads.virtual.enabled=true) >"$WORK/http-floor.log" 2>&1 &
    FLOOR_PID=$!
    SERVER_PID=$FLOOR_PID
    STARTED+=("$FLOOR_PID")
    until curl -sf -o /dev/null "http://127.0.0.1:$FLOOR_PORT/count"; do
        kill -0 "$FLOOR_PID" 2>/dev/null || { tail -30 "$WORK/http-floor.log" >&2; exit 1; }
        sleep 0.1
    done
    run_workloads floor "$FLOOR_PORT"
    stop "$FLOOR_PID"

    log "database floor (JDBC load client, no HTTP)"
    for workload in $WORKLOADS; do
        RESULT[db.$workload]=$(taskset -c $SERVER_CPU "${SCHEDULING[@]}" "$JAVA" $JAVA_OPTS -jar "$FLOORS_JAR" db url="$JDBC_URL?$JDBC_PROPERTIES" \
            username=bench password=bench pool=$POOL workload=$workload connections="$CONNECTIONS" warmup=5 \
            duration="$DURATION" after="$BENCH_AFTER" users=$USERS vocabulary="$BENCH_VOCABULARY" | grep '^RESULT' | cut -d' ' -f2-)
        echo "db $workload: ${RESULT[db.$workload]}" >&2
    done
fi

# --- report ---------------------------------------------------------------------------------------------
ratio() { # <a> <b>
    if [ -n "$1" ] && [ -n "$2" ] && [ "${2%.*}" != 0 ]; then awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; else echo -; fi
}
cell() { # <key>: req/s, p50, p99, errors, requests per CPU-second
    if [ -n "${RESULT[$1]:-}" ]; then
        printf '%s | %s | %s | %s | %s' "$(field "$1" rps)" "$(field "$1" p50_ms)" "$(field "$1" p99_ms)" \
            "$(field "$1" errors)" "$(field "$1" per_cpu_s)"
    else
        printf '– | – | – | – | –'
    fi
}
WARM_RPS=$(field issuegraph.list rps)
AT_5S=$(tr ' ' '\n' <<<"$COLD_TIMELINE" | awk -F: '$1 == 4 { print $2 }')
# The first 25 seconds since launch (issue 24): what a platform's first requests meet, start-up included.
FIRST_25S=$(tr ' ' '\n' <<<"$COLD_TIMELINE" | awk -F: '$1 < 25 { sum += $2 } END { printf "%.0f", sum / 25 }')
FIRST_25S_TO_WARM=$(ratio "$FIRST_25S" "$WARM_RPS")
LIST_TO_FLOOR=$(ratio "$WARM_RPS" "$(field floor.list rps)")
CREATE_TO_FLOOR=$(ratio "$(field issuegraph.create rps)" "$(field floor.create rps)")
cpu_ms() { # <key>: milliseconds of CPU per request, 1000 / requests per CPU-second
    local per_cpu_s
    per_cpu_s=$(field "$1" per_cpu_s)
    if [ -n "$per_cpu_s" ] && [ "${per_cpu_s%.*}" != 0 ]; then awk -v r="$per_cpu_s" 'BEGIN { printf "%.3f", 1000 / r }'; else echo -; fi
}
met() { # <value> <op> <target>: met, not met, or – without a figure
    if [ -z "$1" ] || [ "$1" = - ]; then echo "–"; elif awk -v v="$1" -v t="$3" "BEGIN { exit !(v $2 t) }"; then echo met; else echo "not met"; fi
}
{
    echo
    echo "issuegraph bench: $(date -u '+%Y-%m-%d %H:%M UTC'), $("$JAVA" -version 2>&1 | head -1), $(nproc) CPUs (server on CPU $SERVER_CPU, wrk on CPU $CLIENT_CPU), $ROWS rows, $CONNECTIONS connections, ${DURATION}s per workload"
    echo "JVM options: $JAVA_OPTS$($AOT && echo ' -XX:AOTCache=issuegraph.aot'); scheduling policy: $SCHEDULING_POLICY"
    echo "Warm-up before the measured workloads: ${WARMUP}s of the list, then ${WORKLOAD_WARMUP}s of each other workload before it"
    echo
    echo "Per target: req/s, p50 ms, p99 ms, errors, and requests per CPU-second of the server process (what it would"
    echo "serve with its core to itself); the ratios compare req/s as measured and, in brackets, per CPU-second."
    echo
    echo "| workload | issuegraph | | | | | HTTP floor | | | | | DB floor | | | | | issuegraph / HTTP floor | issuegraph / DB floor |"
    echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
    for workload in $WORKLOADS; do
        echo "| $workload | $(cell "issuegraph.$workload") | $(cell "floor.$workload") | $(cell "db.$workload") |" \
            "$(ratio "$(field "issuegraph.$workload" rps)" "$(field "floor.$workload" rps)")" \
            "($(ratio "$(field "issuegraph.$workload" per_cpu_s)" "$(field "floor.$workload" per_cpu_s)")) |" \
            "$(ratio "$(field "issuegraph.$workload" rps)" "$(field "db.$workload" rps)")" \
            "($(ratio "$(field "issuegraph.$workload" per_cpu_s)" "$(field "db.$workload" per_cpu_s)")) |"
    done
    echo "| cold list (first ${COLD}s after the first answer) | $(cell issuegraph.cold) | | | | | | | | | | | | |"
    echo
    echo "Targets (issue 24; CPU per request is 1 / requests per CPU-second):"
    echo
    echo "| target | figure | |"
    echo "|---|---|---|"
    echo "| list ≤ 0.23 ms of CPU per request | $(cpu_ms issuegraph.list) ms | $(met "$(cpu_ms issuegraph.list)" '<=' 0.23) |"
    echo "| list p99 ≤ 50 ms | $(field issuegraph.list p99_ms) ms | $(met "$(field issuegraph.list p99_ms)" '<=' 50) |"
    echo "| create ≤ 0.20 ms of CPU per request | $(cpu_ms issuegraph.create) ms | $(met "$(cpu_ms issuegraph.create)" '<=' 0.20) |"
    echo "| mixed ≤ 0.25 ms of CPU per request | $(cpu_ms issuegraph.mixed) ms | $(met "$(cpu_ms issuegraph.mixed)" '<=' 0.25) |"
    echo "| first 25 s after launch ≥ 0.5× the warm list | $FIRST_25S req/s = $FIRST_25S_TO_WARM× | $(met "$FIRST_25S_TO_WARM" '>=' 0.5) |"
    RSS_MB=${RSS_KB:+$((RSS_KB / 1024))} # empty when the list workload did not run
    if [ -n "$SIZED_HEAP_MB" ]; then
        echo "| resident memory under the list load ≤ 256 MB | ${RSS_MB:-–} MB on a ${SIZED_HEAP_MB} MB heap sized for the subscribers | not measured (run with --subscribers 0 --idle-subscriptions 0) |"
    else
        echo "| resident memory under the list load ≤ 256 MB | ${RSS_MB:-–} MB | $(met "$RSS_MB" '<=' 256) |"
    fi
    echo "| (issue 18) list ≥ 0.5× the HTTP floor | $LIST_TO_FLOOR× | $(met "$LIST_TO_FLOOR" '>=' 0.5) |"
    echo "| (issue 18) create ≥ 0.8× the HTTP floor | $CREATE_TO_FLOOR× | $(met "$CREATE_TO_FLOOR" '>=' 0.8) |"
    echo "| (issue 18) launch to first answer ≤ 3 s | $STARTUP_MS ms | $(met "$STARTUP_MS" '<=' 3000) |"
    echo
    echo "- start-up: first served request $STARTUP_MS ms after launch, having used $STARTUP_CPU_MS ms of CPU"
    echo "- warm-up: requests completed in second 5 after launch (4–5 s): ${AT_5S:-0}/s = $(ratio "${AT_5S:-0}" "$WARM_RPS") × warm list"
    echo "- cold timeline (second since launch:requests): $COLD_TIMELINE"
    for workload in $WORKLOADS; do
        [ -z "${THREADS[issuegraph.$workload]:-}" ] || echo "- issuegraph's CPU by thread, $workload: ${THREADS[issuegraph.$workload]}"
    done
    echo "- the database per request of issuegraph (statements, all clients; its CPU in ms):$(for workload in $WORKLOADS; do
        printf ' %s %s, %s;' "$workload" "$(field "issuegraph.$workload" db_statements)" "$(field "issuegraph.$workload" db_cpu_ms)"; done | sed 's/;$//')"
    echo "- resident memory after the list workload: ${RSS_MB:-–} MB${RSS_PARTS:+ ($RSS_PARTS)}"
    if [ -s "$WORK/nmt-list.txt" ]; then
        echo "- native memory tracking then (committed MB): $(grep -E '^-? *(Java Heap|Class|Thread|Code|GC|Compiler|Internal|Other|Symbol|Native Memory Tracking|Shared class space|Arena Chunk|Metaspace) *\(' "$WORK/nmt-list.txt" \
            | sed -E 's/^-? *([A-Za-z ]+[a-z]) *\(reserved=[0-9]+MB, committed=([0-9]+)MB.*/\1 \2/' | paste -sd, | sed 's/,/, /g')"
    fi
    if [ -n "${SUBSCRIBED:-}" ]; then
        echo "- subscribers: $SUBSCRIBERS open over graphql-ws ($SUBSCRIBERS_PER_CONNECTION per connection): resident memory $((${SUBSCRIBED_RSS_KB:-0} / 1024)) MB, CPU while idle ${SUBSCRIBED_IDLE_CPU}% of a core; then ${SUBSCRIBED_WARMUP} s of the mixed load with them, not measured (warm-up)"
        echo "- mixed with them subscribed: $(cell issuegraph.subscribed) (req/s, p50, p99, errors, per CPU-s)"
        echo "- delivery from commit to subscriber under the mixed load: $SUBSCRIBED"
        # the server's CPU beyond its requests (at the CPU per request of the mixed load without subscribers), per event delivered
        echo "- CPU per delivery: $(awk -v c="$(field issuegraph.subscribed cpu_s)" -v r="$(field issuegraph.subscribed requests)" \
            -v p="$(field issuegraph.mixed per_cpu_s)" -v e="$(grep -o 'events=[0-9]*' <<<"$SUBSCRIBED" | cut -d= -f2)" \
            'BEGIN { printf "%.1f", (e > 0 && p > 0 ? (c - r / p) * 1e6 / e : 0) }') µs"
        [ -z "${THREADS[issuegraph.subscribed]:-}" ] || echo "- issuegraph's CPU by thread, mixed with them: ${THREADS[issuegraph.subscribed]}"
    fi
    if [ -n "${SUBSCRIBED:-}" ] || [ "$IDLE_SUBSCRIPTIONS" -gt 0 ]; then
        echo
        echo "Targets (issue 25, live updates):"
        echo
        echo "| target | figure | |"
        echo "|---|---|---|"
        if [ -n "${SUBSCRIBED:-}" ]; then
            SUBSCRIBED_TO_MIXED=$(ratio "$(field issuegraph.subscribed rps)" "$(field issuegraph.mixed rps)")
            DELIVERY_P99=$(grep -o 'p99_ms=[0-9]*' <<<"$SUBSCRIBED" | cut -d= -f2)
            echo "| $SUBSCRIBERS subscriptions under the mixed load ≥ 0.8× the mixed req/s without them | $SUBSCRIBED_TO_MIXED× | $(met "$SUBSCRIBED_TO_MIXED" '>=' 0.8) |"
            echo "| delivery p99 ≤ 250 ms | ${DELIVERY_P99:-–} ms | $(met "${DELIVERY_P99:-}" '<=' 250) |"
        fi
        if [ "$IDLE_SUBSCRIPTIONS" -gt 0 ]; then
            echo "| $IDLE_SUBSCRIPTIONS idle subscriptions on $IDLE_CONNECTIONS connections ≤ 150 MB above none | ${IDLE_SETTLED_ADDED_MB:-–} MB 30 s after they are live, ${IDLE_ADDED_MB:-–} MB at 10 s ($((${IDLE_BEFORE_KB:-0} / 1024)) → $((${IDLE_SETTLED_RSS_KB:-0} / 1024)) and $((${IDLE_RSS_KB:-0} / 1024)) MB resident; CPU ${IDLE_CPU:-–}% of a core in their first 10 s, ${IDLE_SETTLED_CPU:-–}% from 20 to 30 s) | $(met "${IDLE_SETTLED_ADDED_MB:-}" '<=' 150) |"
        fi
        echo
    fi
    for key in issuegraph.create issuegraph.mixed floor.create floor.mixed; do
        [ -n "${CREATED[$key]:-}" ] || continue
        read -r acked added <<<"${CREATED[$key]}"
        echo "- $key: $acked creates acknowledged, $added rows added ($([ "$added" -ge "$acked" ] && echo durable || echo LOST))"
    done
} | tee "$WORK/report.md"
