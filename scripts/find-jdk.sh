#!/bin/sh
# Prints the home directory of a JDK 25 or newer, or explains on stderr what to install and exits 1.
# Order: $JAVA_HOME when it is 25+, then the newest /usr/lib/jvm/*25* (and later releases), then `javac` on PATH.
set -u

major_of() { # $1 = a JDK home; prints its feature version (25, 26, ...) or nothing
    if [ -r "$1/release" ]; then
        sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release"
    elif [ -x "$1/bin/javac" ]; then
        "$1/bin/javac" -version 2>&1 | sed -n 's/^javac \([0-9]*\).*/\1/p'
    fi
}

is_jdk25() {
    [ -x "$1/bin/javac" ] || return 1
    v=$(major_of "$1")
    [ -n "$v" ] && [ "$v" -ge 25 ]
}

if [ -n "${JAVA_HOME:-}" ] && is_jdk25 "$JAVA_HOME"; then
    echo "$JAVA_HOME"; exit 0
fi
for dir in $(ls -d /usr/lib/jvm/*25* /usr/lib/jvm/*2[6-9]* /usr/lib/jvm/*3[0-9]* 2>/dev/null | sort -r); do
    if is_jdk25 "$dir"; then echo "$dir"; exit 0; fi
done
if command -v javac >/dev/null 2>&1; then
    home=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    if is_jdk25 "$home"; then echo "$home"; exit 0; fi
fi
cat >&2 <<MSG
error: no JDK 25 or newer found.
  looked at: JAVA_HOME (${JAVA_HOME:-unset}), /usr/lib/jvm/*25*, and javac on PATH.
  install one (e.g. Eclipse Temurin 25 from adoptium.net, or your distribution's openjdk-25-jdk)
  and set JAVA_HOME to it.
MSG
exit 1
