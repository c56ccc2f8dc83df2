#!/usr/bin/env bash
# Generates the Python modules of the tocflow.v1 API from proto/ into OUT_DIR (never into the
# source tree): OUT_DIR/tocflow/v1/*_pb2.py (messages) and *_pb2_grpc.py (stubs).
# Needs Debian's protobuf-compiler and protobuf-compiler-grpc (grpc_python_plugin).
# usage: clients/python/generate_stubs.sh OUT_DIR
set -euo pipefail
out=${1:?usage: generate_stubs.sh OUT_DIR}
proto_dir="$(cd "$(dirname "$0")/../../proto" && pwd)"
mkdir -p "$out"
protoc -I "$proto_dir" --python_out="$out" --grpc_out="$out" \
  --plugin=protoc-gen-grpc=/usr/bin/grpc_python_plugin "$proto_dir"/tocflow/v1/*.proto
