#!/usr/bin/env bash
# Export benchmark (issue 10 §4): a list of 1,000,000 rows exported whole as CSV
# (`GET /api/v1/audit?format=csv`) while the server's private memory is sampled. The baseline,
# in the same run, is the same server after answering ordinary pages of the same list; the
# result is the peak during the export against that baseline (a ratio), beside the size of the
# file — a server that held the export would grow by about the file's size.
#
#   make bench-export                (release build, then this script)
#   EXPORT_ROWS=200000 bash bench/export.sh
#
# Data: `skillreg demo` on a scratch SQLite database, then EXPORT_ROWS copies of its first audit
# entry written straight into audit_log with sqlite3 (the list reads rows; the hash chain is not
# what is measured). Memory: RssAnon + VmSwap of the server from /proc every 0.1 s.
set -euo pipefail

ROWS=${EXPORT_ROWS:-1000000}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${SKILLREG_BIN:-$ROOT/build/release/skillreg}
DOC=${EXPORT_DOC-$ROOT/docs/benchmarks.md}
[[ -x $BIN ]] || { echo "export: $BIN not built (make build)" >&2; exit 2; }
for tool in curl sqlite3 jq awk python3; do command -v "$tool" >/dev/null || { echo "export: $tool missing" >&2; exit 2; }; done

TMP=$(mktemp -d /tmp/skillreg-export.XXXXXX)
PID=""
cleanup() { [[ -n $PID ]] && kill "$PID" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$TMP"; }
trap cleanup EXIT
export SKILLREG_SIGNING_KEY_FILE=$TMP/signing.key SKILLREG_IDENTITY_KEY_FILE=$TMP/identity.key
DB=$TMP/skillreg.db
"$BIN" --database "sqlite:$DB" demo >"$TMP/demo.log" 2>&1
sqlite3 "$DB" <<SQL
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $ROWS)
INSERT INTO audit_log (seq, at, actor_user_id, actor_username, action, object_type, object_id, region_code,
                       institution_id, before_json, after_json, prev_hash, hash)
SELECT m.top + n.i, a.at, a.actor_user_id, a.actor_username, 'bench.copy', a.object_type, a.object_id,
       a.region_code, a.institution_id, a.before_json, a.after_json, a.prev_hash, a.hash
FROM audit_log a, n, (SELECT MAX(seq) AS top FROM audit_log) m WHERE a.seq = (SELECT MIN(seq) FROM audit_log);
UPDATE audit_head SET seq = (SELECT MAX(seq) FROM audit_log);
SQL
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
URL=http://127.0.0.1:$PORT
"$BIN" --database "sqlite:$DB" serve --listen "127.0.0.1:$PORT" --web-root "$TMP/none" >"$TMP/server.log" 2>&1 &
PID=$!
for _ in $(seq 1 300); do curl -sf -o /dev/null "$URL/api/v1/health" && break; sleep 0.1; done
TOKEN=$(curl -sf -H 'Content-Type: application/json' -d '{"username":"province","password":"demo-2026"}' \
  "$URL/api/v1/auth/login" | jq -r .token)
private_kib() { awk '/^RssAnon:|^VmSwap:/ { s += $2 } END { print s }' "/proc/$PID/status"; }

# Baseline: ordinary pages of the same list, first, middle and last.
for page in 1 2 3 2500 5000; do
  curl -sf -o /dev/null -H "Authorization: Bearer $TOKEN" "$URL/api/v1/audit?page=$page&page_size=200"
done
sleep 1
BASE=$(private_kib)
TOTAL=$(curl -sf -H "Authorization: Bearer $TOKEN" "$URL/api/v1/audit?page_size=1" | jq .total)

# The export, sampled while it streams.
PEAK=$BASE
START=$(date +%s.%N)
curl -sf -H "Authorization: Bearer $TOKEN" "$URL/api/v1/audit?format=csv" -o "$TMP/audit.csv" &
CURL=$!
while kill -0 "$CURL" 2>/dev/null; do
  now=$(private_kib); ((now > PEAK)) && PEAK=$now
  sleep 0.1
done
wait "$CURL"
SECONDS_TAKEN=$(awk -v s="$START" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')
LINES=$(python3 -c 'import csv, sys; print(sum(1 for _ in csv.reader(open(sys.argv[1], newline="", encoding="utf-8-sig"))) - 1)' "$TMP/audit.csv")
BYTES=$(stat -c %s "$TMP/audit.csv")
[[ $LINES -eq $TOTAL ]] || { echo "export: $LINES rows exported, $TOTAL in the list" >&2; exit 1; }
RATIO=$(awk -v p="$PEAK" -v b="$BASE" 'BEGIN { printf "%.2f", p / b }')
GROWTH_MIB=$(awk -v p="$PEAK" -v b="$BASE" 'BEGIN { printf "%.1f", (p - b) / 1024 }')
FILE_MIB=$(awk -v b="$BYTES" 'BEGIN { printf "%.0f", b / 1048576 }')
SHARE=$(awk -v p="$PEAK" -v b="$BASE" -v f="$BYTES" 'BEGIN { printf "%.1f", (p - b) * 1024 * 100 / f }')

# The time's baseline, in the same run: sqlite3 writing the same rows, newest first, as CSV
# straight from the database file (no HTTP, no scope filter, no JSON, no chunks).
BASE_START=$(date +%s.%N)
sqlite3 -csv -header "$DB" "SELECT * FROM audit_log ORDER BY seq DESC" >"$TMP/baseline.csv"
BASE_SECONDS=$(awk -v s="$BASE_START" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')
TIME_RATIO=$(awk -v a="$SECONDS_TAKEN" -v b="$BASE_SECONDS" 'BEGIN { printf "%.1f", a / b }')

SECTION=$TMP/section.md
cat >"$SECTION" <<MD
<!-- export:begin (written by bench/export.sh; bench/run.sh keeps this section) -->
## Export of a long list (issue 10 §4)

\`EXPORT_ROWS=$ROWS bash bench/export.sh\` (or \`make bench-export\`): \`GET /api/v1/audit?format=csv\`
as the province administrator over $(printf "%'d" "$TOTAL") audit entries on SQLite (release build,
$(nproc) cores), the server's private memory (RssAnon + VmSwap) sampled every 0.1 s. Baseline: the
same server after answering five ordinary pages of the same list.

| measure | value |
|---|---|
| rows exported (= rows in the list) | $(printf "%'d" "$LINES") |
| file | $FILE_MIB MiB in ${SECONDS_TAKEN} s |
| time against \`sqlite3 -csv\` of the same rows from the file (${BASE_SECONDS} s) | **×$TIME_RATIO** |
| private memory, baseline → peak during the export | $((BASE / 1024)) MiB → $((PEAK / 1024)) MiB (**×$RATIO**) |
| growth as a share of the file | $SHARE % |

The export reads the list in pages of 1,000 and sends each as a chunk once the previous one is
written, so the server holds about one page whatever the length; a server that built the file in
memory would grow by at least the file's size (100 %).
After the first page, each page is read by key (the rows after the last one's \`seq\`, see
PageRequest::after in src/store/paging.hpp) without counting the total again, so every page costs
the same and the time grows linearly with the length (it was quadratic with OFFSET paging: 673 s
for these rows before). The rest of the time against sqlite3 is the scope filter, building each
row's JSON in the list handler and turning it into CSV, and the chunked HTTP answer.
<!-- export:end -->
MD
if [[ -n $DOC ]]; then
  awk -v section="$SECTION" '
    function emit(   line) { while ((getline line < section) > 0) print line; close(section); done = 1 }
    /^<!-- export:begin/ { skip = 1; emit(); next }
    skip && /^<!-- export:end/ { skip = 0; next }
    skip { next }
    { print }
    END { if (!done) { print ""; emit() } }' "$DOC" >"$DOC.tmp"
  mv "$DOC.tmp" "$DOC"
fi
echo "export: $LINES rows, $FILE_MIB MiB in ${SECONDS_TAKEN}s (×$TIME_RATIO sqlite3 -csv, ${BASE_SECONDS}s); private memory $((BASE / 1024)) → $((PEAK / 1024)) MiB (×$RATIO, $SHARE % of the file)"
