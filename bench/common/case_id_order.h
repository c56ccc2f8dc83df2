// The order in which the generators write cases: by case id, so that each case's rows (its
// summary, events, deadlines, alerts by case) go after the previous case's, at the end of their
// tables, instead of into a random page of a file that grows to gigabytes.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace bench {

// Case numbers 0..count-1 with their ids (`id_of(n)`), sorted by id.
template <typename IdOf>
std::vector<std::pair<std::string, int64_t>> InCaseIdOrder(int64_t count, const IdOf& id_of) {
  std::vector<std::pair<std::string, int64_t>> cases;
  cases.reserve(static_cast<size_t>(count));
  for (int64_t n = 0; n < count; ++n) cases.emplace_back(id_of(n), n);
  std::sort(cases.begin(), cases.end());
  return cases;
}

}  // namespace bench
