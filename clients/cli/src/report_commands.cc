// tocflow report dtoc|drd|chc|reimbursement: readable tables, --csv or --json.
#include <cstdio>
#include <memory>

#include "cli/format.h"
#include "cli/json_output.h"
#include "cli/table.h"
#include "commands.h"
#include "workflow/calendar.h"

namespace tocflow::cli {
namespace {

namespace v1 = tocflow::v1;

struct ReportArgs {
  std::string month, la, day, provider, from, to, as_at;
  std::optional<int64_t> population;
  bool csv = false;
};

std::string Fixed(double value, int places = 1) {
  char out[32];
  std::snprintf(out, sizeof out, "%.*f", places, value);
  return out;
}

// Prints the message as JSON, or `main` as CSV, or every table with its title.
void Emit(const CliState& state, const ReportArgs& args, const google::protobuf::Message& reply,
          const std::string& title, const std::vector<std::pair<std::string, Table>>& tables) {
  if (state.global.json) {
    PrintJson(reply, std::cout);
  } else if (args.csv) {
    tables.front().second.RenderCsv(std::cout);
  } else {
    std::cout << title << "\n";
    for (const auto& [heading, table] : tables) {
      std::cout << "\n" << heading << "\n";
      table.Render(std::cout);
    }
  }
}

// Sets the request's as_at from --as-at, when given (an unset as_at means "now").
template <typename Request>
absl::Status SetAsAt(const ReportArgs& args, Request& request) {
  if (args.as_at.empty()) return absl::OkStatus();
  auto at = ParseTimestamp(args.as_at);
  if (!at.ok()) return absl::InvalidArgumentError("--as-at: " + std::string(at.status().message()));
  *request.mutable_as_at() = *at;
  return absl::OkStatus();
}

int Dtoc(CliState& state, const ReportArgs& args) {
  v1::DelayedTransfersMonthlyRequest request;
  int year = 0, month = 0;
  if (auto s = ParseMonth(args.month, &year, &month); !s.ok()) {
    return UsageError("--month: " + std::string(s.message()));
  }
  request.set_year(year);
  request.set_month(month);
  if (args.population) {
    if (args.la.empty()) return UsageError("--population needs --la (the population of that LA)");
    (*request.mutable_adult_population())[args.la] = *args.population;
  }
  request.set_local_authority(args.la);  // the server reads only that LA's cases
  if (auto s = SetAsAt(args, request); !s.ok()) return UsageError(std::string(s.message()));
  auto connection = Connection::Open(state.global);
  if (!connection) return kExitUnreachable;
  v1::DelayedTransfersMonthlyResponse reply;
  grpc::Status status =
      connection->reports().DelayedTransfersMonthly(Connection::Call().get(), request, &reply);
  if (!status.ok()) return Fail(status, state.global);
  Table las({"LA", "DELAYED DAYS", "SOCIAL CARE DAYS", "DTOC BEDS", "SOCIAL CARE BEDS",
             "POPULATION", "RATE /100K", "SOCIAL CARE RATE /100K", "MEETS 2017 TEST"});
  for (const auto& la : reply.local_authorities()) {
    las.AddRow(
        {la.local_authority(), std::to_string(la.days().total_days()),
         std::to_string(la.social_care_days()), Fixed(la.dtoc_beds()), Fixed(la.social_care_beds()),
         la.has_adult_population() ? std::to_string(la.adult_population()) : "",
         la.has_rate_per_100k() ? Fixed(la.rate_per_100k()) : "",
         la.has_social_care_rate_per_100k() ? Fixed(la.social_care_rate_per_100k()) : "",
         la.has_meets_2017_social_care_test() ? (la.meets_2017_social_care_test() ? "yes" : "no")
                                              : ""});
  }
  Table rows({"PROVIDER", "LA", "ACUTE DAYS", "NON-ACUTE DAYS", "PATIENTS", "AT SNAPSHOT"});
  for (const auto& r : reply.rows()) {
    rows.AddRow({r.provider_ods(), r.local_authority(), std::to_string(r.acute().total_days()),
                 std::to_string(r.non_acute().total_days()), std::to_string(r.patients()),
                 r.has_snapshot_patients() ? std::to_string(r.snapshot_patients()) : ""});
  }
  char title[128];
  std::snprintf(title, sizeof title, "Delayed transfers of care, %02d/%04d (%d days; snapshot %s)",
                month, year, reply.days_in_month(), FormatUkDate(reply.last_thursday()).c_str());
  Emit(state, args, reply, title, {{"By local authority", las}, {"By provider and LA", rows}});
  return kExitOk;
}

int Drd(CliState& state, const ReportArgs& args) {
  v1::DischargeReadyDailyRequest request;
  if (args.day.empty()) {
    workflow::Date today = workflow::LondonDate(workflow::FromUnixSeconds(Now().seconds()));
    request.mutable_day()->set_year(today.year());
    request.mutable_day()->set_month(today.month());
    request.mutable_day()->set_day(today.day());
  } else {
    auto day = ParseDate(args.day);
    if (!day.ok()) return UsageError("--day: " + std::string(day.status().message()));
    *request.mutable_day() = *day;
  }
  request.set_provider_ods(args.provider);
  if (auto s = SetAsAt(args, request); !s.ok()) return UsageError(std::string(s.message()));
  auto connection = Connection::Open(state.global);
  if (!connection) return kExitUnreachable;
  v1::DischargeReadyDailyResponse reply;
  grpc::Status status =
      connection->reports().DischargeReadyDaily(Connection::Call().get(), request, &reply);
  if (!status.ok()) return Fail(status, state.global);
  Table figures({"MEASURE", "VALUE"});
  figures.AddRow({"not meeting criteria to reside", std::to_string(reply.not_meeting_criteria())});
  figures.AddRow({"discharges", std::to_string(reply.discharges())});
  for (const auto& p : reply.discharges_by_pathway()) {
    figures.AddRow({"discharges on pathway " + EnumShortName(v1::Pathway_descriptor(), p.pathway()),
                    std::to_string(p.discharges())});
  }
  figures.AddRow(
      {"discharges, pathway unknown", std::to_string(reply.discharges_pathway_unknown())});
  for (const auto& b : reply.discharge_delay_bands()) {
    figures.AddRow(
        {"discharge delay " + EnumShortName(v1::DischargeDelayBand_descriptor(), b.band()),
         std::to_string(b.discharges())});
  }
  figures.AddRow({"discharges without a DRD", std::to_string(reply.discharges_without_drd())});
  figures.AddRow({"delayed 7+ days", std::to_string(reply.delayed_7_plus().patients())});
  figures.AddRow({"delayed 21+ days", std::to_string(reply.delayed_21_plus().patients())});
  Emit(state, args, reply,
       "Discharge ready date position, " + FormatUkDate(reply.day()) + " at " +
           FormatUkDateTime(reply.position_at()),
       {{"Figures", figures}});
  return kExitOk;
}

int Chc(CliState& state, const ReportArgs& args) {
  v1::ChcTimelinessRequest request;
  int year = 0, month = 0;
  if (auto s = ParseMonth(args.month, &year, &month); !s.ok()) {
    return UsageError("--month: " + std::string(s.message()));
  }
  request.set_year(year);
  request.set_month(month);
  if (auto s = SetAsAt(args, request); !s.ok()) return UsageError(std::string(s.message()));
  auto connection = Connection::Open(state.global);
  if (!connection) return kExitUnreachable;
  v1::ChcTimelinessResponse reply;
  grpc::Status status =
      connection->reports().ChcTimeliness(Connection::Call().get(), request, &reply);
  if (!status.ok()) return Fail(status, state.global);
  Table table({"ICB", "DECIDED", "WITHIN 28 DAYS", "%", "INCOMPLETE > 28 DAYS", "FAST TRACK"});
  auto add = [&](const std::string& icb, const v1::ChcCounts& c) {
    table.AddRow({icb, std::to_string(c.decided()), std::to_string(c.decided_within_28_days()),
                  c.has_percent_within_28_days() ? Fixed(c.percent_within_28_days()) : "",
                  std::to_string(c.incomplete_over_28_days()), std::to_string(c.fast_track())});
  };
  for (const auto& row : reply.by_icb()) add(row.icb(), row.counts());
  add("all", reply.total());
  char title[96];
  std::snprintf(title, sizeof title, "NHS Continuing Healthcare 28-day standard, %02d/%04d", month,
                year);
  Emit(state, args, reply, title, {{"By ICB", table}});
  return kExitOk;
}

int Reimbursement(CliState& state, const ReportArgs& args) {
  v1::ReimbursementRequest request;
  if (!args.month.empty()) {
    int year = 0, month = 0;
    if (auto s = ParseMonth(args.month, &year, &month); !s.ok()) {
      return UsageError("--month: " + std::string(s.message()));
    }
    request.mutable_from_day()->set_year(year);
    request.mutable_from_day()->set_month(month);
    request.mutable_from_day()->set_day(1);
    *request.mutable_to_day() = request.from_day();
    request.mutable_to_day()->set_day(workflow::DaysInMonth(year, month));
  } else if (!args.from.empty() && !args.to.empty()) {
    auto from = ParseDate(args.from);
    auto to = ParseDate(args.to);
    if (!from.ok()) return UsageError("--from: " + std::string(from.status().message()));
    if (!to.ok()) return UsageError("--to: " + std::string(to.status().message()));
    *request.mutable_from_day() = *from;
    *request.mutable_to_day() = *to;
  } else {
    return UsageError("report reimbursement needs --month YYYY-MM, or --from and --to");
  }
  if (auto s = SetAsAt(args, request); !s.ok()) return UsageError(std::string(s.message()));
  auto connection = Connection::Open(state.global);
  if (!connection) return kExitUnreachable;
  v1::ReimbursementResponse reply;
  grpc::Status status =
      connection->reports().Reimbursement(Connection::Call().get(), request, &reply);
  if (!status.ok()) return Fail(status, state.global);
  Table cases({"LA", "CASE", "PROVIDER", "SPELL", "LIABLE DAYS", "AMOUNT", "UNPRICED DAYS"});
  Table las({"LA", "HIGHER RATE", "LIABLE DAYS", "AMOUNT", "UNPRICED DAYS"});
  for (const auto& la : reply.local_authorities()) {
    if (!args.la.empty() && la.local_authority() != args.la) continue;
    las.AddRow({la.local_authority(), la.higher_rate() ? "yes" : "no",
                std::to_string(la.liable_days()), FormatPounds(la.amount_pence()),
                std::to_string(la.unpriced_days())});
    for (const auto& c : la.cases()) {
      cases.AddRow({la.local_authority(), c.case_id(), c.provider_ods(), c.spell_id(),
                    std::to_string(c.liable_days()), FormatPounds(c.amount_pence()),
                    std::to_string(c.unpriced_days())});
    }
  }
  Emit(state, args, reply,
       "Reimbursement " + FormatUkDate(reply.from_day()) + " to " + FormatUkDate(reply.to_day()) +
           ": " + std::to_string(reply.liable_days()) + " liable days, " +
           FormatPounds(reply.amount_pence()),
       {{"By case", cases}, {"By local authority", las}});
  return kExitOk;
}

CLI::App* AddReport(CLI::App* group, CliState& state, ReportArgs& args, const std::string& name,
                    const std::string& description) {
  CLI::App* command = group->add_subcommand(name, description);
  command->add_option("--as-at", args.as_at, "compute as known at this time (default now)");
  command->add_flag("--csv", args.csv, "print the main table as CSV");
  AddGlobalOptions(command, state);
  return command;
}

}  // namespace

void AddReportCommands(CLI::App& app, CliState& state) {
  auto args = std::make_shared<ReportArgs>();
  CLI::App* group = app.add_subcommand("report", "the returns: dtoc, drd, chc, reimbursement");
  group->require_subcommand(1);

  CLI::App* dtoc = AddReport(group, state, *args, "dtoc", "monthly delayed transfers of care");
  dtoc->add_option("--month", args->month, "YYYY-MM")->required();
  dtoc->add_option("--la", args->la, "only this local authority");
  dtoc->add_option("--population", args->population, "adult population of the --la, for rates");
  SetAction(dtoc, state, [&state, args] { return Dtoc(state, *args); });

  CLI::App* drd =
      AddReport(group, state, *args, "drd", "daily discharge ready date / NCTR position");
  drd->add_option("--day", args->day, "the London day (default today)");
  drd->add_option("--provider", args->provider, "only this provider");
  SetAction(drd, state, [&state, args] { return Drd(state, *args); });

  CLI::App* chc = AddReport(group, state, *args, "chc", "CHC 28-day standard for a month");
  chc->add_option("--month", args->month, "YYYY-MM")->required();
  SetAction(chc, state, [&state, args] { return Chc(state, *args); });

  CLI::App* money =
      AddReport(group, state, *args, "reimbursement", "reimbursement owed by local authorities");
  money->add_option("--month", args->month, "YYYY-MM (or --from and --to)");
  money->add_option("--from", args->from, "first day");
  money->add_option("--to", args->to, "last day");
  money->add_option("--la", args->la, "only this local authority (tables)");
  SetAction(money, state, [&state, args] { return Reimbursement(state, *args); });
}

}  // namespace tocflow::cli
