#!/usr/bin/env bash
# Issue 9 §9, run inside scripts/multinode.sh: a session made on one node continues on the other;
# a change written through one node is read through the other and reaches the streaming replica;
# a logout on one node ends the session on both; nginx spreads requests over both nodes; and the
# daily jobs of a date ran on exactly one node (the job_runs row is the lock).
set -euo pipefail
: "${SKILLREG_NODE_A:?run through scripts/multinode.sh}"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
psql_at() { runuser -u postgres -- psql "$1" -tAc "$2" 2>/dev/null || psql "$1" -tAc "$2"; }
json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }

# A browser session (cookie + CSRF header) started on node A …
login=$(curl -fsS -c "$dir/jar" -H 'Content-Type: application/json' \
  -d '{"username":"province","password":"demo-2026"}' "$SKILLREG_NODE_A/api/v1/auth/login")
csrf=$(echo "$login" | json "['csrf_token']")
[ -n "$csrf" ] || fail "no CSRF token from the login"
# … is the same session on node B.
me=$(curl -fsS -b "$dir/jar" "$SKILLREG_NODE_B/api/v1/auth/me" | json "['user']['username']")
[ "$me" = province ] || fail "node B does not know node A's session (got '$me')"

# A change through node B (cookie + CSRF), read back through node A.
user="multinode$RANDOM"
status=$(curl -sS -o "$dir/created" -w '%{http_code}' -b "$dir/jar" -H "X-CSRF-Token: $csrf" \
  -H 'Content-Type: application/json' \
  -d "{\"username\":\"$user\",\"display_name\":\"多节点\",\"password\":\"multinode-2026-pw\",\"role\":\"city_officer\",\"region_code\":\"330100\"}" \
  "$SKILLREG_NODE_B/api/v1/users")
[ "$status" = 201 ] || fail "creating a user through node B answered $status: $(cat "$dir/created")"
id=$(json "['id']" <"$dir/created")
seen=$(curl -fsS -b "$dir/jar" "$SKILLREG_NODE_A/api/v1/users/$id" | json "['username']")
[ "$seen" = "$user" ] || fail "node A does not see the user node B created"
# Without the CSRF header a cookie session cannot change anything, on either node.
status=$(curl -sS -o /dev/null -w '%{http_code}' -b "$dir/jar" -H 'Content-Type: application/json' \
  -d '{}' "$SKILLREG_NODE_A/api/v1/auth/logout")
[ "$status" = 403 ] || fail "a state change without the CSRF header answered $status"

# The replica follows the primary.
[ "$(psql_at "$SKILLREG_REPLICA" 'SELECT pg_is_in_recovery()')" = t ] || fail "the replica is not a standby"
for _ in $(seq 1 100); do
  [ "$(psql_at "$SKILLREG_REPLICA" "SELECT COUNT(*) FROM users WHERE username = '$user'")" = 1 ] && break
  sleep 0.1
done
[ "$(psql_at "$SKILLREG_REPLICA" "SELECT COUNT(*) FROM users WHERE username = '$user'")" = 1 ] \
  || fail "the new user did not reach the replica"

# nginx sends requests to both nodes.
: >"$dir/upstreams"
for _ in $(seq 1 20); do
  curl -fsS -D - -o /dev/null "$SKILLREG_LB/api/v1/health" | tr -d '\r' \
    | awk -F': ' 'tolower($1) == "x-skillreg-upstream" {print $2}' >>"$dir/upstreams"
done
[ "$(sort -u "$dir/upstreams" | wc -l)" = 2 ] || fail "nginx used $(sort -u "$dir/upstreams" | wc -l) node(s), not 2"
# A session through nginx works whichever node answers.
token=$(curl -fsS -H 'Content-Type: application/json' -d '{"username":"hangzhou","password":"demo-2026"}' \
  "$SKILLREG_LB/api/v1/auth/login" | json "['token']")
for _ in $(seq 1 6); do
  [ "$(curl -fsS -H "Authorization: Bearer $token" "$SKILLREG_LB/api/v1/auth/me" | json "['user']['username']")" = hangzhou ] \
    || fail "a bearer session through nginx was lost"
done

# Logging out on node A ends the session on node B too.
status=$(curl -sS -o /dev/null -w '%{http_code}' -b "$dir/jar" -H "X-CSRF-Token: $csrf" -X POST \
  "$SKILLREG_NODE_A/api/v1/auth/logout")
[ "$status" = 204 ] || [ "$status" = 200 ] || fail "logout answered $status"
status=$(curl -sS -o /dev/null -w '%{http_code}' -b "$dir/jar" "$SKILLREG_NODE_B/api/v1/auth/me")
[ "$status" = 401 ] || fail "node B still accepts the session logged out on node A ($status)"

# The daily jobs of today ran once, on one node.
today=$(TZ=Asia/Shanghai date +%F)
for _ in $(seq 1 100); do
  [ "$(psql_at "$SKILLREG_PRIMARY" "SELECT COUNT(*) FROM job_runs WHERE job = 'daily' AND as_of = '$today'")" = 1 ] && break
  sleep 0.2
done
[ "$(psql_at "$SKILLREG_PRIMARY" "SELECT COUNT(*) FROM job_runs WHERE job = 'daily' AND as_of = '$today'")" = 1 ] \
  || fail "no daily run recorded for $today"
ran=$(grep -l "daily jobs for $today" "$SKILLREG_MULTINODE_DIR"/node-a.log "$SKILLREG_MULTINODE_DIR"/node-b.log | wc -l)
[ "$ran" = 1 ] || fail "the daily jobs ran on $ran nodes, not exactly 1"

echo "multinode: sessions cross nodes, writes reach the replica, nginx uses both nodes, daily jobs ran once"
