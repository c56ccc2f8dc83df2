// An RFC 4180 CSV reader for the spreadsheets that `tocflow import` loads.
//
// Accepts quoted fields with embedded commas, doubled quotes and line breaks, CRLF or LF line
// ends, a UTF-8 byte order mark, and a missing final line end. Pure: no I/O.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace tocflow::cli {

// One record of a CSV file: its fields and the 1-based line on which it starts.
struct CsvRecord {
  std::vector<std::string> fields;
  int line = 0;
};

// Splits CSV text into records. Blank lines (no characters at all) are dropped.
// Errors: INVALID_ARGUMENT for a quote left open at the end of the text or a quote in the middle
// of an unquoted field, naming the line.
absl::StatusOr<std::vector<CsvRecord>> ParseCsv(std::string_view text);

// A CSV table whose first record names its columns (names trimmed and lower-cased).
class CsvTable {
 public:
  // Errors: INVALID_ARGUMENT when the text is malformed, empty, or names a column twice.
  static absl::StatusOr<CsvTable> Parse(std::string_view text);

  const std::vector<std::string>& columns() const { return columns_; }
  bool HasColumn(const std::string& name) const { return index_.count(name) > 0; }
  // Data records, without the header.
  const std::vector<CsvRecord>& rows() const { return rows_; }
  // The value of `column` in `row`, trimmed; empty when the column is absent or the row short.
  std::string Get(const CsvRecord& row, const std::string& column) const;

 private:
  std::vector<std::string> columns_;
  std::map<std::string, size_t> index_;
  std::vector<CsvRecord> rows_;
};

// Quotes a value for CSV output when it holds a comma, quote or line break.
std::string CsvEscape(std::string_view value);

}  // namespace tocflow::cli
