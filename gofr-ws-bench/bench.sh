#!/usr/bin/env bash
# The benchmark in one command: builds gofr-ws-bench, installs Node's ws 8.23.0 if missing, and
# runs every scenario against gofr-ws and plain Spring WebSocket, each on Tomcat and on Jetty,
# and Node's ws, side by side, rewriting docs/performance.md. Arguments go to the runner, for example:
#   gofr-ws-bench/bench.sh                                   # everything, 2 repeats
#   gofr-ws-bench/bench.sh --scenarios echo,fanout --repeats 3
#   gofr-ws-bench/bench.sh --servers gofr,raw --report none  # no report, JSON lines only
#   gofr-ws-bench/bench.sh --jfr --scenarios fanout --servers gofr --report none
#   gofr-ws-bench/bench.sh --baseline-classpath "$(gofr-ws-bench/baseline.sh 6bc5efd)" \
#     --servers gofr-base,gofr,raw --scenarios echo,fanout --repeats 3 --report none  # before/after
#   gofr-ws-bench/bench.sh --baseline-classpath "$(gofr-ws-bench/baseline.sh HEAD)" --servers gofr-base,gofr \
#     --gofr-args "gofr.ws.container.socket-buffer-size=2KB" --base-args none --report none  # a setting's cost
set -euo pipefail
bench="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$bench")"

cd "$root"
./mvnw -q -B -pl gofr-ws-bench -am package -DskipTests

if command -v node > /dev/null && command -v npm > /dev/null; then
  if [ ! -f "$bench/target/node/node_modules/ws/package.json" ]; then
    npm install --silent --no-audit --no-fund --prefix "$bench/target/node" ws@8.23.0
  fi
  servers="gofr,gofr-jetty,raw,raw-jetty,node"
else
  echo "node/npm not found: running gofr and raw only, on Tomcat and on Jetty" >&2
  servers="gofr,gofr-jetty,raw,raw-jetty"
fi

args=("$@")
has() { for a in "${args[@]}"; do [ "$a" = "$1" ] && return 0; done; return 1; }
defaults=()
# an earlier build to compare with runs first, as gofr-base, unless --servers says otherwise
has --baseline-classpath && servers="gofr-base,$servers"
has --servers || defaults+=(--servers "$servers")
has --report || defaults+=(--report "$root/docs/performance.md")

exec java -cp "$bench/target/classes:$bench/target/lib/*" dev.gofr.ws.bench.runner.BenchRunner \
  --bench-dir "$bench" --command "gofr-ws-bench/bench.sh${*:+ $*}" "${defaults[@]}" "$@"
