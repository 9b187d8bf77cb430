#!/bin/sh
# Records the AOT cache (JEP 483) the ./canary launcher uses: a training run of `canary up` on a
# scratch state dir until it is ready, stopped with SIGTERM, then the cache assembled from what it
# loaded, with the launcher's JVM options. Usage: record-aot-cache.sh JAVA DIST ROOT; writes DIST/canary.aot, or fails leaving none.
set -eu
java=$1 dist=$2 root=$3
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
config="$scratch/canary.aotconf"
cp="$dist/lib/*"

"$java" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow -XX:AOTMode=record -XX:AOTConfiguration="$config" \
  -Xlog:aot=off -Xlog:cds=off -Dcanary.home="$root" -cp "$cp" io.canarymesh.cli.CanaryCommand \
  up --state-dir "$scratch/state" --api-port 0 --admin 127.0.0.1:0 >"$scratch/up.log" 2>&1 &
pid=$!
waited=0
until grep -q '^ready in' "$scratch/up.log"; do
  if ! kill -0 "$pid" 2>/dev/null || [ "$waited" -ge 1200 ]; then
    cat "$scratch/up.log"
    kill -KILL "$pid" 2>/dev/null || true
    exit 1
  fi
  sleep 0.05
  waited=$((waited + 1))
done
kill -TERM "$pid"
wait "$pid"
cat "$scratch/up.log"

# Assembled under a temporary name beside the final one: a launcher never maps a half-written cache.
partial="$dist/canary.aot.$$"
trap 'rm -rf "$scratch" "$partial"' EXIT
"$java" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow -XX:AOTMode=create -XX:AOTConfiguration="$config" \
  -XX:AOTCache="$partial" -Xlog:aot=off -Xlog:cds=off -cp "$cp"
mv "$partial" "$dist/canary.aot"
