#!/usr/bin/env bash
# Runs every test of the project: Go (unit, golden frames, emulator-backed integration, the e2e test that
# starts the built plugin binary as Grafana does), the race detector on the concurrent packages, the
# frontend (typecheck, lint, jest, production build) and the real-Chromium test of the editors.
# It installs what it needs first (Debian's chromium, npm packages from package-lock.json, Go modules), so
# it works on a fresh machine. README.md names this as the test command; .ci/run calls it.
set -euo pipefail
cd "$(dirname "$0")/.."

passed=0
failed=0
failures=()
step() {
  local name=$1
  shift
  echo
  echo "=== ${name}: $*"
  local start=$SECONDS
  if "$@"; then
    passed=$((passed + 1))
    echo "=== ${name}: passed in $((SECONDS - start)) s"
  else
    failed=$((failed + 1))
    failures+=("$name")
    echo "=== ${name}: FAILED after $((SECONDS - start)) s"
  fi
}

install_chromium() {
  if command -v chromium >/dev/null 2>&1; then return 0; fi
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
}

install_npm() {
  # npm ci takes about 100 s: skip it when node_modules was installed from the current lock file.
  if [ node_modules/.package-lock.json -nt package-lock.json ]; then return 0; fi
  npm ci --no-audit --no-fund
}

gofmt_clean() {
  local out
  out=$(gofmt -l $(git ls-files '*.go'))
  if [ -n "$out" ]; then
    echo "gofmt would change:"
    echo "$out"
    return 1
  fi
}

# self_contained fails when a tracked file reads the shared/ folder of the team machine (beside the clone, or
# by its absolute path): a fresh `git clone` has none, so such a test or build step passes only where it is.
# The patterns are regular expressions, so this file does not match itself.
self_contained() {
  local hits
  hits=$(git grep -n -I -e '\.\./shared' -e '/work/share[d]' || true)
  if [ -n "$hits" ]; then
    echo "these tracked files read the shared/ folder beside the clone, which a fresh clone lacks; copy what"
    echo "they need into the repository (testdata with a SOURCES.md saying where it came from) and read it there:"
    echo "$hits"
    return 1
  fi
}

step "self-contained repository" self_contained
step "install chromium" install_chromium
step "install npm packages" install_npm
step "go modules" go mod download
step "gofmt" gofmt_clean
step "go vet" go vet ./...
step "go test" go test -count=1 -timeout 15m ./...
step "provisioning uses current Defender names" go run ./cmd/quarry-migrate -check provisioning/
step "go test -race (concurrent packages)" go test -count=1 -race -timeout 10m ./pkg/emulator/ ./pkg/quota/...
step "frontend typecheck" npm run --silent typecheck
step "frontend lint" npm run --silent lint
step "frontend unit tests" npm run --silent test:ci
step "frontend build" npm run --silent build
step "editors in Chromium" npm run --silent test:browser

echo
if [ "$failed" -gt 0 ]; then
  echo "failed steps: ${failures[*]}"
fi
echo "steps: ${passed} passed, ${failed} failed"
[ "$failed" -eq 0 ]
