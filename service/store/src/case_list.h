// ListCases: the filtered, ordered, keyset-paged query over `cases`. Private to the store.
//
// The page token is opaque to callers: web-safe base64 of "L1|<order>|<sort key>|<case id>",
// the position after the last case of the previous page. Paging resumes strictly after that
// position, so inserts and deletes elsewhere never repeat or skip a case that keeps its key.
#pragma once

#include <string>
#include <vector>

#include "SQLiteCpp/Database.h"
#include "absl/status/statusor.h"
#include "sql_values.h"
#include "statement_cache.h"
#include "store/filters.h"

namespace tocflow::store::internal {

// The SELECT of one page (one row more than the page, telling whether another follows) and
// the values to bind to it, in order.
struct CasePageQuery {
  std::string sql;
  std::vector<SqlValue> values;
  int page_size = 0;  // the page size in effect
};

// INVALID_ARGUMENT for a bad page size, token or region.
absl::StatusOr<CasePageQuery> BuildCasePageQuery(const CaseFilter& filter, int page_size,
                                                 const std::string& page_token);

// Runs the page's statement from `cache` (one per SQL text, that is per combination of the
// filter's terms, the order and whether a token is given). Throws SQLite::Exception; returns
// INVALID_ARGUMENT for a bad page size or token.
absl::StatusOr<CasePage> QueryCasePage(StatementCache& cache, const CaseFilter& filter,
                                       int page_size, const std::string& page_token);

}  // namespace tocflow::store::internal
