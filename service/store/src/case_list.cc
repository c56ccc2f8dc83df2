#include "case_list.h"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <vector>

#include "SQLiteCpp/Statement.h"
#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "case_rows.h"
#include "sql_values.h"

namespace tocflow::store::internal {
namespace {

constexpr int64_t kLast = std::numeric_limits<int64_t>::max();  // NULL keys sort last

constexpr const char* kStateColumns[workflow::kRegionCount] = {
    "stay_state", "notices_state", "chc_state", "care_state", "equipment_state"};

// The integer sort key of an order, as an SQL expression and from a summary. kCaseId sorts by
// the id alone and uses a constant key.
const char* KeyExpression(CaseOrder order) {
  switch (order) {
    case CaseOrder::kOpenedAt:
      return "opened_at";
    case CaseOrder::kReadySince:
      return "COALESCE(ready_since, 9223372036854775807)";
    case CaseOrder::kNextDeadlineAt:
      return "COALESCE(next_deadline_at, 9223372036854775807)";
    case CaseOrder::kCaseId:
      break;
  }
  return "0";
}

int64_t KeyOf(CaseOrder order, const CaseSummary& c) {
  auto seconds_or_last = [](const std::optional<Timestamp>& t) {
    return t.has_value() ? workflow::ToUnixSeconds(*t) : kLast;
  };
  switch (order) {
    case CaseOrder::kOpenedAt:
      return workflow::ToUnixSeconds(c.opened_at);
    case CaseOrder::kReadySince:
      return seconds_or_last(c.ready_since);
    case CaseOrder::kNextDeadlineAt:
      return seconds_or_last(c.next_deadline_at);
    case CaseOrder::kCaseId:
      break;
  }
  return 0;
}

struct Position {
  int64_t key = 0;
  std::string case_id;
};

std::string EncodeToken(CaseOrder order, const Position& after) {
  const std::string raw = "L1|" + std::to_string(static_cast<int>(order)) + "|" +
                          std::to_string(after.key) + "|" + after.case_id;
  return absl::WebSafeBase64Escape(raw);
}

absl::StatusOr<Position> DecodeToken(CaseOrder order, const std::string& token) {
  const absl::Status bad = absl::InvalidArgumentError(
      "page_token is not a token returned by ListCases with the same ordering; start again "
      "with an empty page_token");
  std::string raw;
  if (!absl::WebSafeBase64Unescape(token, &raw)) return bad;
  const std::string prefix = "L1|" + std::to_string(static_cast<int>(order)) + "|";
  if (raw.compare(0, prefix.size(), prefix) != 0) return bad;
  const size_t bar = raw.find('|', prefix.size());
  if (bar == std::string::npos) return bad;
  Position position;
  if (!absl::SimpleAtoi(raw.substr(prefix.size(), bar - prefix.size()), &position.key)) {
    return bad;
  }
  position.case_id = raw.substr(bar + 1);
  if (position.case_id.empty()) return bad;
  return position;
}

void AddEquals(const std::optional<std::string>& value, const char* column,
               std::vector<std::string>& where, std::vector<SqlValue>& values) {
  if (!value.has_value()) return;
  where.push_back(std::string(column) + " = ?");
  values.push_back(*value);
}

void AddIsNull(const std::optional<bool>& is_set, const char* column,
               std::vector<std::string>& where) {
  if (!is_set.has_value()) return;
  where.push_back(std::string(column) + (*is_set ? " IS NOT NULL" : " IS NULL"));
}

}  // namespace

absl::StatusOr<CasePageQuery> BuildCasePageQuery(const CaseFilter& filter, int page_size,
                                                 const std::string& page_token) {
  if (page_size < 0) {
    return absl::InvalidArgumentError("page_size must not be negative (got " +
                                      std::to_string(page_size) + ")");
  }
  const int size = page_size == 0 ? kDefaultPageSize : std::min(page_size, kMaxPageSize);

  std::vector<std::string> where;
  std::vector<SqlValue> values;
  AddEquals(filter.provider_ods, "provider_ods", where, values);
  AddEquals(filter.site, "site", where, values);
  AddEquals(filter.ward, "ward", where, values);
  AddEquals(filter.local_authority, "local_authority", where, values);
  AddEquals(filter.icb, "icb", where, values);
  AddEquals(filter.nhs_number, "nhs_number", where, values);
  AddEquals(filter.local_patient_id, "local_patient_id", where, values);
  AddEquals(filter.spell_id, "spell_id", where, values);
  for (const RegionState& rs : filter.states) {
    const int r = static_cast<int>(rs.region);
    if (r < 0 || r >= workflow::kRegionCount) {
      return absl::InvalidArgumentError("state filter names an unknown region");
    }
    where.push_back(std::string(kStateColumns[r]) + " = ?");
    values.push_back(rs.state);
  }
  AddIsNull(filter.ready, "ready_since", where);
  if (filter.ready_since_at_or_before.has_value()) {
    // Written on the indexed expression (NULL, not ready, sorts last and never matches).
    where.push_back("COALESCE(ready_since, 9223372036854775807) <= ?");
    values.push_back(workflow::ToUnixSeconds(*filter.ready_since_at_or_before));
  }
  if (filter.deadline_before.has_value()) {
    where.push_back("COALESCE(next_deadline_at, 9223372036854775807) < ?");
    values.push_back(workflow::ToUnixSeconds(*filter.deadline_before));
  }
  AddIsNull(filter.discharged, "discharged_at", where);
  if (filter.closed.has_value()) where.push_back(*filter.closed ? "closed = 1" : "closed = 0");

  const std::string key = KeyExpression(filter.order);
  if (!page_token.empty()) {
    absl::StatusOr<Position> after = DecodeToken(filter.order, page_token);
    if (!after.ok()) return after.status();
    if (filter.order == CaseOrder::kCaseId) {
      where.push_back("case_id > ?");
    } else {
      where.push_back("(" + key + ", case_id) > (?, ?)");
      values.push_back(after->key);
    }
    values.push_back(after->case_id);
  }

  std::string sql = std::string("SELECT ") + kCaseColumns + " FROM cases";
  for (size_t i = 0; i < where.size(); ++i) sql += (i == 0 ? " WHERE " : " AND ") + where[i];
  sql +=
      filter.order == CaseOrder::kCaseId ? " ORDER BY case_id" : " ORDER BY " + key + ", case_id";
  sql += " LIMIT ?";
  values.push_back(static_cast<int64_t>(size) + 1);  // one more tells whether a page follows
  return CasePageQuery{std::move(sql), std::move(values), size};
}

absl::StatusOr<CasePage> QueryCasePage(StatementCache& cache, const CaseFilter& filter,
                                       int page_size, const std::string& page_token) {
  absl::StatusOr<CasePageQuery> built = BuildCasePageQuery(filter, page_size, page_token);
  if (!built.ok()) return built.status();
  const size_t size = static_cast<size_t>(built->page_size);
  CachedQuery cached(cache, built->sql);
  SQLite::Statement& query = *cached;
  BindAll(query, built->values);
  CasePage page;
  while (query.executeStep()) page.cases.push_back(ReadCaseSummary(query));
  if (page.cases.size() > size) {
    page.cases.pop_back();
    const CaseSummary& last = page.cases.back();
    page.next_page_token = EncodeToken(filter.order, {KeyOf(filter.order, last), last.case_id});
  }
  return page;
}

}  // namespace tocflow::store::internal
