#!/usr/bin/env bash
# Browser tests of the front end: a fresh demo database, the server on a free port serving
# web/dist, and node's test runner driving Debian's Chromium through playwright-core.
#   bash tests/e2e/run.sh <path-to-skillreg-binary> [test files…]   (from the repository root;
#   every tests/e2e/*.test.mjs when no file is named)
# ctest runs it as e2e_browser with the debug binary. `make test` builds the front end first.
set -euo pipefail

bin=${1:?usage: tests/e2e/run.sh <path-to-skillreg-binary> [test files…]}
shift
if [ $# -gt 0 ]; then files=("$@"); else files=(tests/e2e/*.test.mjs); fi
root=$(pwd)
[ -x "$bin" ] || { echo "e2e: no executable server binary at '$bin'" >&2; exit 2; }
export SKILLREG_BIN="$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")"  # for tests that start a server of their own
[ -f web/dist/index.html ] || { echo "e2e: web/dist is missing; build the front end first: make web (or cd web && npm ci && npm run build)" >&2; exit 2; }
[ -d web/node_modules/playwright-core ] || { echo "e2e: web/node_modules is missing; install it first: cd web && npm ci" >&2; exit 2; }
chromium=${CHROMIUM:-/usr/bin/chromium}
[ -x "$chromium" ] || { echo "e2e: no Chromium at $chromium (apt-get install chromium fonts-noto-cjk)" >&2; exit 2; }
command -v node >/dev/null || { echo "e2e: node is not installed" >&2; exit 2; }
command -v curl >/dev/null || { echo "e2e: curl is not installed" >&2; exit 2; }

free_port() {
  if command -v python3 >/dev/null 2>&1; then
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
  else
    local p
    for _ in $(seq 1 50); do
      p=$(shuf -i 20000-60999 -n 1)
      if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return; fi
    done
    echo "e2e: no free port found" >&2
    return 1
  fi
}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/skillreg-e2e.XXXXXX")
export SKILLREG_SIGNING_KEY_FILE="$tmp/signing.key" SKILLREG_IDENTITY_KEY_FILE="$tmp/identity.key"
# The webhook card's test saves a loopback URL, which a real server refuses (docs/configuration.md).
export SKILLREG_WEBHOOK_ALLOW_PRIVATE=127.0.0.0/8
server_pid=""
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT
trap "exit 130" INT TERM

"$bin" --database "sqlite:$tmp/e2e.db" demo >"$tmp/demo.log" 2>&1 || { cat "$tmp/demo.log" >&2; exit 1; }

port=$(free_port)
base="http://127.0.0.1:$port"
"$bin" --database "sqlite:$tmp/e2e.db" serve --listen "127.0.0.1:$port" --web-root "$root/web/dist" >"$tmp/server.log" 2>&1 &
server_pid=$!

# The port was free when free_port looked, but a server of a test running beside this suite may
# take it first: only our server's own "listening" line says the port is ours.
for _ in $(seq 1 150); do
  if grep -q "listening on $base " "$tmp/server.log" && curl -fsS "$base/api/v1/health" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$server_pid" 2>/dev/null; then
    echo "e2e: the server exited during start-up:" >&2
    cat "$tmp/server.log" >&2
    exit 1
  fi
  sleep 0.2
done
grep -q "listening on $base " "$tmp/server.log" && curl -fsS "$base/api/v1/health" >/dev/null || { echo "e2e: the server did not answer on $base" >&2; cat "$tmp/server.log" >&2; exit 1; }

mkdir -p tests/e2e/output
# The failing tests with their errors, written again on their own: ctest prints this run's output in
# the middle of everything else, and `make test` prints this file last (Makefile).
failures="$root/tests/e2e/output/failures.txt"
rm -f "$failures"
echo "e2e: server at $base (log: kept on failure), screenshots in tests/e2e/output"
export BASE_URL="$base" SCREENSHOT_DIR="$root/tests/e2e/output" CHROMIUM="$chromium"
set +e
if node --test-concurrency=1 -e 0 >/dev/null 2>&1; then
  node --test --test-concurrency=1 --test-reporter=tap --test-reporter-destination=stdout \
    --test-reporter=spec --test-reporter-destination="$tmp/spec.txt" "${files[@]}"
  status=$?
  # The spec reporter's closing section, without the stack frames inside node and its packages.
  if [ "$status" -ne 0 ] && [ -f "$tmp/spec.txt" ]; then
    sed -n '/failing tests:/,$p' "$tmp/spec.txt" | grep -v -E '^ +at .*(node:|node_modules)' \
      | sed 's/\x1b\[[0-9;]*m//g' >"$failures" || true
  fi
else
  # An older node without --test-concurrency: one file after the other.
  status=0
  for f in "${files[@]}"; do node --test "$f" || status=1; done
fi
set -e
if [ "$status" -ne 0 ]; then
  echo "e2e: tests failed; last lines of the server log:" >&2
  tail -n 40 "$tmp/server.log" >&2
fi
exit "$status"
