#!/bin/sh
# Stops a leftover gomikrobot listening on the given ports, and nothing else: a port held by another
# program is reported and left alone.
set -u
status=0
for port in "$@"; do
    pids=$( (lsof -ti "tcp:$port" -sTCP:LISTEN 2>/dev/null || fuser "$port/tcp" 2>/dev/null) | tr -s ' ' '\n' | grep -E '^[0-9]+$' | sort -u)
    for pid in $pids; do
        cmd=$(tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null || ps -o command= -p "$pid")
        case "$cmd" in
            *gomikrobot*)
                echo "stopping gomikrobot (pid $pid) on port $port"
                kill "$pid" 2>/dev/null
                i=0
                while kill -0 "$pid" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.2; i=$((i + 1)); done
                kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null
                ;;
            *)
                echo "port $port is held by another program (pid $pid: $cmd); not touching it" >&2
                status=1
                ;;
        esac
    done
done
exit $status
