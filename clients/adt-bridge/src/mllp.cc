// MLLP frame decoding and encoding.
#include "hl7/mllp.h"

#include <algorithm>
#include <string>

#include "absl/status/status.h"

namespace hl7 {
namespace {

constexpr size_t kPreviewBytes = 32;
constexpr char kFrameDelimiters[] = {kMllpStart, kMllpEnd};

MllpEvent Garbage(size_t size, std::string_view preview) {
  return MllpEvent{MllpEvent::Kind::kGarbage,
                   std::string(preview.substr(0, std::min(preview.size(), kPreviewBytes))), size};
}

}  // namespace

MllpDecoder::MllpDecoder(size_t max_frame_bytes) : max_frame_bytes_(max_frame_bytes) {}

void MllpDecoder::FlushGarbage(std::vector<MllpEvent>* events) {
  if (garbage_count_ == 0) return;
  events->push_back(Garbage(garbage_count_, garbage_preview_));
  garbage_count_ = 0;
  garbage_preview_.clear();
}

std::vector<MllpEvent> MllpDecoder::Feed(std::string_view bytes) {
  std::vector<MllpEvent> events;
  const std::string_view delimiters(kFrameDelimiters, sizeof kFrameDelimiters);
  size_t i = 0;
  while (i < bytes.size()) {
    switch (state_) {
      case State::kAfterEnd:
        state_ = State::kIdle;
        if (bytes[i] == kMllpEndCr) ++i;
        break;
      case State::kIdle:
        if (bytes[i] == kMllpStart) {
          FlushGarbage(&events);
          frame_.clear();
          state_ = State::kInFrame;
        } else {
          ++garbage_count_;
          if (garbage_preview_.size() < kPreviewBytes) garbage_preview_.push_back(bytes[i]);
        }
        ++i;
        break;
      case State::kInFrame: {
        const size_t stop = bytes.find_first_of(delimiters, i);
        const size_t n = (stop == std::string_view::npos ? bytes.size() : stop) - i;
        if (frame_.size() + n > max_frame_bytes_) {
          events.push_back(MllpEvent{MllpEvent::Kind::kOversize, {}, frame_.size() + n});
          frame_.clear();
          frame_.shrink_to_fit();
          state_ = State::kDiscarding;
          i += n;
          break;
        }
        frame_.append(bytes.substr(i, n));
        i += n;
        if (stop == std::string_view::npos) break;
        if (bytes[stop] == kMllpEnd) {
          events.push_back(MllpEvent{MllpEvent::Kind::kMessage, std::move(frame_), 0});
          events.back().size = events.back().payload.size();
          frame_.clear();
          state_ = State::kAfterEnd;
        } else {  // a new start block: the sender gave up on the unfinished frame
          events.push_back(Garbage(frame_.size() + 1, frame_));
          frame_.clear();
        }
        ++i;
        break;
      }
      case State::kDiscarding: {
        const size_t stop = bytes.find_first_of(delimiters, i);
        if (stop == std::string_view::npos) {
          i = bytes.size();
          break;
        }
        state_ = bytes[stop] == kMllpEnd ? State::kAfterEnd : State::kInFrame;
        frame_.clear();
        i = stop + 1;
        break;
      }
    }
  }
  FlushGarbage(&events);
  return events;
}

absl::StatusOr<std::string> MllpEncode(std::string_view message) {
  if (message.find_first_of(std::string_view(kFrameDelimiters, sizeof kFrameDelimiters)) !=
      std::string_view::npos) {
    return absl::InvalidArgumentError("message contains an MLLP framing byte (0x0B or 0x1C)");
  }
  std::string out;
  out.reserve(message.size() + 3);
  out.push_back(kMllpStart);
  out.append(message);
  out.push_back(kMllpEnd);
  out.push_back(kMllpEndCr);
  return out;
}

}  // namespace hl7
