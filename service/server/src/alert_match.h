// In-memory alert filtering with exactly the store's semantics, so that the alert hub can read
// new alerts once and hand each WatchAlerts stream the ones its filter selects.
//
// The store (SelectAlertsAfter in service/store/src/alert_rows.cc) filters in SQL; this must
// select the same alerts. tests/server/alert_match_test.cc compares the two on a real SQLite file
// for many random filters and alerts: change both together.
#pragma once

#include "store/filters.h"
#include "store/records.h"

namespace tocflow::server {

// Whether the store's AlertsAfter with `filter` would return `alert` (read with its recipients
// and acknowledgement). Every set field must match (AND), comparing bytes exactly as SQLite's
// BINARY collation does (case-sensitive, no trimming; an empty string is a value):
// - case_id and the organisation columns (provider_ods, ward, local_authority, icb) equal;
// - roles: some recipient has one of them (any role, any recipient);
// - party: some recipient has it (not necessarily the recipient matching `roles`);
// - ack: acknowledged or not, as read.
// Pure and thread-safe.
bool AlertMatches(const store::StoredAlert& alert, const store::AlertFilter& filter);

}  // namespace tocflow::server
