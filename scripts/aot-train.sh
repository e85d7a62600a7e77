#!/usr/bin/env bash
# Builds target/gomikrobot.aot, a Java 25 AOT cache (JEP 483/514) for target/gomikrobot.jar: one training run
# starts the gateway on a throwaway home and free ports, exercises the dashboard and the API, and stops it
# with SIGTERM; the JVM writes the classes it loaded and linked to the cache as it exits. A later start with
# -XX:AOTCache=target/gomikrobot.aot skips that work. The cache fits only this jar and this JDK: rebuild it
# after either changes (the JVM ignores a stale cache and says so on stderr).
set -euo pipefail
cd "$(dirname "$0")/.."
JDK=$(scripts/find-jdk.sh)
JAR=target/gomikrobot.jar
OUT=target/gomikrobot.aot
[ -f "$JAR" ] || { echo "aot-train: $JAR is missing; run make build first" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
free_port() { "$JDK/bin/jshell" -R-Xshare:off -s - <<<'System.out.println(new java.net.ServerSocket(0).getLocalPort())' 2>/dev/null | tr -dc 0-9; }
api=$(free_port); dash=$(free_port)
while [ "$dash" = "$api" ]; do dash=$(free_port); done

env GOMIKROBOT_HOME="$work/home" MIKROBOT_PORT="$api" MIKROBOT_DASHBOARD_PORT="$dash" \
    MIKROBOT_PATHS_WORK_REPO_PATH="$work/repo" MIKROBOT_OPENAI_API_BASE="http://127.0.0.1:9/v1" \
    MIKROBOT_OPENAI_API_KEY="training-run-no-key" HOME="$work" \
    "$JDK/bin/java" -XX:AOTCacheOutput="$OUT" -Xlog:all=warning:stderr --enable-native-access=ALL-UNNAMED \
    -jar "$JAR" gateway >"$work/out.log" 2>"$work/err.log" &
pid=$!
for _ in $(seq 1 100); do
    grep -q "Dashboard listening" "$work/out.log" 2>/dev/null && break
    kill -0 "$pid" 2>/dev/null || { cat "$work/err.log" >&2; echo "aot-train: the gateway did not start" >&2; exit 1; }
    sleep 0.1
done
for path in /readyz /timeline /js/app.js /api/v1/timeline /api/v1/tasks /api/v1/settings /api/v1/webusers; do
    curl -s -o /dev/null "http://127.0.0.1:$dash$path" || true
done
curl -s -o /dev/null -X POST "http://127.0.0.1:$api/chat?message=training" || true # the LLM is unreachable: exercises the error path
kill -TERM "$pid"
wait "$pid" || { cat "$work/err.log" >&2; echo "aot-train: the training run did not exit cleanly" >&2; exit 1; }
ls -l "$OUT"
