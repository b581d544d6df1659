#!/usr/bin/env bash
# The multi-node deployment of docs/deploy.md on one machine: a PostgreSQL primary with a
# streaming replica, two `skillreg serve` nodes on the primary, and nginx in front of both.
#
#   scripts/multinode.sh SKILLREG_BINARY              # prints the addresses, serves until Ctrl-C
#   scripts/multinode.sh SKILLREG_BINARY COMMAND...   # runs COMMAND against it, then tears down
#
# COMMAND sees SKILLREG_LB (nginx), SKILLREG_NODE_A, SKILLREG_NODE_B (http://127.0.0.1:port),
# SKILLREG_PRIMARY, SKILLREG_REPLICA (libpq URLs of the skillreg database) and
# SKILLREG_MULTINODE_DIR (logs: node-a.log, node-b.log, nginx-error.log). Everything lives in a
# temp folder and is removed at the end; COMMAND's exit code is returned.
set -euo pipefail

bin=$(realpath "${1:?usage: multinode.sh SKILLREG_BINARY [COMMAND...]}")
shift
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -x "$pg_bin/initdb" ] || { echo "multinode: PostgreSQL server binaries not found" >&2; exit 1; }
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || { echo "multinode: nginx not found" >&2; exit 1; }
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)

as_postgres() { if [ "$(id -un)" = postgres ]; then "$@"; else runuser -u postgres -- "$@"; fi; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

dir=$(mktemp -d /tmp/skillreg-multinode-XXXXXX)
chmod 755 "$dir"
[ "$(id -u)" -eq 0 ] && chown postgres:postgres "$dir"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  [ -f "$dir/nginx.pid" ] && kill "$(cat "$dir/nginx.pid")" 2>/dev/null || true
  as_postgres "$pg_bin/pg_ctl" -D "$dir/replica" -m immediate stop >/dev/null 2>&1 || true
  as_postgres "$pg_bin/pg_ctl" -D "$dir/primary" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT

# 1. The primary, with WAL for a streaming replica (initdb -A trust also trusts replication
#    connections from 127.0.0.1; a real deployment uses scram-sha-256 and a replication role).
p_port=$(free_port)
as_postgres "$pg_bin/initdb" -D "$dir/primary" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
  || { cat "$dir/initdb.log" >&2; exit 1; }
as_postgres "$pg_bin/pg_ctl" -D "$dir/primary" -l "$dir/primary.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -p $p_port -k $dir -c wal_level=replica -c max_wal_senders=4 -c max_connections=200" \
  start >/dev/null || { cat "$dir/primary.log" >&2; exit 1; }
as_postgres "$pg_bin/psql" -h 127.0.0.1 -p "$p_port" -U postgres -qc "CREATE DATABASE skillreg" >/dev/null

# 2. The replica: a base backup that streams from the primary (-R writes primary_conninfo).
r_port=$(free_port)
as_postgres "$pg_bin/pg_basebackup" -h 127.0.0.1 -p "$p_port" -U postgres -D "$dir/replica" -R -X stream -c fast >/dev/null
as_postgres "$pg_bin/pg_ctl" -D "$dir/replica" -l "$dir/replica.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -p $r_port -k $dir -c hot_standby=on -c max_connections=200" start >/dev/null \
  || { cat "$dir/replica.log" >&2; exit 1; }

export SKILLREG_PRIMARY="postgresql://postgres@127.0.0.1:$p_port/skillreg"
export SKILLREG_REPLICA="postgresql://postgres@127.0.0.1:$r_port/skillreg"
# Every node uses the same keys: the identity key seals identity numbers, the signing key signs
# certificate QR codes (docs/configuration.md).
export SKILLREG_IDENTITY_KEY_FILE="$dir/identity.key" SKILLREG_SIGNING_KEY_FILE="$dir/signing.key"

# 3. The schema and the demo province, once, then two nodes on the primary.
"$bin" --database "$SKILLREG_PRIMARY" demo >"$dir/demo.log" 2>&1 || { cat "$dir/demo.log" >&2; exit 1; }
start_node() {  # name port
  "$bin" --database "$SKILLREG_PRIMARY" serve --listen "127.0.0.1:$2" --web-root "$dir/no-front-end" \
    >"$dir/node-$1.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 600); do
    curl -fsS "http://127.0.0.1:$2/api/v1/health" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "multinode: node $1 did not start" >&2; cat "$dir/node-$1.log" >&2; exit 1
}
a_port=$(free_port); start_node a "$a_port"
b_port=$(free_port); start_node b "$b_port"

# 4. nginx in front: round robin over both nodes; the answering node is named in a header.
lb_port=$(free_port)
mkdir -p "$dir/nginx"
cat >"$dir/nginx.conf" <<CONF
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/nginx-error.log;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path $dir/nginx/body;
  proxy_temp_path $dir/nginx/proxy;
  fastcgi_temp_path $dir/nginx/fastcgi;
  uwsgi_temp_path $dir/nginx/uwsgi;
  scgi_temp_path $dir/nginx/scgi;
  upstream skillreg { server 127.0.0.1:$a_port; server 127.0.0.1:$b_port; keepalive 16; }
  server {
    listen 127.0.0.1:$lb_port;
    client_max_body_size 64m;
    location / {
      proxy_pass http://skillreg;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      add_header X-Skillreg-Upstream \$upstream_addr always;
    }
  }
}
CONF
"$nginx_bin" -c "$dir/nginx.conf" -p "$dir/nginx" -e "$dir/nginx-error.log"

export SKILLREG_NODE_A="http://127.0.0.1:$a_port" SKILLREG_NODE_B="http://127.0.0.1:$b_port"
export SKILLREG_LB="http://127.0.0.1:$lb_port" SKILLREG_MULTINODE_DIR="$dir"
echo "multinode: nginx $SKILLREG_LB → nodes $SKILLREG_NODE_A, $SKILLREG_NODE_B;" \
     "primary 127.0.0.1:$p_port, replica 127.0.0.1:$r_port"
if [ $# -eq 0 ]; then
  echo "multinode: serving until Ctrl-C (demo logins as in README.md)"
  wait "${pids[0]}"
  exit 0
fi
set +e
"$@"
rc=$?
set -e
exit $rc
