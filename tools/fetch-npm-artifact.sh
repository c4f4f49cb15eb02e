#!/usr/bin/env bash
# Fetches one npm package tarball by name and version, checks it against its pinned integrity hash
# (the registry's sha512 "dist.integrity"), and unpacks it into DEST. A DEST that already holds the
# same verified package is left alone, so builds after the first do nothing.
#
# usage: fetch-npm-artifact.sh NAME@VERSION sha512-BASE64 DEST
set -euo pipefail

spec=$1 integrity=$2 dest=$3
marker="$dest/.integrity"

if [ -f "$marker" ] && [ "$(cat "$marker")" = "$integrity" ]; then
    exit 0
fi

mkdir -p "$(dirname "$dest")"
# Two builds at once (the app and the tests) must not unpack over each other.
exec 9>"$dest.lock"
flock 9
if [ -f "$marker" ] && [ "$(cat "$marker")" = "$integrity" ]; then
    exit 0
fi

if ! command -v npm >/dev/null 2>&1; then
    echo "error: npm is needed to fetch $spec (install Node.js and npm)" >&2
    exit 1
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "Fetching $spec ..." >&2
(cd "$work" && npm pack "$spec" --silent --ignore-scripts >/dev/null 2>"$work/npm.log") || {
    cat "$work/npm.log" >&2
    echo "error: npm pack $spec failed" >&2
    exit 1
}
tarball=$(ls "$work"/*.tgz)
# npm needs Node.js, so Node computes the hash: no other tool is assumed.
actual=$(node -e 'const c = require("crypto"), fs = require("fs");
process.stdout.write("sha512-" + c.createHash("sha512").update(fs.readFileSync(process.argv[1])).digest("base64"))' "$tarball")
if [ "$actual" != "$integrity" ]; then
    echo "error: $spec integrity mismatch: expected $integrity, got $actual" >&2
    exit 1
fi

rm -rf "$dest.tmp" && mkdir -p "$dest.tmp"
tar -xzf "$tarball" -C "$dest.tmp" --strip-components=1
rm -rf "$dest" && mv "$dest.tmp" "$dest"
echo "$integrity" >"$marker"
