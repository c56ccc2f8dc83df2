// `tocflow import`: the columns of a case-tracker spreadsheet and how one row becomes the
// commands that load it (CreateCase, then the events the row records). Pure: no I/O.
//
// Request ids come from the row's provider and spell ("import:RRV:S123:open"), so loading the
// same file again replays the same commands and the server applies nothing twice.
#pragma once

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "cli/csv.h"
#include "tocflow/v1/cases.pb.h"

namespace tocflow::cli {

// Columns every import file must have (some values may be empty, see the README).
extern const std::vector<std::string> kImportRequiredColumns;
// Columns an import file may have.
extern const std::vector<std::string> kImportOptionalColumns;

// The commands that load one row, in the order they must be sent.
struct ImportPlan {
  // 1-based line of the file where the row starts.
  int line = 0;
  // "PROVIDER:SPELL": one case per key.
  std::string key;
  // Opens the case.
  tocflow::v1::CreateCaseRequest create;
  // Then these events, case_id left empty for the caller to fill.
  std::vector<tocflow::v1::RecordEventRequest> events;
};

// Errors: INVALID_ARGUMENT naming the required columns the header lacks, or unknown columns.
absl::Status CheckImportColumns(const CsvTable& table);
// The plan for one row, every command sent as `actor`.
// Errors: INVALID_ARGUMENT with the reason the row cannot be loaded (a bad NHS number, a missing
// value, an unreadable date...), naming the column.
absl::StatusOr<ImportPlan> PlanImportRow(const CsvTable& table, const CsvRecord& row,
                                         const std::string& actor);

}  // namespace tocflow::cli
