// MLLP (Minimal Lower Layer Protocol, HL7 v2.5.1 Appendix C) framing:
//   0x0B <message bytes> 0x1C 0x0D
//
// MllpDecoder is incremental: feed it whatever a socket read returned (a piece of a frame,
// several frames, bytes between frames) and it returns what became complete. Decisions:
//   - Bytes outside a frame are skipped and reported as one kGarbage event per run (CR/LF
//     between frames included), emitted when the next 0x0B arrives or the chunk ends.
//   - 0x1C ends a frame; a 0x0D right after it (even in the next chunk) is consumed. A 0x1C
//     not followed by 0x0D still ends the frame (lenient), the next byte is read outside a frame.
//   - 0x0B inside a frame means the sender restarted: the unfinished frame is reported as
//     kGarbage (its byte count) and a new frame begins.
//   - A frame growing past max_frame_bytes is reported once as kOversize and the rest of it,
//     up to its 0x1C, is discarded; decoding then carries on with the next frame.
// Memory held is at most max_frame_bytes plus the events of one Feed call.
// Thread safety: none; one decoder per connection.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace hl7 {

inline constexpr char kMllpStart = 0x0B;
inline constexpr char kMllpEnd = 0x1C;
inline constexpr char kMllpEndCr = 0x0D;

struct MllpEvent {
  enum class Kind {
    kMessage,   // `payload` is one complete message (framing removed)
    kGarbage,   // `size` bytes skipped; `payload` holds up to the first 32 of them
    kOversize,  // a frame exceeded the limit; `size`: its bytes seen so far (> the limit)
  };
  Kind kind;
  std::string payload;
  size_t size = 0;
};

class MllpDecoder {
 public:
  static constexpr size_t kDefaultMaxFrameBytes = 1024 * 1024;
  // REQUIRES: max_frame_bytes > 0.
  explicit MllpDecoder(size_t max_frame_bytes = kDefaultMaxFrameBytes);

  // Consumes `bytes` and returns the events they completed, in stream order.
  std::vector<MllpEvent> Feed(std::string_view bytes);

  // True while inside a frame (bytes buffered or being discarded): a connection closing now
  // loses an unfinished message.
  bool InFrame() const { return state_ == State::kInFrame || state_ == State::kDiscarding; }
  size_t buffered_bytes() const { return frame_.size(); }

 private:
  enum class State { kIdle, kInFrame, kDiscarding, kAfterEnd };
  void FlushGarbage(std::vector<MllpEvent>* events);

  size_t max_frame_bytes_;
  State state_ = State::kIdle;
  std::string frame_;
  size_t garbage_count_ = 0;
  std::string garbage_preview_;
};

// Wraps one message in MLLP framing. INVALID_ARGUMENT when the message contains 0x0B or 0x1C,
// which would break the framing.
absl::StatusOr<std::string> MllpEncode(std::string_view message);

}  // namespace hl7
