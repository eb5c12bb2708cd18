#!/usr/bin/env bash
# Prints a loopback TCP port nobody listens on (bash's /dev/tcp: nothing to install in the image).
while :; do
    port=$((20000 + RANDOM % 20000))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; exit 0; }
done
