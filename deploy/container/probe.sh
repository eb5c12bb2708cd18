#!/usr/bin/env bash
# Exits 0 when the local server's health group answers 200: the image's HEALTHCHECK, compose's, and the
# training run's wait. Plain bash (/dev/tcp), so the image needs no curl or wget.
#
#   deploy/container/probe.sh [readiness|liveness] [PORT]      # defaults: readiness, $SERVER_PORT or 8080
set -uo pipefail
group="${1:-readiness}"
port="${2:-${SERVER_PORT:-8080}}"
exec 3<>"/dev/tcp/127.0.0.1/$port" || exit 1
printf 'GET /actuator/health/%s HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n' "$group" >&3
read -r -t 5 _ status _ <&3 || exit 1
[ "$status" = 200 ]
