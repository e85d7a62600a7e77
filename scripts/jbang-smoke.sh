#!/usr/bin/env bash
# Runs scripts/gomikrobot.java once with JBang and checks that `version` answers, so the from-source path
# stays working. JBang itself is dev.jbang:jbang-cli from Maven Central, fetched through Maven (the only
# network use, and only when ~/.m2 lacks it); JBang's cache goes to a temp folder, not ~/.jbang.
# jbang-cli's Main does not run the script itself: it builds it and, with exit code 255, prints the java
# command line to run (its shell wrapper normally execs that). This script does the same.
set -euo pipefail
cd "$(dirname "$0")/.."

JBANG_VERSION=0.132.1
JDK=$(scripts/find-jdk.sh)
export JAVA_HOME=$JDK PATH=$JDK/bin:$PATH
export MAVEN_OPTS=${MAVEN_OPTS:---sun-misc-unsafe-memory-access=allow}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# A throwaway project whose only dependency is jbang-cli: Maven resolves its class path.
cat > "$work/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local</groupId><artifactId>jbang-smoke</artifactId><version>1</version><packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>dev.jbang</groupId><artifactId>jbang-cli</artifactId><version>$JBANG_VERSION</version></dependency>
  </dependencies>
  <build><plugins><plugin>
    <groupId>org.apache.maven.plugins</groupId><artifactId>maven-dependency-plugin</artifactId><version>3.8.1</version>
  </plugin></plugins></build>
</project>
POM
mvn -B -q -ntp -f "$work/pom.xml" dependency:build-classpath -Dmdep.outputFile="$work/classpath.txt" >&2

export JBANG_DIR="$work/jbang"
set +e
command_line=$(java -cp "$(cat "$work/classpath.txt")" dev.jbang.Main run scripts/gomikrobot.java version)
code=$?
set -e
if [ "$code" -ne 255 ] || [ -z "$command_line" ]; then
    echo "jbang-smoke: JBang could not build scripts/gomikrobot.java (exit $code)" >&2
    exit 1
fi

set +e
output=$(eval "$command_line")
code=$?
set -e
if [ "$code" -ne 0 ] || ! printf '%s\n' "$output" | grep -Eq '^gomikrobot [^ ]+ \(Java (2[5-9]|[3-9][0-9])\)$'; then
    echo "jbang-smoke: \`version\` through JBang failed (exit $code): $output" >&2
    exit 1
fi
echo "jbang-smoke: ok: $output"
