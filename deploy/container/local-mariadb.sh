#!/usr/bin/env bash
# A throwaway MariaDB on a free loopback port, for the AOT training run (train-aot.sh --local-mariadb)
# and CI's run of the image (.ci/image.sh). Uses mariadb-install-db, mariadbd
# and mariadb from the PATH (Debian's or Ubuntu's mariadb-server).
#
#   deploy/container/local-mariadb.sh start DIR   # data, socket and log in DIR; prints shell assignments:
#                                                 # MARIADB_PID, SPRING_DATASOURCE_URL, _USERNAME, _PASSWORD
#   deploy/container/local-mariadb.sh stop DIR    # stops it (DIR stays; delete it yourself)
set -euo pipefail
command="${1:-}" dir="${2:-}"
[ -n "$dir" ] || { echo "usage: $0 start|stop DIR" >&2; exit 2; }
case "$command" in
start)
    mkdir -p "$dir"
    port="$("$(dirname "$0")/free-port.sh")"
    mariadb-install-db --no-defaults --datadir="$dir/data" --user="$(id -un)" --auth-root-authentication-method=normal \
        --skip-test-db >"$dir/install.log" 2>&1 || { cat "$dir/install.log" >&2; exit 1; }
    # setsid and no descriptor of ours: "$(… start)" returns while the server runs on
    setsid mariadbd --no-defaults --datadir="$dir/data" --user="$(id -un)" --bind-address=127.0.0.1 --port="$port" \
        --socket="$dir/mariadb.sock" --pid-file="$dir/mariadb.pid" --skip-name-resolve >"$dir/mariadb.log" 2>&1 </dev/null &
    pid=$!
    for _ in $(seq 1 120); do
        mariadb --no-defaults --socket="$dir/mariadb.sock" -uroot -e 'SELECT 1' >/dev/null 2>&1 && break
        kill -0 "$pid" 2>/dev/null || { cat "$dir/mariadb.log" >&2; exit 1; }
        sleep 0.5
    done
    password="local-$(od -An -tx1 -N12 /dev/urandom | tr -d ' \n')"
    mariadb --no-defaults --socket="$dir/mariadb.sock" -uroot -e "CREATE DATABASE issuegraph CHARACTER SET utf8mb4;
        CREATE USER 'issuegraph'@'%' IDENTIFIED BY '$password'; GRANT ALL ON issuegraph.* TO 'issuegraph'@'%';"
    echo "$pid" >"$dir/server.pid"
    echo "MARIADB_PID=$pid"
    echo "SPRING_DATASOURCE_URL=jdbc:mysql://127.0.0.1:$port/issuegraph"
    echo "SPRING_DATASOURCE_USERNAME=issuegraph"
    echo "SPRING_DATASOURCE_PASSWORD=$password"
    ;;
stop)
    [ -f "$dir/server.pid" ] || exit 0
    pid="$(cat "$dir/server.pid")"
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "$pid" 2>/dev/null || true
    rm -f "$dir/server.pid"
    ;;
*)
    echo "usage: $0 start|stop DIR" >&2
    exit 2
    ;;
esac
