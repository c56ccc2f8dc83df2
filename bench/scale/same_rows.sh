#!/usr/bin/env bash
# Compares what two tocflowd store files hold, table by table: prints the md5 of each table's rows
# in both files, in key order, leaving out what depends on the order of writing (alert ids, the
# names of request ids). Used to check that gen_cases' HistoryImporter writes the same rows as the
# CommandEngine (bench/README finding 21). Uses the sqlite3 command line (scripts/setup installs
# it).
#
#   bench/scale/same_rows.sh A.db B.db    (a 1 M-case pair takes about 5 minutes)
set -euo pipefail
a=$1
b=$2
md5() { sqlite3 -readonly "$1" "$2" | md5sum | cut -c1-12; }
status=0
for sql in \
  "SELECT * FROM cases ORDER BY case_id" \
  "SELECT case_id, seq, type, hex(payload), actor, occurred_at, recorded_at, request_id IS NULL FROM events ORDER BY case_id, seq" \
  "SELECT case_id, kind, severity, message, raised_at, due_at, pence_per_day, provider_ods, ward, local_authority, icb FROM alerts ORDER BY case_id, id" \
  "SELECT a.case_id, r.ord, r.role, r.party FROM alert_recipients r JOIN alerts a ON a.id = r.alert_id ORDER BY a.case_id, a.id, r.ord" \
  "SELECT * FROM deadlines ORDER BY case_id, kind" \
  "SELECT case_id, version, hex(result), recorded_at FROM requests ORDER BY case_id, version"; do
  left=$(md5 "$a" "$sql")
  right=$(md5 "$b" "$sql")
  [[ "$left" == "$right" ]] && verdict=same || { verdict=DIFFERENT; status=1; }
  echo "$verdict $left $right  ${sql:0:70}"
done
exit $status
