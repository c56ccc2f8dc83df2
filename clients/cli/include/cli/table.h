// A table of text for people (aligned columns) or for spreadsheets (CSV).
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace tocflow::cli {

// Rows of cells under a header. Cells may be empty; rows shorter than the header are padded.
class Table {
 public:
  explicit Table(std::vector<std::string> header) : header_(std::move(header)) {}

  void AddRow(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
  size_t size() const { return rows_.size(); }

  // Columns padded to their widest cell (counting UTF-8 characters), separated by two spaces,
  // the header underlined; no trailing spaces.
  void Render(std::ostream& out) const;
  // RFC 4180: header then rows, CRLF-free ("\n" line ends).
  void RenderCsv(std::ostream& out) const;

 private:
  std::vector<std::string> header_;
  std::vector<std::vector<std::string>> rows_;
};

// Number of characters (UTF-8 code points) in `text`.
size_t DisplayWidth(const std::string& text);

}  // namespace tocflow::cli
