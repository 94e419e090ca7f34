#!/usr/bin/env bash
# Builds gofr-ws-bench as it was at a git revision, for a before/after comparison, and prints the
# class path to give the runner as --baseline-classpath:
#   gofr-ws-bench/bench.sh --baseline-classpath "$(gofr-ws-bench/baseline.sh 6bc5efd)" \
#     --servers gofr-base,gofr,raw --scenarios echo,fanout --repeats 3 --report none
# The revision is checked out in a detached git worktree under
# gofr-ws-bench/target/baseline-<rev>, which a later call reuses; remove it with
# `git worktree remove --force gofr-ws-bench/target/baseline-<rev>`. Only the class path goes to
# standard output; the build's output goes to standard error.
set -euo pipefail
rev="${1:?usage: gofr-ws-bench/baseline.sh <git-rev>}"
bench="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$bench")"

cd "$root"
commit="$(git rev-parse --verify --quiet "$rev^{commit}")" || { echo "baseline.sh: no commit '$rev'" >&2; exit 1; }
git cat-file -e "$commit:gofr-ws-bench/pom.xml" 2> /dev/null \
  || { echo "baseline.sh: $rev has no gofr-ws-bench module" >&2; exit 1; }
dir="$bench/target/baseline-${rev//\//-}"

if [ -e "$dir/.git" ]; then
  # a branch name may have moved since the worktree was made
  [ "$(git -C "$dir" rev-parse HEAD)" = "$commit" ] || git -C "$dir" checkout -q --detach "$commit" >&2
else
  # -f: the directory may be registered still after `mvn clean` deleted it
  git worktree add -f --detach "$dir" "$commit" >&2
fi

cd "$dir"
# Maven prints its errors to standard output, which must hold only the class path
if ! ./mvnw -q -B -o -pl gofr-ws-bench -am package -DskipTests >&2; then
  echo "baseline.sh: the offline build of $rev failed; trying online" >&2
  ./mvnw -q -B -pl gofr-ws-bench -am package -DskipTests >&2
fi
echo "$dir/gofr-ws-bench/target/classes:$dir/gofr-ws-bench/target/lib/*"
