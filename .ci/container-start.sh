#!/usr/bin/env bash
# CI's stand-in for `docker build` and `docker run` (this machine has no Docker engine): the image's
# steps, from the same scripts the Dockerfile runs, on target/issuegraph.jar:
#   1. extract.sh: Boot's layered extraction; the layers merged into one folder, in the Dockerfile's order
#   2. train-aot.sh --local-mariadb: the training run (Debian's mariadb-server, installed when missing)
#   3. the runtime stage's files copied out of the training folder, as the Dockerfile's COPY does, and
#      its check that the JVM accepts the cache for them (start.sh with ISSUEGRAPH_AOT=check)
#   4. start.sh, the image's ENTRYPOINT, as the image's user (uid 10001), with -XX:AOTMode=on so that a
#      cache the JVM cannot use stops it; then a GraphQL query with a token, the health groups, SIGTERM
#      and a graceful exit, and a log without an ERROR line
# Everything it leaves is in target/container/ (training.log, server.log). Prints each step's time.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
started=$SECONDS
step() { echo "container: $* ($((SECONDS - started)) s)"; }

# JDK 25's AOT cache needs JDK 25 (the image's JRE is Temurin 25)
for candidate in "${ISSUEGRAPH_JDK25_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/java-25-openjdk-amd64; do
    if [ -n "$candidate" ] && [ -x "$candidate/bin/java" ]; then JAVA_HOME="$candidate"; break; fi
done
if [ -z "${JAVA_HOME:-}" ] || ! "$JAVA_HOME/bin/java" -version 2>&1 | grep -q 'version "25'; then
    echo "container: no JDK 25 found (set ISSUEGRAPH_JDK25_HOME)" >&2
    exit 1
fi
export JAVA_HOME
if ! command -v mariadbd >/dev/null 2>&1; then
    apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends mariadb-server
fi
[ -f target/issuegraph.jar ] || ./mvnw -B -Dmaven.test.skip=true package

out="$root/target/container"
rm -rf "$out" && mkdir -p "$out"
deploy/container/extract.sh target/issuegraph.jar "$out/layers" >/dev/null
mkdir "$out/training"
# the Dockerfile's training stage: COPY of each layer into /app, in this order, then the scripts
for layer in dependencies spring-boot-loader snapshot-dependencies application; do
    cp -a "$out/layers/$layer/." "$out/training/"
done
cp -a deploy/container/start.sh deploy/container/probe.sh "$out/training/"
step "extracted ($(find "$out/training/lib" -name '*.jar' | wc -l) libraries)"

deploy/container/train-aot.sh "$out/training" --local-mariadb --seconds "${ISSUEGRAPH_TRAINING_SECONDS:-20}"
mv "$out/training/training.log" "$out/"
step "trained"

# the runtime stage: the files copied out of the training stage (cp -a keeps times, as COPY does)
mkdir "$out/image"
cp -a "$out/training/lib" "$out/training/issuegraph.jar" "$out/training/start.sh" "$out/training/probe.sh" \
    "$out/training/issuegraph.aot" "$out/image/"

# the Dockerfile's check that the JVM accepts the cache for these files; and that the check can fail:
# on a copy with one jar's time changed (what a COPY that did not keep times would do)
ISSUEGRAPH_AOT=check "$out/image/start.sh" >"$out/aot-check.log" 2>&1 || { cat "$out/aot-check.log" >&2; exit 1; }
cp -a "$out/image" "$out/image-touched"
touch "$(find "$out/image-touched/lib" -name '*.jar' | head -1)"
if ISSUEGRAPH_AOT=check "$out/image-touched/start.sh" >"$out/aot-check-touched.log" 2>&1; then
    echo "container: the cache check accepted a jar the training did not use" >&2
    exit 1
fi
rm -rf "$out/image-touched"
step "the JVM accepts the cache for the image's files, and refuses it for a changed jar"

db="$(mktemp -d /tmp/issuegraph-container-db.XXXXXX)"
server_pid=""
finish() {
    [ -z "$server_pid" ] || kill -KILL "$server_pid" 2>/dev/null || true
    deploy/container/local-mariadb.sh stop "$db"
    rm -rf "$db"
}
trap finish EXIT
eval "$(deploy/container/local-mariadb.sh start "$db")"
port="$(deploy/container/free-port.sh)"
secret="ci-container-check-$(od -An -tx1 -N24 /dev/urandom | tr -d ' \n')"
# readable by the image's user, as COPY leaves root's files
chmod -R a+rX "$out/image"
launched=$SECONDS
SERVER_PORT="$port" SPRING_DATASOURCE_URL="$SPRING_DATASOURCE_URL" SPRING_DATASOURCE_USERNAME="$SPRING_DATASOURCE_USERNAME" \
    SPRING_DATASOURCE_PASSWORD="$SPRING_DATASOURCE_PASSWORD" ISSUEGRAPH_IDENTITY_JWT_SECRET="$secret" \
    JAVA_OPTS="-XX:AOTMode=on" HOME=/nonexistent \
    setpriv --reuid=10001 --regid=10001 --clear-groups "$out/image/start.sh" >"$out/server.log" 2>&1 &
server_pid=$!
until deploy/container/probe.sh readiness "$port" 2>/dev/null; do
    kill -0 "$server_pid" 2>/dev/null || { echo "container: the server stopped; $out/server.log:" >&2; tail -40 "$out/server.log" >&2; exit 1; }
    [ $((SECONDS - launched)) -lt 120 ] || { echo "container: not ready within 120 s" >&2; tail -40 "$out/server.log" >&2; exit 1; }
    sleep 0.2
done
step "the image's start command is ready after $((SECONDS - launched)) s, with the AOT cache"
deploy/container/probe.sh liveness "$port"
answers="$("$JAVA_HOME/bin/java" deploy/container/TrainingDriver.java check "http://127.0.0.1:$port/graphql" "$secret")"
echo "$answers" | cut -c1-200
grep -q '"me":{"id":"00000000-0000-4000-a000-000000000001"' <<<"$answers" \
    || { echo "container: me did not answer as expected" >&2; exit 1; }
step "answered me and issues with a token"

kill -TERM "$server_pid"
stopping=$SECONDS
status=0
wait "$server_pid" || status=$?
server_pid=""
# 143: the JVM ended by SIGTERM after its shutdown hooks, i.e. Spring's graceful shutdown, ran
[ "$status" -eq 143 ] || [ "$status" -eq 0 ] || { echo "container: exit status $status after SIGTERM" >&2; tail -40 "$out/server.log" >&2; exit 1; }
grep -q 'Graceful shutdown complete' "$out/server.log" || { echo "container: no graceful shutdown in the log" >&2; exit 1; }
step "stopped gracefully in $((SECONDS - stopping)) s"
if grep -nE '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[^ ]+ +ERROR |\[error\]' "$out/training.log" "$out/server.log"; then
    echo "container: ERROR lines in the training or the server's log (above)" >&2
    exit 1
fi
