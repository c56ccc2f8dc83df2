// tocflow import FILE.csv: bulk-loads a case-tracker spreadsheet, idempotently.
#include <google/protobuf/struct.pb.h>
#include <unistd.h>

#include <fstream>
#include <map>
#include <memory>
#include <sstream>

#include "cli/csv.h"
#include "cli/import_rows.h"
#include "cli/json_output.h"
#include "commands.h"

namespace tocflow::cli {
namespace {

namespace v1 = tocflow::v1;

struct ImportArgs {
  std::string file;
  std::string actor;
};

enum class Outcome { kLoaded, kAlreadyLoaded, kSkipped };

struct RowResult {
  int line = 0;
  Outcome outcome = Outcome::kSkipped;
  std::string case_id;
  std::string reason;
};

// The case of this provider and spell that exists already, or "".
absl::StatusOr<std::string> ExistingCase(Connection& connection, const v1::CaseOpened& opening,
                                         grpc::Status* failure) {
  v1::ListCasesRequest request;
  request.mutable_filter()->set_provider_ods(opening.provider_ods());
  request.mutable_filter()->set_local_patient_id(opening.local_patient_id());
  request.mutable_filter()->set_include_closed(true);
  request.set_page_size(1000);
  v1::ListCasesResponse reply;
  *failure = connection.cases().ListCases(Connection::Call().get(), request, &reply);
  if (!failure->ok()) return absl::UnavailableError("list");
  for (const auto& c : reply.cases()) {
    if (c.identity().spell_id() == opening.spell_id()) return c.case_id();
  }
  return std::string();
}

// Loads one row. Sets `stop` when the server cannot be reached (the import ends there).
RowResult LoadRow(Connection& connection, ImportPlan& plan, grpc::Status* stop) {
  RowResult result{plan.line, Outcome::kSkipped, "", ""};
  auto existing = ExistingCase(connection, plan.create.opening(), stop);
  if (!existing.ok()) {
    if (ExitCodeFor(stop->error_code()) != kExitUnreachable) {
      result.reason = "refused: " + stop->error_message();
      *stop = grpc::Status::OK;
    }
    return result;
  }
  v1::Case created;
  grpc::Status status =
      connection.cases().CreateCase(Connection::Call().get(), plan.create, &created);
  if (!status.ok()) {
    if (ExitCodeFor(status.error_code()) == kExitUnreachable) {
      *stop = status;
    } else if (status.error_code() == grpc::StatusCode::ALREADY_EXISTS) {
      result.reason =
          "an open case for this spell exists, not loaded by import: " + status.error_message();
    } else {
      result.reason = status.error_message();
    }
    return result;
  }
  result.case_id = created.case_id();
  for (v1::RecordEventRequest& event : plan.events) {
    event.set_case_id(created.case_id());
    v1::RecordEventResponse reply;
    status = connection.cases().RecordEvent(Connection::Call().get(), event, &reply);
    if (!status.ok()) {
      if (ExitCodeFor(status.error_code()) == kExitUnreachable) *stop = status;
      std::string name = event.request_id().substr(event.request_id().rfind(':') + 1);
      result.reason = "case " + created.case_id() + " opened, but its " + name +
                      " event was refused: " + status.error_message();
      return result;
    }
  }
  result.outcome = *existing == created.case_id() ? Outcome::kAlreadyLoaded : Outcome::kLoaded;
  return result;
}

void Progress(size_t done, size_t total) {
  constexpr int kWidth = 30;
  int filled = total == 0 ? kWidth : static_cast<int>(kWidth * done / total);
  std::cout << "\r[" << std::string(filled, '#') << std::string(kWidth - filled, ' ') << "] "
            << done << "/" << total << " rows" << std::flush;
}

void PrintSummary(const std::string& file, const std::vector<RowResult>& results, bool json) {
  int loaded = 0, already = 0, skipped = 0;
  for (const auto& r : results) {
    (r.outcome == Outcome::kLoaded          ? loaded
     : r.outcome == Outcome::kAlreadyLoaded ? already
                                            : skipped)++;
  }
  if (json) {
    google::protobuf::Struct summary;
    auto& f = *summary.mutable_fields();
    f["file"].set_string_value(file);
    f["rows"].set_number_value(results.size());
    f["loaded"].set_number_value(loaded);
    f["already_loaded"].set_number_value(already);
    f["skipped"].set_number_value(skipped);
    auto* rows = f["results"].mutable_list_value();
    for (const auto& r : results) {
      auto& row = *rows->add_values()->mutable_struct_value()->mutable_fields();
      row["row"].set_number_value(r.line);
      row["outcome"].set_string_value(r.outcome == Outcome::kLoaded          ? "loaded"
                                      : r.outcome == Outcome::kAlreadyLoaded ? "already_loaded"
                                                                             : "skipped");
      if (!r.case_id.empty()) row["case_id"].set_string_value(r.case_id);
      if (!r.reason.empty()) row["reason"].set_string_value(r.reason);
    }
    PrintJson(summary, std::cout);
    return;
  }
  std::cout << file << ": " << results.size() << " rows: " << loaded << " loaded, " << already
            << " already loaded, " << skipped << " skipped\n";
  for (const auto& r : results) {
    if (r.outcome == Outcome::kSkipped) {
      std::cout << "  row " << r.line << " skipped: " << r.reason << "\n";
    }
  }
}

int Import(CliState& state, const ImportArgs& args) {
  std::ifstream in(args.file, std::ios::binary);
  if (!in) return UsageError("cannot read " + args.file);
  std::stringstream text;
  text << in.rdbuf();
  auto table = CsvTable::Parse(text.str());
  if (!table.ok()) return UsageError(args.file + ": " + std::string(table.status().message()));
  if (auto s = CheckImportColumns(*table); !s.ok()) {
    return UsageError(args.file + ": " + std::string(s.message()));
  }
  WriteOptions who;
  who.actor = args.actor;
  const std::string actor = Actor(who);

  auto connection = Connection::Open(state.global);
  if (!connection) return kExitUnreachable;
  const bool progress = !state.global.json && isatty(STDOUT_FILENO);
  std::vector<RowResult> results;
  std::map<std::string, int> first_line_of_key;
  const size_t total = table->rows().size();
  for (const CsvRecord& record : table->rows()) {
    if (progress) Progress(results.size(), total);
    auto plan = PlanImportRow(*table, record, actor);
    if (!plan.ok()) {
      results.push_back({record.line, Outcome::kSkipped, "", std::string(plan.status().message())});
      continue;
    }
    auto [it, inserted] = first_line_of_key.emplace(plan->key, record.line);
    if (!inserted) {
      results.push_back({record.line, Outcome::kSkipped, "",
                         "same provider and spell as row " + std::to_string(it->second)});
      continue;
    }
    grpc::Status stop;
    results.push_back(LoadRow(*connection, *plan, &stop));
    if (!stop.ok()) {
      if (progress) std::cout << "\n";
      PrintSummary(args.file, results, state.global.json);
      return Fail(stop, state.global);
    }
  }
  if (progress) {
    Progress(total, total);
    std::cout << "\n";
  }
  PrintSummary(args.file, results, state.global.json);
  for (const auto& r : results) {
    if (r.outcome == Outcome::kSkipped) return kExitRejected;
  }
  return kExitOk;
}

}  // namespace

void AddImportCommand(CLI::App& app, CliState& state) {
  auto args = std::make_shared<ImportArgs>();
  CLI::App* command = app.add_subcommand(
      "import", "load a case-tracker spreadsheet (CSV); loading it again creates nothing twice");
  command->add_option("file", args->file, "the CSV file (columns: see README)")->required();
  command->add_option("--actor", args->actor, "who loads it (default $USER)");
  command->footer("Exit code 1 when any row was skipped; the summary names each row and why.");
  AddGlobalOptions(command, state);
  SetAction(command, state, [&state, args] { return Import(state, *args); });
}

}  // namespace tocflow::cli
