#!/usr/bin/env bash
# Builds target/gomikrobot.aot, a Java 25 AOT cache (JEP 483/514) for target/gomikrobot.jar. One training run
# starts the gateway through the launcher `gomikrobot install` writes (so with the same JVM options as every
# installed start) on a throwaway home and free ports, with a stand-in LLM over HTTPS (scripts/TrainingLlm.java,
# a key made here and trusted by this run only); it exercises the dashboard, the API and a whole message (model
# call over TLS included) and stops it with SIGTERM; the JVM writes the classes it loaded and linked to the cache
# as it exits. Every later start with -XX:AOTCache=target/gomikrobot.aot (the installed launcher adds it) skips
# that work, the gateway's and the CLI's (`agent -m` walks the same path). The cache fits only this jar and
# this JDK: rebuild it after either changes (the JVM ignores a stale cache and says so on stderr).
set -euo pipefail
cd "$(dirname "$0")/.."
JDK=$(scripts/find-jdk.sh)
JAR=target/gomikrobot.jar
OUT=target/gomikrobot.aot
[ -f "$JAR" ] || { echo "aot-train: $JAR is missing; run make build first" >&2; exit 1; }

work=$(mktemp -d)
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"' EXIT
free_port() { "$JDK/bin/jshell" -R-Xshare:off -s - <<<'System.out.println(new java.net.ServerSocket(0).getLocalPort())' 2>/dev/null | tr -dc 0-9; }
wait_for() { # $1 = a file that appears when the process $2 is ready; $3 = its error log
    for _ in $(seq 1 200); do
        [ -s "$1" ] && return 0
        kill -0 "$2" 2>/dev/null || { cat "$3" >&2; return 1; }
        sleep 0.1
    done
    cat "$3" >&2
    return 1
}

# the launcher, installed where only this run uses it, without a cache of its own
"$JDK/bin/java" -jar "$JAR" install --prefix "$work/prefix" >/dev/null
rm -f "$work/prefix/lib/gomikrobot/gomikrobot.aot"

# the stand-in LLM, over HTTPS with a throwaway key
"$JDK/bin/keytool" -genkeypair -alias llm -keyalg EC -groupname secp256r1 -dname CN=127.0.0.1 \
    -ext SAN=ip:127.0.0.1 -validity 2 -storetype PKCS12 -keystore "$work/llm.p12" -storepass training \
    -keypass training 2>/dev/null
"$JDK/bin/java" "scripts/TrainingLlm.java" "$work/llm.p12" training "$work/llm.port" 2>"$work/llm.log" &
pids+=($!)
wait_for "$work/llm.port" "${pids[-1]}" "$work/llm.log" || { echo "aot-train: the stand-in LLM did not start" >&2; exit 1; }

api=$(free_port); dash=$(free_port)
while [ "$dash" = "$api" ]; do dash=$(free_port); done
env -u JAVA_TOOL_OPTIONS -u JDK_JAVA_OPTIONS GOMIKROBOT_HOME="$work/home" HOME="$work" JAVA_HOME="$JDK" \
    MIKROBOT_PORT="$api" MIKROBOT_DASHBOARD_PORT="$dash" MIKROBOT_PATHS_WORK_REPO_PATH="$work/repo" \
    MIKROBOT_OPENAI_API_BASE="https://127.0.0.1:$(cat "$work/llm.port")/v1" MIKROBOT_OPENAI_API_KEY="training-run-no-key" \
    GOMIKROBOT_JAVA_OPTS="-XX:AOTCacheOutput=$OUT -Djavax.net.ssl.trustStore=$work/llm.p12 -Djavax.net.ssl.trustStorePassword=training" \
    "$work/prefix/bin/gomikrobot" gateway >"$work/out.log" 2>"$work/err.log" &
pid=$!
for _ in $(seq 1 200); do
    grep -q "Dashboard listening" "$work/out.log" 2>/dev/null && break
    kill -0 "$pid" 2>/dev/null || { cat "$work/err.log" >&2; echo "aot-train: the gateway did not start" >&2; exit 1; }
    sleep 0.1
done
for path in /readyz /timeline /js/app.js /api/v1/timeline /api/v1/tasks /api/v1/settings /api/v1/webusers; do
    curl -s -o /dev/null "http://127.0.0.1:$dash$path" || true
done
for message in training again; do # a whole turn: task row, prompt, the model over TLS, answer, history
    answer=$(curl -s -X POST "http://127.0.0.1:$api/chat?message=$message" || true)
    case "$answer" in
        *Trained.*) ;;
        *) cat "$work/err.log" >&2; echo "aot-train: the training message got no answer: $answer" >&2; exit 1 ;;
    esac
done
kill -TERM "$pid"
wait "$pid" || { cat "$work/err.log" >&2; echo "aot-train: the training run did not exit cleanly" >&2; exit 1; }
ls -l "$OUT"
