// tocflow case open|show|list|history and tocflow assign.
#include <memory>

#include "case_view.h"
#include "cli/format.h"
#include "cli/json_output.h"
#include "cli/message_fields.h"
#include "commands.h"

namespace tocflow::cli {
namespace {

namespace v1 = tocflow::v1;

struct CaseArgs {
  WriteOptions write;
  std::string case_id;
  // list filters
  std::string provider, site, ward, la, icb, nhs, mrn, spell, order, ready;
  bool all = false;
  int limit = 0;
  // assign
  std::string role, party;
};

int Open(CliState& state, CaseArgs& args, const std::vector<std::string>& extras) {
  v1::CreateCaseRequest request;
  auto rest = ApplyFieldFlags(extras, request.mutable_opening());
  if (!rest.ok()) return UsageError(std::string(rest.status().message()));
  if (!rest->empty()) return UsageError("case open takes no argument \"" + rest->front() + "\"");
  request.set_request_id(RequestId(args.write));
  request.set_actor(Actor(args.write));
  if (!args.write.at.empty()) {
    auto at = OccurredAt(args.write);
    if (!at.ok()) return UsageError(std::string(at.status().message()));
    *request.mutable_occurred_at() = *at;
  }
  auto connection = Connection::Open(state.global);
  if (!connection) return kExitUnreachable;
  v1::Case reply;
  grpc::Status status = connection->cases().CreateCase(Connection::Call().get(), request, &reply);
  if (!status.ok()) return Fail(status, state.global);
  if (state.global.json) {
    PrintJson(reply, std::cout);
  } else {
    std::cout << "opened case " << reply.case_id() << "\n\n";
    PrintCase(reply, std::cout);
  }
  return kExitOk;
}

int Show(CliState& state, const CaseArgs& args) {
  auto connection = Connection::Open(state.global);
  if (!connection) return kExitUnreachable;
  v1::GetCaseRequest request;
  request.set_case_id(args.case_id);
  v1::Case reply;
  grpc::Status status = connection->cases().GetCase(Connection::Call().get(), request, &reply);
  if (!status.ok()) return Fail(status, state.global);
  if (state.global.json) {
    PrintJson(reply, std::cout);
  } else {
    PrintCase(reply, std::cout);
  }
  return kExitOk;
}

int List(CliState& state, const CaseArgs& args) {
  v1::ListCasesRequest request;
  v1::CaseFilter& filter = *request.mutable_filter();
  filter.set_provider_ods(args.provider);
  filter.set_site(args.site);
  filter.set_ward(args.ward);
  filter.set_local_authority(args.la);
  filter.set_icb(args.icb);
  if (!args.nhs.empty()) {
    std::string digits;
    for (char c : args.nhs) {
      if (c != ' ' && c != '-') digits += c;
    }
    filter.set_nhs_number(digits);
  }
  filter.set_local_patient_id(args.mrn);
  filter.set_include_closed(args.all);
  if (!args.ready.empty()) {
    auto ready = ParseBool(args.ready);
    if (!ready.ok()) return UsageError("--ready: " + std::string(ready.status().message()));
    filter.set_ready_for_discharge(*ready);
  }
  if (!args.order.empty()) {
    auto order = ParseEnum(v1::CaseOrder_descriptor(), args.order);
    if (!order.ok()) return UsageError("--order: " + std::string(order.status().message()));
    request.set_order_by(static_cast<v1::CaseOrder>(*order));
  }
  auto connection = Connection::Open(state.global);
  if (!connection) return kExitUnreachable;
  v1::ListCasesResponse all;
  do {
    v1::ListCasesResponse page;
    grpc::Status status = connection->cases().ListCases(Connection::Call().get(), request, &page);
    if (!status.ok()) return Fail(status, state.global);
    for (auto& c : *page.mutable_cases()) {
      if (args.limit > 0 && all.cases_size() >= args.limit) break;
      *all.add_cases() = std::move(c);
    }
    request.set_page_token(page.next_page_token());
  } while (!request.page_token().empty() && (args.limit <= 0 || all.cases_size() < args.limit));
  if (state.global.json) {
    PrintJson(all, std::cout);
  } else {
    PrintCaseList(all, std::cout);
  }
  return kExitOk;
}

int History(CliState& state, const CaseArgs& args) {
  auto connection = Connection::Open(state.global);
  if (!connection) return kExitUnreachable;
  v1::GetHistoryRequest request;
  request.set_case_id(args.case_id);
  v1::GetHistoryResponse all;
  do {
    v1::GetHistoryResponse page;
    grpc::Status status = connection->cases().GetHistory(Connection::Call().get(), request, &page);
    if (!status.ok()) return Fail(status, state.global);
    for (auto& e : *page.mutable_events()) *all.add_events() = std::move(e);
    request.set_page_token(page.next_page_token());
  } while (!request.page_token().empty());
  if (state.global.json) {
    PrintJson(all, std::cout);
  } else {
    PrintHistory(all, std::cout);
  }
  return kExitOk;
}

int Assign(CliState& state, const CaseArgs& args) {
  auto role = ParseEnum(v1::Role_descriptor(), args.role);
  if (!role.ok()) return UsageError("role: " + std::string(role.status().message()));
  v1::AssignPartyRequest request;
  request.set_case_id(args.case_id);
  request.set_role(static_cast<v1::Role>(*role));
  request.set_party(args.party);
  request.set_request_id(RequestId(args.write));
  request.set_actor(Actor(args.write));
  if (args.write.expected_version) request.set_expected_version(*args.write.expected_version);
  if (!args.write.at.empty()) {
    auto at = OccurredAt(args.write);
    if (!at.ok()) return UsageError(std::string(at.status().message()));
    *request.mutable_occurred_at() = *at;
  }
  auto connection = Connection::Open(state.global);
  if (!connection) return kExitUnreachable;
  v1::AssignPartyResponse reply;
  grpc::Status status = connection->cases().AssignParty(Connection::Call().get(), request, &reply);
  if (!status.ok()) return Fail(status, state.global);
  if (state.global.json) {
    PrintJson(reply, std::cout);
  } else {
    std::cout << (args.party.empty() ? "cleared " : "assigned " + args.party + " as ")
              << EnumShortName(v1::Role_descriptor(), *role) << " on case " << args.case_id
              << " (version " << reply.version() << ")\n";
  }
  return kExitOk;
}

}  // namespace

void AddCaseCommands(CLI::App& app, CliState& state) {
  auto args = std::make_shared<CaseArgs>();
  CLI::App* group = app.add_subcommand("case", "open, show, list and read the history of cases");
  group->require_subcommand(1);

  CLI::App* open = group->add_subcommand("open", "open a case (CreateCase)");
  open->allow_extras();
  open->footer("Fields of the opening (tocflow.v1.CaseOpened):\n" +
               DescribeFields(v1::CaseOpened::descriptor()) +
               "Times: ISO 8601 (2026-10-03T13:00:00Z) or London time \"2026-10-03 14:00\".");
  AddGlobalOptions(open, state);
  AddWriteOptions(open, args->write);
  SetAction(open, state, [&state, args, open] { return Open(state, *args, open->remaining()); });

  CLI::App* show = group->add_subcommand("show", "show a case, with the valid next events");
  show->add_option("case", args->case_id, "case id")->required();
  AddGlobalOptions(show, state);
  SetAction(show, state, [&state, args] { return Show(state, *args); });

  CLI::App* list = group->add_subcommand("list", "list cases (open ones unless --all)");
  list->add_option("--provider", args->provider, "provider ODS code");
  list->add_option("--site", args->site, "site (hospital) of the provider");
  list->add_option("--ward", args->ward, "ward");
  list->add_option("--la", args->la, "local authority code");
  list->add_option("--icb", args->icb, "ICB code");
  list->add_option("--nhs-number", args->nhs, "NHS number");
  list->add_option("--local-patient-id", args->mrn, "local patient id (MRN)");
  list->add_option("--ready", args->ready, "only cases ready for discharge (true) or not (false)");
  list->add_option("--order", args->order, "admitted_at|delay_descending|next_deadline");
  list->add_option("--limit", args->limit, "at most this many cases");
  list->add_flag("--all", args->all, "include closed and discharged cases");
  AddGlobalOptions(list, state);
  SetAction(list, state, [&state, args] { return List(state, *args); });

  CLI::App* history = group->add_subcommand("history", "the events recorded on a case");
  history->add_option("case", args->case_id, "case id")->required();
  AddGlobalOptions(history, state);
  SetAction(history, state, [&state, args] { return History(state, *args); });

  CLI::App* assign = app.add_subcommand(
      "assign", "put a person or team on a role of a case (an empty party clears the role)");
  assign->add_option("case", args->case_id, "case id")->required();
  assign->add_option("role", args->role, EnumChoices(v1::Role_descriptor()))->required();
  assign->add_option("party", args->party, "person or team")->required();
  AddGlobalOptions(assign, state);
  AddWriteOptions(assign, args->write);
  SetAction(assign, state, [&state, args] { return Assign(state, *args); });
}

}  // namespace tocflow::cli
