#!/usr/bin/env bash
# Test driver for example.py (run by CTest): generates the stubs into WORK_DIR, starts tocflowd
# on a free loopback port with a fresh database, runs the example with /usr/bin/python3, checks
# its output and stops the server.
# usage: clients/python/run_example.sh TOCFLOWD WORK_DIR
set -euo pipefail
tocflowd=${1:?usage: run_example.sh TOCFLOWD WORK_DIR}
work=${2:?usage: run_example.sh TOCFLOWD WORK_DIR}
here="$(cd "$(dirname "$0")" && pwd)"
rm -rf "$work" && mkdir -p "$work"
"$here/generate_stubs.sh" "$work/stubs"

mkfifo "$work/server.out"
"$tocflowd" --db "$work/x.db" --listen 127.0.0.1:0 --synchronous normal >"$work/server.out" &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true' EXIT
exec 3<"$work/server.out"
first=""
IFS= read -r -t 30 first <&3 || { echo "tocflowd did not start"; exit 1; }
cat <&3 >/dev/null &   # keep draining the server's output
address=$(sed -n 's/^tocflowd: serving tocflow.v1 on \([^ ]*\).*/\1/p' <<<"$first")
[ -n "$address" ] || { echo "unexpected first line: $first"; exit 1; }

out=$(/usr/bin/python3 "$here/example.py" --stubs "$work/stubs" --target "$address")
echo "$out"
for want in "opened case " "recorded ready_for_discharge -> version 2" \
            "recorded pathway_agreed -> version 3" "refused: FAILED_PRECONDITION" \
            "recorded discharged -> version 4" "ALERT_KIND_CASE_OPENED" \
            "ALERT_KIND_DISCHARGED" "stay=Discharged" "example: done,"; do
  grep -qF -- "$want" <<<"$out" || { echo "missing: $want"; exit 1; }
done
echo "python example: OK"
