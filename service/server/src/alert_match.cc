#include "alert_match.h"

#include <algorithm>

namespace tocflow::server {
namespace {

bool Equals(const std::optional<std::string>& wanted, const std::string& value) {
  return !wanted.has_value() || *wanted == value;
}

}  // namespace

bool AlertMatches(const store::StoredAlert& alert, const store::AlertFilter& filter) {
  if (!Equals(filter.case_id, alert.case_id) ||
      !Equals(filter.provider_ods, alert.scope.provider_ods) ||
      !Equals(filter.ward, alert.scope.ward) ||
      !Equals(filter.local_authority, alert.scope.local_authority) ||
      !Equals(filter.icb, alert.scope.icb)) {
    return false;
  }
  const auto& recipients = alert.alert.recipients;
  if (!filter.roles.empty() &&
      std::none_of(recipients.begin(), recipients.end(), [&filter](const auto& r) {
        return std::find(filter.roles.begin(), filter.roles.end(), r.role) != filter.roles.end();
      })) {
    return false;
  }
  if (filter.party.has_value() &&
      std::none_of(recipients.begin(), recipients.end(),
                   [&filter](const auto& r) { return r.party == *filter.party; })) {
    return false;
  }
  switch (filter.ack) {
    case store::AckState::kAny:
      return true;
    case store::AckState::kAcknowledged:
      return alert.ack.has_value();
    case store::AckState::kUnacknowledged:
      return !alert.ack.has_value();
  }
  return false;
}

}  // namespace tocflow::server
