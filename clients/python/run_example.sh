#!/usr/bin/env bash
# Test driver for example.py (run by CTest): generates the stubs into WORK_DIR, starts tocflowd
# on a free loopback port with a fresh database, runs the example with /usr/bin/python3, checks
# its output and stops the server. With `tls` it first makes a test CA and a server certificate
# with openssl and a principals file, serves TLS with tokens checked, and runs the example with
# --tls-ca and --token (and once without the token, which must be refused).
# usage: clients/python/run_example.sh TOCFLOWD WORK_DIR [tls]
set -euo pipefail
tocflowd=${1:?usage: run_example.sh TOCFLOWD WORK_DIR [tls]}
work=${2:?usage: run_example.sh TOCFLOWD WORK_DIR [tls]}
mode=${3:-plain}
here="$(cd "$(dirname "$0")" && pwd)"
rm -rf "$work" && mkdir -p "$work"
"$here/generate_stubs.sh" "$work/stubs"

server_flags=()
client_flags=()
if [ "$mode" = tls ]; then
  token="python-example-token-$RANDOM$RANDOM"
  ec=(-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes)
  {
    openssl req -x509 "${ec[@]}" -days 2 -subj "/CN=tocflow test CA" \
      -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign \
      -keyout "$work/ca.key" -out "$work/ca.pem"
    openssl req "${ec[@]}" -subj "/CN=localhost" -keyout "$work/server.key" -out "$work/server.csr"
    printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n' \
      >"$work/server.ext"
    openssl x509 -req -days 2 -in "$work/server.csr" -CA "$work/ca.pem" -CAkey "$work/ca.key" \
      -set_serial 1001 -extfile "$work/server.ext" -out "$work/server.pem"
  } >"$work/openssl.log" 2>&1 || { cat "$work/openssl.log"; exit 1; }
  # The principals file holds the token's SHA-256 only (README "Security").
  echo "token:$(printf %s "$token" | sha256sum | cut -d' ' -f1) python-example discharge_team RXX" \
    >"$work/principals"
  server_flags=(--tls-cert "$work/server.pem" --tls-key "$work/server.key"
                --principals "$work/principals")
  client_flags=(--tls-ca "$work/ca.pem")
fi

mkfifo "$work/server.out"
"$tocflowd" --db "$work/x.db" --listen 127.0.0.1:0 --synchronous normal "${server_flags[@]}" \
  >"$work/server.out" &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true' EXIT
exec 3<"$work/server.out"
first=""
IFS= read -r -t 30 first <&3 || { echo "tocflowd did not start"; exit 1; }
cat <&3 >/dev/null &   # keep draining the server's output
address=$(sed -n 's/^tocflowd: serving tocflow.v1 on \([^ ]*\).*/\1/p' <<<"$first")
[ -n "$address" ] || { echo "unexpected first line: $first"; exit 1; }

example=(/usr/bin/python3 "$here/example.py" --stubs "$work/stubs" --target "$address"
         "${client_flags[@]}")
if [ "$mode" = tls ]; then
  # Without the token tocflowd refuses the first call.
  if refused=$(TOCFLOW_TOKEN= "${example[@]}" 2>&1); then
    echo "the example ran without a token:"; echo "$refused"; exit 1
  fi
  grep -qF UNAUTHENTICATED <<<"$refused" || { echo "not UNAUTHENTICATED:"; echo "$refused"; exit 1; }
  example+=(--token "$token")
fi
out=$("${example[@]}")
echo "$out"
if [ "$mode" = tls ] && grep -qF -- "$token" <<<"$out"; then echo "the token was printed"; exit 1; fi
for want in "opened case " "recorded ready_for_discharge -> version 2" \
            "recorded pathway_agreed -> version 3" "refused: FAILED_PRECONDITION" \
            "recorded discharged -> version 4" "ALERT_KIND_CASE_OPENED" \
            "ALERT_KIND_DISCHARGED" "stay=Discharged" "example: done,"; do
  grep -qF -- "$want" <<<"$out" || { echo "missing: $want"; exit 1; }
done
echo "python example ($mode): OK"
