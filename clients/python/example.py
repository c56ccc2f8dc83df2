#!/usr/bin/python3
"""Calling tocflowd from Python: open a case, record events, watch the case's alerts.

Run with Debian's interpreter, which has python3-grpcio and python3-protobuf:

    clients/python/generate_stubs.sh build/python      # tocflow/v1/*_pb2*.py from proto/
    /usr/bin/python3 clients/python/example.py --stubs build/python --target 127.0.0.1:50051

Against a tocflowd that checks credentials (README "Security"), add --token TOKEN (sent as
`authorization: Bearer TOKEN`) and, when it serves TLS, --tls-ca CA.pem (and
--tls-server-name NAME when its certificate names another host than --target's).

Every command carries a request_id: resending it after UNAVAILABLE or a timeout is safe, the
server applies it once. Errors arrive as grpc.RpcError with a status code and a message that
names the field or the state (see the comments in proto/tocflow/v1/*.proto).
"""
import argparse
import os
import sys
import threading
import time
import uuid


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--target", default="127.0.0.1:50051", help="tocflowd address")
    parser.add_argument("--stubs", required=True, help="directory of the generated modules")
    parser.add_argument("--token", default=os.environ.get("TOCFLOW_TOKEN", ""),
                        help="bearer token (default $TOCFLOW_TOKEN); never printed")
    parser.add_argument("--tls-ca", default=os.environ.get("TOCFLOW_TLS_CA", ""),
                        help="PEM CA file: connect with TLS and verify tocflowd against it")
    parser.add_argument("--tls-server-name", default="",
                        help="the name tocflowd's certificate carries, if not --target's host")
    args = parser.parse_args()
    sys.path.insert(0, args.stubs)

    import grpc
    from google.protobuf.timestamp_pb2 import Timestamp
    from tocflow.v1 import alerts_pb2, alerts_pb2_grpc, cases_pb2, cases_pb2_grpc
    from tocflow.v1 import common_pb2, events_pb2

    print_lock = threading.Lock()

    def say(*parts):  # one whole line at a time: the watch thread prints too
        with print_lock:
            print(*parts, flush=True)

    def at(hours_ago):
        return Timestamp(seconds=int(time.time() - hours_ago * 3600))

    # TLS: gRPC's SSL channel credentials with the token as call credentials. Without TLS gRPC
    # refuses call credentials, so the token goes as plain metadata on every call (tocflowd
    # accepts that on loopback).
    auth = {}
    if args.tls_ca:
        with open(args.tls_ca, "rb") as ca:
            credentials = grpc.ssl_channel_credentials(root_certificates=ca.read())
        if args.token:
            credentials = grpc.composite_channel_credentials(
                credentials, grpc.access_token_call_credentials(args.token))
        options = ([("grpc.ssl_target_name_override", args.tls_server_name)]
                   if args.tls_server_name else [])
        channel = grpc.secure_channel(args.target, credentials, options=options)
    else:
        channel = grpc.insecure_channel(args.target)
        if args.token:
            auth = {"metadata": [("authorization", "Bearer " + args.token)]}
    cases = cases_pb2_grpc.CaseServiceStub(channel)
    alerts = alerts_pb2_grpc.AlertServiceStub(channel)

    # 1. Open a case for a hospital spell (CreateCase is idempotent by request_id).
    spell = "PY-" + uuid.uuid4().hex[:8]
    opened = cases.CreateCase(cases_pb2.CreateCaseRequest(
        request_id=str(uuid.uuid4()), actor="python-example",
        opening=events_pb2.CaseOpened(
            nhs_number="9434765919", local_patient_id="MRN-PY", spell_id=spell,
            provider_ods="RXX", ward="WARD1", setting=common_pb2.SETTING_ACUTE,
            local_authority="E09000001", icb="QXX", admitted_at=at(3),
            admission_method=common_pb2.ADMISSION_METHOD_ELECTIVE,
            notice_exclusion=common_pb2.NOTICE_EXCLUSION_NONE)), timeout=10, **auth)
    say("opened case", opened.case_id, "version", opened.version)

    # 2. Watch the case's alerts on a thread: after_cursor=0 replays the stored ones first,
    #    then follows new ones, without gaps or repeats.
    received = []
    done = threading.Event()
    watch = alerts.WatchAlerts(alerts_pb2.WatchAlertsRequest(
        filter=alerts_pb2.AlertFilter(case_id=opened.case_id), after_cursor=0), **auth)

    def follow():
        try:
            for alert in watch:
                received.append(alert)
                say("alert", alert.cursor, common_pb2.AlertKind.Name(alert.kind),
                      common_pb2.Severity.Name(alert.severity) + ":", alert.message)
                if alert.kind == common_pb2.ALERT_KIND_DISCHARGED:
                    done.set()
        except grpc.RpcError as error:
            if error.code() != grpc.StatusCode.CANCELLED:
                say("watch ended:", error.code().name, error.details())
        done.set()

    threading.Thread(target=follow, daemon=True).start()

    # 3. Record events, in the order they happened.
    def record(hours_ago, **event):
        response = cases.RecordEvent(cases_pb2.RecordEventRequest(
            case_id=opened.case_id, request_id=str(uuid.uuid4()), actor="python-example",
            occurred_at=at(hours_ago), event=events_pb2.Event(**event)), timeout=10, **auth)
        say("recorded", next(iter(event)), "-> version", response.version)

    record(2, ready_for_discharge=events_pb2.ReadyForDischarge())
    record(1, pathway_agreed=events_pb2.PathwayAgreed(pathway=common_pb2.PATHWAY_1))
    try:  # no statutory notices under the default rule set: refused, and the status says why
        record(0.5, la_services_in_place=events_pb2.LaServicesInPlace())
    except grpc.RpcError as error:
        say("refused:", error.code().name, "-", error.details().split(":")[0])
    record(0, discharged=events_pb2.Discharged(destination="usual residence"))

    done.wait(timeout=20)
    watch.cancel()
    case = cases.GetCase(cases_pb2.GetCaseRequest(case_id=opened.case_id), timeout=10, **auth)
    states = ", ".join(s.region + "=" + s.state for s in case.states)
    say("case", case.case_id, "version", case.version, "states:", states)
    say("example: done,", len(received), "alerts")
    return 0 if any(a.kind == common_pb2.ALERT_KIND_DISCHARGED for a in received) else 1


if __name__ == "__main__":
    sys.exit(main())
