// libFuzzer target: `tocflow import`'s CSV reader and the row planner (tocflow_cli_lib).
//
// The input is a CSV file. It is parsed as records and as a table; when the table has the import
// columns, every row is planned into CreateCase/RecordEvent requests, as the import command does
// before it sends anything.
//
// Besides "no crash, no leak, no hang", it checks that writing the parsed records back with
// CsvEscape and reading them again gives the same fields (the writer and reader agree).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "cli/csv.h"
#include "cli/import_rows.h"

namespace {

void Check(bool condition) {
  if (!condition) std::abort();
}

void CheckRoundTrip(const std::vector<tocflow::cli::CsvRecord>& records) {
  // A header line first, so that a field starting with a byte order mark stays data.
  std::string text = "header\n";
  std::vector<const tocflow::cli::CsvRecord*> written;
  for (const tocflow::cli::CsvRecord& record : records) {
    // One empty field would be written as a blank line, which the reader drops by contract.
    if (record.fields.size() == 1 && record.fields[0].empty()) continue;
    for (size_t i = 0; i < record.fields.size(); ++i) {
      if (i > 0) text += ',';
      text += tocflow::cli::CsvEscape(record.fields[i]);
    }
    text += '\n';
    written.push_back(&record);
  }
  auto again = tocflow::cli::ParseCsv(text);
  Check(again.ok());
  Check(again->size() == written.size() + 1);
  for (size_t i = 0; i < written.size(); ++i) Check((*again)[i + 1].fields == written[i]->fields);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto records = tocflow::cli::ParseCsv(text);
  if (records.ok()) CheckRoundTrip(*records);

  auto table = tocflow::cli::CsvTable::Parse(text);
  if (!table.ok()) return 0;
  for (const std::string& column : table->columns()) table->HasColumn(column);
  if (!tocflow::cli::CheckImportColumns(*table).ok()) return 0;
  for (const tocflow::cli::CsvRecord& row : table->rows()) {
    auto plan = tocflow::cli::PlanImportRow(*table, row, "fuzz");
    if (plan.ok()) Check(!plan->key.empty());
  }
  return 0;
}
