#!/usr/bin/env bash
# CI's build and run of the container image (issue 28): the repository's own Dockerfile, built by a real
# Docker engine, and the image started the way deploy/kubernetes runs it.
#   1. Debian's docker.io and debootstrap, installed when missing; a dockerd of our own (no bridge, no
#      iptables, containers on the host's network, its data in a temporary folder), stopped at the end
#   2. the base images, made locally since no registry is reachable: a Debian bookworm root file system
#      (debootstrap) with the machine's Temurin 25 in /opt/java/openjdk, the JDK as is and a JRE made
#      from it with jlink; the file system and the JRE are made once per machine and reused after that
#   3. docker build of the Dockerfile, unchanged: only its build arguments differ from a real build
#   4. docker run as deployment.yaml runs the pod: uid 10001, a read-only root file system, a writable
#      /tmp only, no capabilities, the manifest's memory limit; the host's loopback network and a MariaDB
#      from Debian (deploy/container/local-mariadb.sh) for its database
#   5. readiness and liveness, the JVM's word that it uses the AOT cache, a token-authenticated query and
#      create, the HEALTHCHECK's status, then SIGTERM with a live-update stream in flight: the stream is
#      ended cleanly and the JVM exits after Spring's graceful shutdown
# Prints each step's time; leaves the image's figures and logs in target/image/.
# See docs/operations.md#container-image.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
started=$SECONDS
step() { echo "image: $* ($((SECONDS - started)) s)"; }
fail() { echo "image: $*" >&2; exit 1; }

for candidate in "${ISSUEGRAPH_JDK25_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/java-25-openjdk-amd64; do
    if [ -n "$candidate" ] && [ -x "$candidate/bin/java" ]; then jdk="$candidate"; break; fi
done
"${jdk:?no JDK 25 found (set ISSUEGRAPH_JDK25_HOME)}/bin/java" -version 2>&1 | grep -q 'version "25' \
    || fail "$jdk is not a JDK 25"
if ! { [ -x /usr/sbin/dockerd ] && [ -x /usr/sbin/debootstrap ] && command -v mariadbd >/dev/null; }; then
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends docker.io debootstrap mariadb-server
fi
# Debian's own client: its BuildKit builder speaks to this engine; a newer client without the buildx
# plugin (as in /usr/local/bin on some machines) refuses DOCKER_BUILDKIT=1
docker=/usr/bin/docker
# Compose v2's file format (top-level name:, ${VAR:?}) needs Compose v2 or later; Debian's docker-compose is
# 1.29. Docker Compose v5 from the Go module proxy, built once per machine (about 90 s).
compose_version=v5.6.0
compose="${ISSUEGRAPH_CI_CACHE:-$HOME/.cache/issuegraph-ci}/compose-$compose_version/docker-compose"
if [ ! -x "$compose" ]; then
    module="$(go mod download -json "github.com/docker/compose/v5@$compose_version" | sed -n 's/^\t"Dir": "\(.*\)",$/\1/p')"
    sources="$(mktemp -d /tmp/issuegraph-compose.XXXXXX)"
    mkdir -p "$(dirname "$compose")"
    cp -r "$module/." "$sources" && chmod -R u+w "$sources"
    # built as its own main module: its go.mod's exclude and replace lines rule out `go install …@version`
    (cd "$sources" && go build -trimpath -o "$compose.partial" \
        -ldflags "-X github.com/docker/compose/v5/internal.Version=$compose_version" ./cmd)
    mv "$compose.partial" "$compose"
    rm -rf "$sources"
fi
step "$($docker --version); $("$compose" version)"

# ---- 1. the engine ---------------------------------------------------------------------------------
out="$root/target/image"
rm -rf "$out" && mkdir -p "$out"
engine="$(mktemp -d /tmp/issuegraph-docker.XXXXXX)"
export DOCKER_HOST="unix://$engine/docker.sock"
db="$engine/mariadb"
container=""
finish() {
    [ -z "$container" ] || $docker rm -f "$container" >/dev/null 2>&1 || true
    [ ! -f "$db/server.pid" ] || deploy/container/local-mariadb.sh stop "$db" || true
    if [ -f "$engine/dockerd.pid" ]; then
        kill "$(cat "$engine/dockerd.pid")" 2>/dev/null || true
        for _ in $(seq 1 100); do [ -f "$engine/dockerd.pid" ] || break; sleep 0.1; done
    fi
    rm -rf "$engine" 2>/dev/null || true
}
trap finish EXIT
dockerd --bridge=none --iptables=false --ip6tables=false --data-root "$engine/data" --exec-root "$engine/exec" \
    --pidfile "$engine/dockerd.pid" --host "$DOCKER_HOST" >"$out/dockerd.log" 2>&1 &
for _ in $(seq 1 100); do $docker info >/dev/null 2>&1 && break; sleep 0.2; done
$docker info >/dev/null 2>&1 || { tail -20 "$out/dockerd.log" >&2; fail "dockerd did not start"; }
step "dockerd started, its data in $engine"

# ---- 2. the base images -------------------------------------------------------------------------------
cache="${ISSUEGRAPH_CI_CACHE:-$HOME/.cache/issuegraph-ci}/image-base-1"
jdk_version="$("$jdk/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.runtime.version = //p')"
tag="${jdk_version//+/_}" # as Temurin's tags write it: 25.0.3_9-LTS
mkdir -p "$cache"
# The base trusts what this machine trusts: its own CA certificates (a TLS-inspecting egress proxy's, say)
# and the Java trust store its JDK links to, so that the build reaches Maven Central as the machine does
trusted="$(cat /usr/local/share/ca-certificates/*.crt /etc/ssl/certs/java/cacerts 2>/dev/null | sha256sum | cut -c1-12)"
base="$cache/bookworm-$trusted.tar"
if [ ! -f "$base" ]; then
    rm -rf "$cache/rootfs"
    # what a JDK image carries besides the JDK: certificates, and curl for the Maven wrapper's download
    debootstrap --variant=minbase --include=ca-certificates,curl bookworm "$cache/rootfs" http://deb.debian.org/debian \
        >"$out/debootstrap.log" 2>&1 || { tail -20 "$out/debootstrap.log" >&2; fail "debootstrap failed"; }
    if compgen -G '/usr/local/share/ca-certificates/*.crt' >/dev/null; then
        cp /usr/local/share/ca-certificates/*.crt "$cache/rootfs/usr/local/share/ca-certificates/"
        chroot "$cache/rootfs" update-ca-certificates >/dev/null
    fi
    if [ -f /etc/ssl/certs/java/cacerts ]; then
        mkdir -p "$cache/rootfs/etc/ssl/certs/java" && cp /etc/ssl/certs/java/cacerts "$cache/rootfs/etc/ssl/certs/java/"
    fi
    tar -C "$cache/rootfs" -cf "$base.partial" . && mv "$base.partial" "$base"
    rm -rf "$cache/rootfs"
fi
if [ ! -d "$cache/jre-$jdk_version" ]; then
    # a JRE as Temurin's: the JDK without its development tools, with its default CDS archive
    modules="$("$jdk/bin/java" --list-modules | sed 's/@.*//' | grep -vE '^jdk\.(compiler|javadoc|jdeps|jlink|jpackage|jshell|jstatd|jartool|editpad|hotspot\.agent|jconsole|jdi|jcmd|random|internal\.(ed|jvmstat|le|opt))$' | paste -sd,)"
    "$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files --generate-cds-archive \
        --output "$cache/jre-$jdk_version.partial" 2>&1 | grep -v 'incubator modules' || true
    mv "$cache/jre-$jdk_version.partial" "$cache/jre-$jdk_version"
fi
$docker import "$base" issuegraph-ci/debian:bookworm >/dev/null
for kind in jdk jre; do
    home="$jdk"; [ "$kind" = jdk ] || home="$cache/jre-$jdk_version"
    printf '%s\n' "FROM issuegraph-ci/debian:bookworm" "COPY . /opt/java/openjdk" \
        "ENV JAVA_HOME=/opt/java/openjdk PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
        | $docker build --quiet -t "issuegraph-ci/temurin:$tag-$kind" -f - "$home" >/dev/null
done
step "base images: Debian bookworm with Temurin $jdk_version, JDK and JRE"

# ---- 3. the Dockerfile --------------------------------------------------------------------------------
build_started=$SECONDS
DOCKER_BUILDKIT=1 $docker build --network host --progress plain \
    --build-arg JDK_IMAGE="issuegraph-ci/temurin:$tag-jdk" --build-arg JRE_IMAGE="issuegraph-ci/temurin:$tag-jre" \
    --build-arg TRAINING_SECONDS="${ISSUEGRAPH_TRAINING_SECONDS:-20}" -t issuegraph:ci . >"$out/build.log" 2>&1 \
    || { tail -40 "$out/build.log" >&2; fail "docker build failed ($out/build.log)"; }
step "docker build in $((SECONDS - build_started)) s"
{
    echo "image size: $($docker image inspect issuegraph:ci --format '{{.Size}}' | awk '{printf "%.0f MB", $1 / 1e6}')"
    $docker history --format '{{.Size}}\t{{.CreatedBy}}' issuegraph:ci | cut -c1-160
} | tee "$out/figures.txt"
# The build's own cache check (ISSUEGRAPH_AOT=check) must be able to fail: in the image, on a copy of
# /app with one jar's time changed, as a COPY that did not keep times would leave it
# shellcheck disable=SC2016 # expanded by the container's shell
if $docker run --rm --entrypoint /bin/bash issuegraph:ci -c \
    'cp -a /app /tmp/app && touch "$(find /tmp/app/lib -name "*.jar" | head -1)" && ISSUEGRAPH_AOT=check /tmp/app/start.sh' \
    >"$out/aot-check-touched.log" 2>&1; then
    fail "the image's cache check accepted a jar the training did not use"
fi
step "the image's cache check refuses a changed jar"

# ---- 4. the container, as deployment.yaml runs it -------------------------------------------------------
memory="$(sed -n '/limits:/,/memory:/s/^ *memory: *\([0-9]*\)Mi$/\1/p' deploy/kubernetes/deployment.yaml)"
[ -n "$memory" ] || fail "no memory limit found in deploy/kubernetes/deployment.yaml"
eval "$(deploy/container/local-mariadb.sh start "$db")"
port="$(deploy/container/free-port.sh)"
secret="ci-image-check-$(od -An -tx1 -N24 /dev/urandom | tr -d ' \n')"
# As deployment.yaml runs the pod, with the ConfigMap's settings that apply here (JSON logs, no forwarded
# headers); Flyway migrates the empty database, as the migration Job of docs/operations.md would.
# run NAME [docker run options]: starts it and waits until it is ready; sets container and ready (seconds)
run() {
    local name="$1" launched
    shift
    launched="$(date +%s%N)"
    container="$($docker run --detach --name "issuegraph-ci-$$-$name" --network host \
        --user 10001:10001 --read-only --tmpfs /tmp:rw,nosuid,nodev,size=64m --cap-drop ALL \
        --security-opt no-new-privileges --memory "${memory}m" \
        -e SERVER_PORT="$port" -e SPRING_DATASOURCE_URL="$SPRING_DATASOURCE_URL" \
        -e SPRING_DATASOURCE_USERNAME="$SPRING_DATASOURCE_USERNAME" -e SPRING_DATASOURCE_PASSWORD="$SPRING_DATASOURCE_PASSWORD" \
        -e ISSUEGRAPH_IDENTITY_JWT_SECRET="$secret" -e ISSUEGRAPH_LOG_FORMAT=json -e SERVER_FORWARD_HEADERS_STRATEGY=none \
        "$@" issuegraph:ci)"
    until deploy/container/probe.sh readiness "$port" 2>/dev/null; do
        [ "$($docker inspect --format '{{.State.Running}}' "$container")" = true ] \
            || { $docker logs "$container" 2>&1 | tail -40 >&2; fail "the container ($name) stopped"; }
        [ $(($(date +%s%N) - launched)) -lt 120000000000 ] \
            || { $docker logs "$container" 2>&1 | tail -40 >&2; fail "not ready within 120 s ($name)"; }
        sleep 0.1
    done
    ready="$(awk -v ns=$(($(date +%s%N) - launched)) 'BEGIN { printf "%.1f", ns / 1e9 }')"
}
launched=$SECONDS
run with-aot -e JAVA_OPTS="-Xlog:aot=info:stdout"
with_aot="$ready"
deploy/container/probe.sh liveness "$port" || fail "liveness did not answer 200"
step "ready after $with_aot s (uid 10001, read-only root, ${memory} MB limit); liveness up"

$docker logs "$container" >"$out/server.log" 2>&1
grep -q 'Opened AOT cache issuegraph.aot' "$out/server.log" || { grep -i aot "$out/server.log" | head -20 >&2; fail "the JVM did not open the AOT cache"; }
! grep -qiE 'AOT cache .*(disabled|mismatch)|Unable to use AOT cache' "$out/server.log" \
    || { grep -i aot "$out/server.log" | head -20 >&2; fail "the JVM refused the AOT cache"; }
step "the JVM opened and used the AOT cache"
# the policy the server puts its threads under (docs/operations.md#scheduling), though the pod drops all capabilities
# shellcheck disable=SC2016 # expanded by the container's bash (a thread may end meanwhile: true)
policies="$($docker exec "$container" bash -c 'for task in /proc/1/task/*; do chrt --pid "${task##*/}"; done | grep policy; true')"
if ! grep -q SCHED_BATCH <<<"$policies" || grep -v SCHED_BATCH <<<"$policies"; then
    fail "not every thread of the JVM runs under SCHED_BATCH (above): the container's log has the server's WARN saying why"
fi
step "every thread of the JVM runs under SCHED_BATCH ($(wc -l <<<"$policies") threads)"

answers="$("$jdk/bin/java" deploy/container/TrainingDriver.java check "http://127.0.0.1:$port/graphql" "$secret")" \
    || { echo "$answers" >&2; fail "the authenticated query or create failed"; }
echo "$answers" | cut -c1-200
grep -q '"createIssue":{"id":' <<<"$answers" || fail "createIssue did not answer"
step "answered me, issues and createIssue with a token"

# the HEALTHCHECK: its first run comes after --interval (10 s) from the start
until [ "$($docker inspect --format '{{.State.Health.Status}}' "$container")" = healthy ]; do
    [ "$($docker inspect --format '{{.State.Health.Status}}' "$container")" != unhealthy ] \
        || { $docker inspect --format '{{json .State.Health}}' "$container" >&2; fail "HEALTHCHECK: unhealthy"; }
    [ $((SECONDS - launched)) -lt 90 ] || fail "HEALTHCHECK: not healthy within 90 s"
    sleep 1
done
step "HEALTHCHECK: healthy"

# SIGTERM with a request in flight: a live-update stream over SSE, which the graceful shutdown ends
token="$("$jdk/bin/java" deploy/container/TrainingDriver.java token "$secret" 1)"
curl -sS -N --max-time 60 -H "Authorization: Bearer $token" -H 'Accept: text/event-stream' \
    -H 'Content-Type: application/json' -d '{"query":"subscription { issueEvents { cursor } }"}' \
    "http://127.0.0.1:$port/graphql" >"$out/stream.txt" 2>"$out/stream.err" &
stream=$!
for _ in $(seq 1 50); do [ -s "$out/stream.txt" ] && break; sleep 0.1; done
stopping=$SECONDS
$docker stop --time 30 "$container" >/dev/null
stopped=$((SECONDS - stopping))
wait "$stream" || fail "the stream in flight did not end cleanly: $(cat "$out/stream.err")"
grep -q '^event: *complete' "$out/stream.txt" || { cat "$out/stream.txt" >&2; fail "the stream in flight got no complete event"; }
status="$($docker inspect --format '{{.State.ExitCode}}' "$container")"
$docker logs "$container" >"$out/server.log" 2>&1
[ "$status" -eq 143 ] || [ "$status" -eq 0 ] || { tail -20 "$out/server.log" >&2; fail "exit status $status after SIGTERM"; }
grep -q 'Graceful shutdown complete' "$out/server.log" || fail "no graceful shutdown in the log"
step "SIGTERM: the stream in flight completed, graceful exit ($status) in $stopped s"
# ECS JSON lines: "log":{"level":"ERROR",…}
if grep -n '"level":"ERROR"' "$out/server.log"; then
    fail "ERROR lines in the container's log (above)"
fi
$docker rm "$container" >/dev/null

# ---- 5. the start without the AOT cache, for docs/operations.md's figures ----------------------------------
# on an empty database again, as the first start had it (Flyway's migrations are part of both)
mariadb --no-defaults --socket="$db/mariadb.sock" -uroot -e 'DROP DATABASE issuegraph; CREATE DATABASE issuegraph CHARACTER SET utf8mb4'
run no-aot -e ISSUEGRAPH_AOT=off
step "ready after $ready s without the AOT cache, $with_aot s with it" | tee -a "$out/figures.txt"
$docker rm -f "$container" >/dev/null
container=""

# ---- 6. compose.yaml: its configuration validated, not run (its images cannot be pulled here) --------------
# example.env alone is refused (it has no secrets); filled in as its comments ask, the file resolves
if "$compose" --env-file deploy/compose/example.env -f compose.yaml config -q 2>"$out/compose-refused.log" \
    || ! grep -q 'required variable MYSQL_ROOT_PASSWORD is missing a value' "$out/compose-refused.log"; then
    cat "$out/compose-refused.log" >&2
    fail "compose.yaml did not refuse example.env's empty secrets"
fi
filled="$engine/compose.env"
sed 's/^\([A-Z_]*\(PASSWORD\|SECRET\|TOKEN\)\)=$/\1=ci-value-'"$$"'/' deploy/compose/example.env >"$filled"
"$compose" --env-file "$filled" -f compose.yaml config -q || fail "compose.yaml does not resolve with a filled env file"
step "docker compose config: compose.yaml resolves with a filled env file, and refuses example.env's empty secrets"
