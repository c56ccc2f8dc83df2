// tocflow event <type> <case> --field value...: every event type of tocflow.v1.Event, its
// fields read from the protobuf descriptors.
#include <memory>

#include "case_view.h"
#include "cli/format.h"
#include "cli/json_output.h"
#include "cli/message_fields.h"
#include "commands.h"

namespace tocflow::cli {
namespace {

namespace pb = google::protobuf;
namespace v1 = tocflow::v1;

int Record(CliState& state, const pb::FieldDescriptor* type, const WriteOptions& write,
           const std::vector<std::string>& extras) {
  std::vector<std::string> positionals;
  auto event = BuildEvent(type, extras, &positionals);
  if (!event.ok()) return UsageError(type->name() + ": " + std::string(event.status().message()));
  if (positionals.size() != 1) {
    return UsageError("usage: tocflow event " + type->name() +
                      " CASE_ID [--field value...] (see --help)");
  }
  v1::RecordEventRequest request;
  request.set_case_id(positionals.front());
  request.set_request_id(RequestId(write));
  request.set_actor(Actor(write));
  if (write.expected_version) request.set_expected_version(*write.expected_version);
  auto at = OccurredAt(write);
  if (!at.ok()) return UsageError(std::string(at.status().message()));
  *request.mutable_occurred_at() = *at;
  *request.mutable_event() = std::move(*event);

  auto connection = Connection::Open(state.global);
  if (!connection) return kExitUnreachable;
  v1::RecordEventResponse reply;
  grpc::Status status = connection->cases().RecordEvent(Connection::Call().get(), request, &reply);
  if (!status.ok()) return Fail(status, state.global);
  if (state.global.json) {
    PrintJson(reply, std::cout);
    return kExitOk;
  }
  std::cout << "recorded " << EventSummary(request.event()) << " on case " << request.case_id()
            << " (version " << reply.version() << ")\n"
            << "states: " << StatesLine(reply.states()) << "\n";
  for (const auto& alert : reply.alerts()) std::cout << "alert " << AlertLine(alert) << "\n";
  return kExitOk;
}

}  // namespace

void AddEventCommand(CLI::App& app, CliState& state) {
  CLI::App* group = app.add_subcommand("event", "record an event on a case (RecordEvent)");
  // No require_subcommand: an unknown type gets a message naming the valid ones.
  group->allow_extras();
  group->callback([&state, group] {
    if (!group->get_subcommands().empty()) return;
    std::vector<std::string> extras = group->remaining();
    state.action = [extras] {
      std::string types;
      for (const pb::FieldDescriptor* type : EventTypes()) {
        types += (types.empty() ? "" : ", ") + type->name();
      }
      return UsageError((extras.empty() ? std::string("an event type is required")
                                        : "unknown event type \"" + extras.front() + "\"") +
                        "; valid types: " + types + " (see tocflow event --help)");
    };
  });
  group->footer(
      "Each type's fields are shown beside it; `tocflow event TYPE --help` shows their values.\n"
      "`tocflow case show CASE` lists the events valid next.");

  auto write = std::make_shared<WriteOptions>();
  for (const pb::FieldDescriptor* type : EventTypes()) {
    std::string fields;
    for (const FieldPath& f : LeafFields(type->message_type())) {
      fields += (fields.empty() ? "" : " ") + ("--" + f.name);
    }
    if (type->name() == "case_opened") fields = "(use `tocflow case open`)";
    if (type->name() == "deadline_elapsed") fields += " (recorded by tocflowd only)";
    CLI::App* command =
        group->add_subcommand(type->name(), fields.empty() ? "(no fields)" : fields);
    command->allow_extras();
    command->footer("Usage: tocflow event " + type->name() + " CASE_ID [fields]\nFields:\n" +
                    DescribeFields(type->message_type()) +
                    "Dates: 2026-10-03 or 03/10/2026. Times: ISO 8601 or London time "
                    "\"2026-10-03 14:00\". Enum values by short or full name.");
    AddGlobalOptions(command, state);
    AddWriteOptions(command, *write);
    SetAction(command, state, [&state, type, write, command] {
      return Record(state, type, *write, command->remaining());
    });
  }
}

}  // namespace tocflow::cli
