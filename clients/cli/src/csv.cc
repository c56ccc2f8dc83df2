#include "cli/csv.h"

#include <algorithm>
#include <cctype>

#include "absl/status/status.h"

namespace tocflow::cli {
namespace {

std::string Trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return std::string(s.substr(b, e - b));
}

}  // namespace

absl::StatusOr<std::vector<CsvRecord>> ParseCsv(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  std::vector<CsvRecord> records;
  CsvRecord record;
  std::string field;
  int line = 1;
  record.line = 1;
  bool in_quotes = false;
  bool field_quoted = false;  // the current field began with a quote
  bool record_has_content = false;

  auto end_field = [&] {
    record.fields.push_back(std::move(field));
    field.clear();
    field_quoted = false;
  };
  auto end_record = [&] {
    if (record_has_content) {
      end_field();
      records.push_back(std::move(record));
    }
    record = CsvRecord{};
    field.clear();
    field_quoted = false;
    record_has_content = false;
  };

  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_quotes) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          in_quotes = false;
        }
      } else {
        if (c == '\n') ++line;
        field += c;
      }
      continue;
    }
    switch (c) {
      case '"':
        if (!field.empty() || field_quoted) {
          return absl::InvalidArgumentError("line " + std::to_string(line) +
                                            ": a quote inside an unquoted field");
        }
        in_quotes = true;
        field_quoted = true;
        record_has_content = true;
        break;
      case ',':
        record_has_content = true;
        end_field();
        break;
      case '\r':
        if (i + 1 < text.size() && text[i + 1] == '\n') break;  // CRLF: the LF ends the record
        [[fallthrough]];
      case '\n':
        end_record();
        ++line;
        record.line = line;
        break;
      default:
        if (field_quoted) {
          return absl::InvalidArgumentError("line " + std::to_string(line) +
                                            ": text after a closing quote");
        }
        field += c;
        record_has_content = true;
        break;
    }
  }
  if (in_quotes) {
    return absl::InvalidArgumentError("line " + std::to_string(record.line) +
                                      ": a quoted field is never closed");
  }
  end_record();
  return records;
}

absl::StatusOr<CsvTable> CsvTable::Parse(std::string_view text) {
  auto records = ParseCsv(text);
  if (!records.ok()) return records.status();
  if (records->empty()) return absl::InvalidArgumentError("the file is empty: no header row");
  CsvTable table;
  for (const std::string& raw : records->front().fields) {
    std::string name = Trim(raw);
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
    if (!name.empty() && table.index_.count(name)) {
      return absl::InvalidArgumentError("column \"" + name + "\" appears twice in the header");
    }
    if (!name.empty()) table.index_[name] = table.columns_.size();
    table.columns_.push_back(name);
  }
  table.rows_.assign(records->begin() + 1, records->end());
  return table;
}

std::string CsvTable::Get(const CsvRecord& row, const std::string& column) const {
  auto it = index_.find(column);
  if (it == index_.end() || it->second >= row.fields.size()) return "";
  return Trim(row.fields[it->second]);
}

std::string CsvEscape(std::string_view value) {
  if (value.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(value);
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

}  // namespace tocflow::cli
