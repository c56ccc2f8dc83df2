#include "outcome_codec.h"

#include <utility>

#include "absl/status/status.h"
#include "tocflow/v1/cases.pb.h"
#include "wire/case_view.h"
#include "workflow/journey.h"

namespace tocflow::engine::internal {
namespace {

constexpr std::string_view kMagic = "TFO1";

void PutBigEndian(std::string& out, uint64_t value, int bytes) {
  for (int i = bytes - 1; i >= 0; --i) out.push_back(static_cast<char>((value >> (8 * i)) & 0xFF));
}

bool TakeBigEndian(std::string_view& in, int bytes, uint64_t& value) {
  if (in.size() < static_cast<size_t>(bytes)) return false;
  value = 0;
  for (int i = 0; i < bytes; ++i) value = (value << 8) | static_cast<unsigned char>(in[i]);
  in.remove_prefix(bytes);
  return true;
}

absl::Status Unreadable(std::string_view why) {
  return absl::DataLossError("stored request result is unreadable: " + std::string(why));
}

}  // namespace

std::string EncodeOutcome(std::string_view event_type, int64_t first_alert,
                          const CommandOutcome& outcome) {
  tocflow::v1::RecordEventResponse response;
  response.set_version(outcome.version);
  for (const StoredAlertRef& ref : outcome.alerts) {
    tocflow::v1::Alert* alert = response.add_alerts();
    *alert = wire::ToWire(ref.alert);
    alert->set_case_id(outcome.case_id);
  }
  for (size_t r = 0; r < outcome.states.size(); ++r) {
    tocflow::v1::RegionState* state = response.add_states();
    if (r < static_cast<size_t>(workflow::kRegionCount)) {
      state->set_region(std::string(workflow::Name(static_cast<workflow::Region>(r))));
    }
    state->set_state(outcome.states[r]);
  }
  std::string bytes(kMagic);
  PutBigEndian(bytes, event_type.size(), 4);
  bytes.append(event_type);
  PutBigEndian(bytes, static_cast<uint64_t>(first_alert), 8);
  bytes.append(response.SerializeAsString());
  return bytes;
}

absl::StatusOr<DecodedOutcome> DecodeOutcome(std::string_view bytes) {
  if (bytes.substr(0, kMagic.size()) != kMagic) return Unreadable("unknown format");
  bytes.remove_prefix(kMagic.size());
  uint64_t type_size = 0;
  if (!TakeBigEndian(bytes, 4, type_size) || bytes.size() < type_size) {
    return Unreadable("truncated event type");
  }
  DecodedOutcome decoded;
  decoded.event_type = std::string(bytes.substr(0, type_size));
  bytes.remove_prefix(type_size);
  uint64_t first_alert = 0;
  if (!TakeBigEndian(bytes, 8, first_alert)) return Unreadable("truncated alert position");
  decoded.first_alert = static_cast<int64_t>(first_alert);
  tocflow::v1::RecordEventResponse response;
  if (!response.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
    return Unreadable("bad RecordEventResponse");
  }
  decoded.version = response.version();
  decoded.alert_count = response.alerts_size();
  for (const tocflow::v1::RegionState& state : response.states()) {
    decoded.states.push_back(state.state());
  }
  return decoded;
}

absl::StatusOr<CommandOutcome> StoredOutcome(store::StoreReader& reader,
                                             const store::StoredRequest& request,
                                             const DecodedOutcome& decoded) {
  CommandOutcome outcome;
  outcome.case_id = request.case_id;
  outcome.version = request.version;
  outcome.states = decoded.states;
  outcome.replayed = true;
  if (decoded.alert_count == 0) return outcome;

  // The case's alerts in cursor order; the command's are the alert_count from first_alert on.
  store::AlertFilter filter;
  filter.case_id = request.case_id;
  int64_t position = 0;
  int64_t after = 0;
  const int64_t end = decoded.first_alert + decoded.alert_count;
  while (position < end) {
    absl::StatusOr<std::vector<store::StoredAlert>> page =
        reader.AlertsAfter(after, filter, store::kMaxPageSize);
    if (!page.ok()) return page.status();
    for (store::StoredAlert& stored : *page) {
      if (position >= decoded.first_alert && position < end) {
        outcome.alerts.push_back(StoredAlertRef{stored.cursor, std::move(stored.alert)});
      }
      ++position;
    }
    if (page->size() < static_cast<size_t>(store::kMaxPageSize)) break;
    after = page->back().cursor;
  }
  if (static_cast<int64_t>(outcome.alerts.size()) != decoded.alert_count) {
    return absl::DataLossError("request " + request.request_id + ": case " + request.case_id +
                               " has fewer stored alerts than the command raised");
  }
  return outcome;
}

}  // namespace tocflow::engine::internal
