# What bench/run.sh and bench/idle-memory.sh share: the JDK and settings they run issuegraph with, the
# bench's users, logging, the processes they start (stopped by PID on the way out), free ports, and a
# MariaDB of their own. Sourced from the repository's root, with WORK set.

JAVA=${BENCH_JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
# The settings docs/operations.md#memory-and-start-up recommends: a fixed heap, half of it young (fewer
# collections: requests leave only garbage), the serial collector, and native memory the JIT freed
# given back to the system (glibc keeps it otherwise, with few arenas).
RECOMMENDED_JAVA_OPTS="-Xms96m -Xmx96m -XX:NewRatio=1 -XX:+UseSerialGC -XX:TrimNativeHeapInterval=5000"
# On JDK 25 or later (its release file says so), compact object headers too, as deploy/container/start.sh
# sets them (docs/operations.md#memory-and-start-up); JDK 17 does not start with them.
JAVA_RELEASE=$(dirname "$(dirname "$(readlink -f "$JAVA")")")/release
if [ "$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$JAVA_RELEASE" 2>/dev/null)" -ge 25 ] 2>/dev/null; then
    RECOMMENDED_JAVA_OPTS="$RECOMMENDED_JAVA_OPTS -XX:+UseCompactObjectHeaders"
fi
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}
# How the server's core is shared (docs/operations.md#scheduling): Linux's SCHED_BATCH policy, which issuegraph
# sets for itself, or its default with BENCH_SCHEDULING=normal. The floors get the same, from this prefix of
# the command that starts them.
SCHEDULING_POLICY=${BENCH_SCHEDULING:-batch}
case $SCHEDULING_POLICY in
batch) SCHEDULING=(chrt --batch 0) ;;
normal) SCHEDULING=() ;;
*) echo "BENCH_SCHEDULING must be batch or normal, not '$SCHEDULING_POLICY'" >&2; exit 2 ;;
esac
# The identity the bench's tokens are signed for, and how many users they stand for.
SECRET=bench-only-hs256-secret-of-at-least-32-bytes
USERS=100
FLOORS_JAR=$ROOT/bench/floors/target/floors.jar

log() { printf '\n== %s\n' "$*" >&2; }
# CPU seconds (user + system, all threads) a process has used: on a shared machine, requests per
# CPU-second of the server estimate what it would do with its core to itself.
CLK_TCK=$(getconf CLK_TCK)
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
kernel_ticks() { awk '{ print $15 }' "/proc/$1/stat"; } # the part of cpu_ticks spent in the kernel (system calls, loopback TCP)
# <pid> <its cpu_ticks then> <seconds since>: its CPU over that time, in % of a core
cpu_share() { awk -v t=$(($(cpu_ticks "$1") - $2)) -v hz="$CLK_TCK" -v s="$3" 'BEGIN { printf "%.1f", t * 100 / hz / s }'; }
rss_kb() { awk '/^VmRSS/ { print $2 }' "/proc/$1/status"; } # resident memory of <pid>, in KB
now_ms() { date +%s%3N; }

# --- everything started here is stopped by PID on the way out ---------------------------------------
STARTED=()
stop() {
    local pid=$1
    if kill -0 "$pid" 2>/dev/null; then
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    fi
}
cleanup() {
    local pid
    for pid in "${STARTED[@]}"; do
        stop "$pid"
    done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
    local port=$1
    while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
        port=$((port + 1))
    done
    echo "$port"
}

# Builds target/issuegraph.jar and the floors, logging to $WORK.build.log (moved into $WORK once it is made).
build_jars() {
    log "building target/issuegraph.jar and bench/floors"
    mkdir -p "$(dirname "$WORK")" # bench/target/, absent in a fresh clone
    ./mvnw -B -DskipTests package >"$WORK.build.log" 2>&1 || { tail -50 "$WORK.build.log"; exit 1; }
    ./mvnw -B -f bench/floors/pom.xml -DskipTests package >>"$WORK.build.log" 2>&1 \
        || { tail -50 "$WORK.build.log"; exit 1; }
}

# A MariaDB of its own on loopback (data in $WORK/mariadb, not the system service), with an empty database
# issuegraph for user bench; sets DB_PORT, DB_PID, JDBC_URL and sql (the root client).
start_mariadb() {
    DB_PORT=$(free_port "${BENCH_DB_PORT:-23306}")
    DB_DIR=$WORK/mariadb
    log "MariaDB on 127.0.0.1:$DB_PORT (data in $DB_DIR)"
    mkdir -p "$DB_DIR/data" "$DB_DIR/tmp"
    mariadb-install-db --no-defaults --datadir="$DB_DIR/data" --user="$(id -un)" --auth-root-authentication-method=socket \
        --skip-test-db >"$DB_DIR/install.log" 2>&1
    mariadbd --no-defaults --datadir="$DB_DIR/data" --tmpdir="$DB_DIR/tmp" --socket="$DB_DIR/mysql.sock" \
        --pid-file="$DB_DIR/mariadb.pid" --log-error="$DB_DIR/error.log" --user="$(id -un)" \
        --bind-address=127.0.0.1 --port="$DB_PORT" --skip-name-resolve --max-connections=300 \
        --innodb-buffer-pool-size=512M --innodb-log-file-size=256M &
    DB_PID=$!
    STARTED+=("$DB_PID")
    sql() { mariadb --no-defaults --socket="$DB_DIR/mysql.sock" -uroot --batch --skip-column-names "$@"; }
    for _ in $(seq 100); do
        sql -e 'SELECT 1' >/dev/null 2>&1 && break
        sleep 0.2
    done
    sql <<'SQL'
CREATE DATABASE issuegraph CHARACTER SET utf8mb4;
CREATE USER 'bench'@'127.0.0.1' IDENTIFIED BY 'bench';
GRANT ALL ON issuegraph.* TO 'bench'@'127.0.0.1';
SQL
    JDBC_URL="jdbc:mysql://127.0.0.1:$DB_PORT/issuegraph"
}
