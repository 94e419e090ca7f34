#!/usr/bin/env bash
# The compression benchmark in one command: builds gofr-ws-bench and runs the gofr-ws echo server
# with permessage-deflate off and on, interleaved, for chat JSON, 1 KB and 16 KB JSON documents
# and random binary, rewriting the figures in docs/compression.md (about 4 minutes). Arguments go
# to the runner, for example:
#   gofr-ws-bench/compression.sh                       # 3 runs per setting
#   gofr-ws-bench/compression.sh --repeats 5 --measure 8s
#   gofr-ws-bench/compression.sh --quick --report none  # smoke test, figures meaningless
set -euo pipefail
bench="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$bench")"

cd "$root"
./mvnw -q -B -pl gofr-ws-bench -am package -DskipTests

args=("$@")
has() { for a in "${args[@]}"; do [ "$a" = "$1" ] && return 0; done; return 1; }
defaults=()
has --report || defaults+=(--report "$root/docs/compression.md")
# the runner pins the server to CPU 0 and itself, the clients, to CPU 1
exec java -Xms512m -Xmx2g -cp "$bench/target/classes:$bench/target/lib/*" \
  dev.gofr.ws.bench.runner.CompressionBench --bench-dir "$bench" \
  --command "gofr-ws-bench/compression.sh${*:+ $*}" "${defaults[@]}" "$@"
