// tocflow alerts watch|list|ack.
#include <algorithm>
#include <memory>
#include <thread>

#include "case_view.h"
#include "cli/format.h"
#include "cli/json_output.h"
#include "commands.h"

namespace tocflow::cli {
namespace {

namespace v1 = tocflow::v1;

struct AlertArgs {
  std::vector<std::string> roles;
  std::string party, provider, la, icb, case_id;
  std::optional<int64_t> from;
  bool unacked = false, acked = false;
  int64_t cursor = 0;
  std::string by;
};

absl::StatusOr<v1::AlertFilter> Filter(const AlertArgs& args) {
  v1::AlertFilter filter;
  for (const std::string& r : args.roles) {
    auto role = ParseEnum(v1::Role_descriptor(), r);
    if (!role.ok())
      return absl::InvalidArgumentError("--role: " + std::string(role.status().message()));
    filter.add_roles(static_cast<v1::Role>(*role));
  }
  filter.set_party(args.party);
  filter.set_provider_ods(args.provider);
  filter.set_local_authority(args.la);
  filter.set_icb(args.icb);
  filter.set_case_id(args.case_id);
  return filter;
}

// The stream ended because the server stopped or shed the watcher: resume. (This client never
// cancels its own watch, so CANCELLED comes from a server shutting down.)
bool Retryable(grpc::StatusCode code) {
  return code == grpc::StatusCode::UNAVAILABLE || code == grpc::StatusCode::CANCELLED ||
         code == grpc::StatusCode::RESOURCE_EXHAUSTED ||
         code == grpc::StatusCode::DEADLINE_EXCEEDED;
}

int Watch(CliState& state, const AlertArgs& args) {
  auto filter = Filter(args);
  if (!filter.ok()) return UsageError(std::string(filter.status().message()));
  if (args.from && *args.from < 0) return UsageError("--from: a cursor is >= 0");
  auto connection = Connection::Open(state.global);
  if (!connection) return kExitUnreachable;
  std::optional<int64_t> cursor = args.from;
  auto backoff = std::chrono::milliseconds(200);
  while (true) {
    grpc::ClientContext context;
    v1::WatchAlertsRequest request;
    *request.mutable_filter() = *filter;
    if (cursor) request.set_after_cursor(*cursor);
    // Batches: a backlog (or a busy organisation) arrives in few messages.
    auto reader = connection->alerts().WatchAlertBatches(&context, request);
    v1::AlertBatch batch;
    while (reader->Read(&batch)) {
      for (const v1::Alert& alert : batch.alerts()) {
        if (state.global.json) {
          PrintJson(alert, std::cout, /*one_line=*/true);
        } else {
          std::cout << AlertLine(alert) << "\n";
        }
        cursor = alert.cursor();
      }
      std::cout.flush();
      backoff = std::chrono::milliseconds(200);
    }
    grpc::Status status = reader->Finish();
    if (!Retryable(status.error_code())) return Fail(status, state.global);
    std::cerr << "tocflow: watch interrupted (" << StatusCodeName(status.error_code())
              << "); reconnecting to " << state.global.server << " and resuming "
              << (cursor ? "after cursor " + std::to_string(*cursor) : std::string("from now"))
              << "\n";
    std::this_thread::sleep_for(backoff);  // backoff between reconnection attempts
    backoff = std::min(backoff * 2, std::chrono::milliseconds(5000));
  }
}

int List(CliState& state, const AlertArgs& args) {
  auto filter = Filter(args);
  if (!filter.ok()) return UsageError(std::string(filter.status().message()));
  if (args.acked && args.unacked) return UsageError("--acked and --unacked exclude each other");
  v1::ListAlertsRequest request;
  *request.mutable_filter() = *filter;
  request.set_ack_state(args.acked     ? v1::ACK_STATE_ACKNOWLEDGED
                        : args.unacked ? v1::ACK_STATE_UNACKNOWLEDGED
                                       : v1::ACK_STATE_UNSPECIFIED);
  request.set_page_size(1000);
  auto connection = Connection::Open(state.global);
  if (!connection) return kExitUnreachable;
  v1::ListAlertsResponse all;
  do {
    v1::ListAlertsResponse page;
    grpc::Status status = connection->alerts().ListAlerts(Connection::Call().get(), request, &page);
    if (!status.ok()) return Fail(status, state.global);
    for (auto& a : *page.mutable_alerts()) *all.add_alerts() = std::move(a);
    request.set_page_token(page.next_page_token());
  } while (!request.page_token().empty());
  if (state.global.json) {
    PrintJson(all, std::cout);
  } else {
    PrintAlerts(all, std::cout);
  }
  return kExitOk;
}

int Ack(CliState& state, const AlertArgs& args) {
  if (args.cursor <= 0) return UsageError("the alert's cursor is a number > 0");
  WriteOptions who;
  who.actor = args.by;
  v1::AckAlertRequest request;
  request.set_cursor(args.cursor);
  request.set_acknowledged_by(Actor(who));
  auto connection = Connection::Open(state.global);
  if (!connection) return kExitUnreachable;
  v1::Alert reply;
  grpc::Status status = connection->alerts().AckAlert(Connection::Call().get(), request, &reply);
  if (!status.ok()) return Fail(status, state.global);
  if (state.global.json) {
    PrintJson(reply, std::cout);
  } else {
    std::cout << "acknowledged by " << reply.acknowledged_by() << " at "
              << FormatUkDateTime(reply.acknowledged_at()) << ": " << AlertLine(reply) << "\n";
  }
  return kExitOk;
}

void AddFilterOptions(CLI::App* command, AlertArgs& args) {
  command->add_option("--role", args.roles,
                      "alerts for this role (repeatable): " + EnumChoices(v1::Role_descriptor()));
  command->add_option("--party", args.party, "alerts for this person or team");
  command->add_option("--provider", args.provider, "provider ODS code");
  command->add_option("--la", args.la, "local authority code");
  command->add_option("--icb", args.icb, "ICB code");
  command->add_option("--case", args.case_id, "one case");
}

}  // namespace

void AddAlertCommands(CLI::App& app, CliState& state) {
  auto args = std::make_shared<AlertArgs>();
  CLI::App* group = app.add_subcommand("alerts", "follow, list and acknowledge alerts");
  group->require_subcommand(1);

  CLI::App* watch = group->add_subcommand(
      "watch",
      "follow alerts live; reconnects and resumes from the last cursor when the "
      "server restarts (Ctrl-C stops)");
  AddFilterOptions(watch, *args);
  watch->add_option("--from", args->from,
                    "resume after this cursor (0: every stored alert; default: from now)");
  AddGlobalOptions(watch, state);
  SetAction(watch, state, [&state, args] { return Watch(state, *args); });

  CLI::App* list = group->add_subcommand("list", "list stored alerts in cursor order");
  AddFilterOptions(list, *args);
  list->add_flag("--unacked", args->unacked, "only alerts not acknowledged");
  list->add_flag("--acked", args->acked, "only acknowledged alerts");
  AddGlobalOptions(list, state);
  SetAction(list, state, [&state, args] { return List(state, *args); });

  CLI::App* ack = group->add_subcommand("ack", "acknowledge an alert (idempotent)");
  ack->add_option("cursor", args->cursor, "the alert's cursor")->required();
  ack->add_option("--by", args->by, "who acknowledges (default $USER)");
  AddGlobalOptions(ack, state);
  SetAction(ack, state, [&state, args] { return Ack(state, *args); });
}

}  // namespace tocflow::cli
