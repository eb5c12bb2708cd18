#!/usr/bin/env bash
# The image's start command (its ENTRYPOINT), and the one the AOT training run and CI start the server
# with, so that all three run the same JVM with the same flags on the same files.
#
#   deploy/container/start.sh [application arguments]
#
# It runs in the folder it lives in, which must hold Boot's extracted layout: issuegraph.jar with lib/
# beside it (deploy/container/extract.sh makes it; the image has it in /app).
#
# Environment:
#   ISSUEGRAPH_AOT      use (default): start with issuegraph.aot when it is there (JDK 25's AOT cache);
#                       train: record one, written as issuegraph.aot when the JVM exits (train-aot.sh);
#                       check: start no server, only a JVM that must accept the cache for these files
#                       and flags (exit 1 if not: a jar whose size or time differs from the training's);
#                       off: neither
#   JAVA_OPTS           more JVM options, after the defaults below (a later -XX wins)
#   JAVA_HOME           the JDK or JRE to run (default: java on the PATH)
#
# Memory follows the container's limit: heap 40% of it, fixed (initial = maximum, as with the -Xms96m
# -Xmx96m of docs/operations.md#memory-and-start-up), the rest for class metadata, code, threads and
# buffers; see docs/operations.md#container-memory for the figures behind 40%.
set -euo pipefail
cd "$(dirname "$0")"

java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
defaults=(
    -XX:InitialRAMPercentage=40 -XX:MaxRAMPercentage=40
    # one core or two: the serial collector has the smallest footprint and no background threads;
    # half the heap young, since requests leave only garbage (bench/RESULTS.md: 10 % more lists)
    -XX:+UseSerialGC -XX:NewRatio=1
    # a JVM that ran out of memory is restarted by the platform rather than limping on
    -XX:+ExitOnOutOfMemoryError
    # native memory the JIT compilers freed goes back to the system instead of staying resident
    # (bench/RESULTS.md: 30 MB less under load, with the two malloc arenas below)
    -XX:TrimNativeHeapInterval=5000
)
# JDK 25's compact object headers (8 bytes, not 12): less heap per live-update subscription, no CPU lost
# (docs/operations.md#memory-and-start-up). A product flag from JDK 25 on; JDK 17 does not start with it,
# so only on a JDK whose release file says 25 or later (read, rather than a JVM started to ask).
java_home="$(dirname "$(dirname "$(readlink -f "$(command -v "$java")")")")"
java_major="$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$java_home/release" 2>/dev/null || true)"
[ "${java_major:-0}" -lt 25 ] || defaults+=(-XX:+UseCompactObjectHeaders)
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
case "${ISSUEGRAPH_AOT:-use}" in
train) aot=(-XX:AOTCacheOutput=issuegraph.aot) ;;
use) if [ -f issuegraph.aot ]; then aot=(-XX:AOTCache=issuegraph.aot); else aot=(); fi ;;
check)
    # shellcheck disable=SC2086 # JAVA_OPTS is a list of options
    exec "$java" "${defaults[@]}" -XX:AOTCache=issuegraph.aot -XX:AOTMode=on ${JAVA_OPTS:-} -cp issuegraph.jar -version ;;
off) aot=() ;;
*) echo "ISSUEGRAPH_AOT must be use, train, check or off, not '$ISSUEGRAPH_AOT'" >&2; exit 2 ;;
esac

# exec: the JVM is PID 1 in the container and gets SIGTERM itself (graceful shutdown, the AOT dump)
# shellcheck disable=SC2086 # JAVA_OPTS is a list of options
exec "$java" "${defaults[@]}" "${aot[@]}" ${JAVA_OPTS:-} -jar issuegraph.jar "$@"
