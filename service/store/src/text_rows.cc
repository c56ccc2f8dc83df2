#include "text_rows.h"

namespace tocflow::store::internal {
namespace {

void AppendEscaped(std::string& out, std::string_view field) {
  for (char c : field) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\n':
        out += "\\n";
        break;
      default:
        out += c;
    }
  }
}

}  // namespace

std::string EncodeTextRows(const std::vector<std::vector<std::string>>& rows) {
  std::string out;
  for (size_t r = 0; r < rows.size(); ++r) {
    if (r > 0) out += '\n';
    for (size_t f = 0; f < rows[r].size(); ++f) {
      if (f > 0) out += '\t';
      AppendEscaped(out, rows[r][f]);
    }
  }
  return out;
}

std::vector<std::vector<std::string>> DecodeTextRows(std::string_view text) {
  std::vector<std::vector<std::string>> rows;
  if (text.empty()) return rows;
  rows.emplace_back(1);
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\n') {
      rows.emplace_back(1);
    } else if (c == '\t') {
      rows.back().emplace_back();
    } else if (c == '\\' && i + 1 < text.size()) {
      const char next = text[++i];
      rows.back().back() += next == 't' ? '\t' : next == 'n' ? '\n' : next;
    } else {
      rows.back().back() += c;
    }
  }
  return rows;
}

}  // namespace tocflow::store::internal
