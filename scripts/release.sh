#!/usr/bin/env bash
# Bumps the version in pom.xml (the one place it is kept), commits, tags vX.Y.Z and builds the jar.
# usage: scripts/release.sh patch|minor|major
set -euo pipefail
cd "$(dirname "$0")/.."

part=${1:-}
case "$part" in patch|minor|major) ;; *) echo "usage: scripts/release.sh patch|minor|major" >&2; exit 2;; esac

if [ -n "$(git status --porcelain)" ]; then
    echo "error: the work tree has uncommitted changes; commit or stash them first" >&2
    exit 1
fi

current=$(grep -m1 -oE '<version>[0-9]+\.[0-9]+\.[0-9]+</version>' pom.xml | sed -E 's/<\/?version>//g')
IFS=. read -r major minor patch <<<"$current"
case "$part" in
    patch) patch=$((patch + 1));;
    minor) minor=$((minor + 1)); patch=0;;
    major) major=$((major + 1)); minor=0; patch=0;;
esac
next="$major.$minor.$patch"

# Only the project's own <version> (the first one in the file) changes.
awk -v cur="<version>$current</version>" -v nxt="<version>$next</version>" \
    '!done && index($0, cur) { sub(cur, nxt); done = 1 } { print }' pom.xml > pom.xml.tmp && mv pom.xml.tmp pom.xml

git commit -qm "Release $next" pom.xml
git tag -a "v$next" -m "GoMikroBot $next"
echo "version $current -> $next, tagged v$next"
make build
