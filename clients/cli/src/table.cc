#include "cli/table.h"

#include <algorithm>

#include "cli/csv.h"

namespace tocflow::cli {

size_t DisplayWidth(const std::string& text) {
  return std::count_if(text.begin(), text.end(),
                       [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; });
}

void Table::Render(std::ostream& out) const {
  std::vector<size_t> widths(header_.size(), 0);
  auto measure = [&](const std::vector<std::string>& row) {
    for (size_t i = 0; i < row.size() && i < widths.size(); ++i) {
      widths[i] = std::max(widths[i], DisplayWidth(row[i]));
    }
  };
  measure(header_);
  for (const auto& row : rows_) measure(row);
  auto line = [&](const std::vector<std::string>& row) {
    std::string text;
    for (size_t i = 0; i < widths.size(); ++i) {
      const std::string cell = i < row.size() ? row[i] : "";
      if (i > 0) text += "  ";
      text += cell;
      if (i + 1 < widths.size()) text.append(widths[i] - DisplayWidth(cell), ' ');
    }
    while (!text.empty() && text.back() == ' ') text.pop_back();
    out << text << "\n";
  };
  line(header_);
  std::vector<std::string> rule;
  for (size_t w : widths) rule.push_back(std::string(w, '-'));
  line(rule);
  for (const auto& row : rows_) line(row);
}

void Table::RenderCsv(std::ostream& out) const {
  auto line = [&](const std::vector<std::string>& row) {
    for (size_t i = 0; i < header_.size(); ++i) {
      if (i > 0) out << ',';
      if (i < row.size()) out << CsvEscape(row[i]);
    }
    out << "\n";
  };
  line(header_);
  for (const auto& row : rows_) line(row);
}

}  // namespace tocflow::cli
