#include "outcome_codec.h"

#include <utility>

#include "absl/status/status.h"
#include "tocflow/v1/cases.pb.h"

namespace tocflow::engine::internal {
namespace {

constexpr std::string_view kMagic = "TFO2";
constexpr std::string_view kMagicV1 = "TFO1";
// More alerts than any case could hold: a position past it is corrupt, and sums stay in range.
constexpr uint64_t kMaxAlerts = uint64_t{1} << 40;

void PutVarint(std::string& out, uint64_t value) {
  while (value >= 0x80) {
    out.push_back(static_cast<char>((value & 0x7F) | 0x80));
    value >>= 7;
  }
  out.push_back(static_cast<char>(value));
}

void PutString(std::string& out, std::string_view text) {
  PutVarint(out, text.size());
  out.append(text);
}

bool TakeVarint(std::string_view& in, uint64_t& value) {
  value = 0;
  for (int shift = 0; shift < 64 && !in.empty(); shift += 7) {
    const auto byte = static_cast<unsigned char>(in.front());
    in.remove_prefix(1);
    if (shift == 63 && (byte & 0x7E) != 0) return false;  // more than 64 bits
    value |= static_cast<uint64_t>(byte & 0x7F) << shift;
    if ((byte & 0x80) == 0) return true;
  }
  return false;
}

bool TakeString(std::string_view& in, std::string& text) {
  uint64_t size = 0;
  if (!TakeVarint(in, size) || in.size() < size) return false;
  text.assign(in.substr(0, size));
  in.remove_prefix(size);
  return true;
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

// A result stored before TFO2 (see the header).
absl::StatusOr<DecodedOutcome> DecodeVersion1(std::string_view bytes) {
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
  decoded.alert_count = response.alerts_size();
  for (const tocflow::v1::RegionState& state : response.states()) {
    decoded.states.push_back(state.state());
  }
  return decoded;
}

}  // namespace

std::string EncodeOutcome(std::string_view event_type, int64_t first_alert,
                          const CommandOutcome& outcome) {
  std::string bytes(kMagic);
  PutString(bytes, event_type);
  PutVarint(bytes, static_cast<uint64_t>(first_alert));
  PutVarint(bytes, outcome.alerts.size());
  PutVarint(bytes, outcome.states.size());
  for (const std::string& state : outcome.states) PutString(bytes, state);
  return bytes;
}

absl::StatusOr<DecodedOutcome> DecodeOutcome(std::string_view bytes) {
  const std::string_view magic = bytes.substr(0, kMagic.size());
  if (magic == kMagicV1) return DecodeVersion1(bytes.substr(kMagicV1.size()));
  if (magic != kMagic) return Unreadable("unknown format");
  bytes.remove_prefix(kMagic.size());
  DecodedOutcome decoded;
  uint64_t first_alert = 0;
  uint64_t alert_count = 0;
  uint64_t state_count = 0;
  if (!TakeString(bytes, decoded.event_type)) return Unreadable("truncated event type");
  if (!TakeVarint(bytes, first_alert) || !TakeVarint(bytes, alert_count) ||
      first_alert > kMaxAlerts || alert_count > kMaxAlerts) {
    return Unreadable("bad alert position");
  }
  if (!TakeVarint(bytes, state_count) || state_count > bytes.size()) {
    return Unreadable("truncated states");
  }
  decoded.first_alert = static_cast<int64_t>(first_alert);
  decoded.alert_count = static_cast<int64_t>(alert_count);
  decoded.states.resize(state_count);
  for (std::string& state : decoded.states) {
    if (!TakeString(bytes, state)) return Unreadable("truncated states");
  }
  if (!bytes.empty()) return Unreadable("bytes after the states");
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
