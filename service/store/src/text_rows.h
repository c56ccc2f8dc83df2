// A list of small records in one TEXT column: rows separated by newlines, fields by tabs, with
// backslash, tab and newline inside a field escaped as \\, \t and \n. For short lists read
// whole with their row (a case's parties, its deadlines' owners). Private to the store.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace tocflow::store::internal {

std::string EncodeTextRows(const std::vector<std::vector<std::string>>& rows);
// The rows EncodeTextRows wrote; "" gives no rows.
std::vector<std::vector<std::string>> DecodeTextRows(std::string_view text);

}  // namespace tocflow::store::internal
