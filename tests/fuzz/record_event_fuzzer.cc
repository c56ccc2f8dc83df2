// libFuzzer target: decoding RecordEvent (and CreateCase) wire messages into libworkflow events
// and applying them to a journey, as tocflowd's command path does, without the store.
//
// Input format (see record_event_input.h): a flags byte, then length-prefixed serialized
// messages. The first message is a CreateCaseRequest; when it does not decode or open a case, a
// valid default opening is used so that the RecordEventRequests that follow reach the journey.
//
// Besides "no crash, no leak, no hang", it checks:
//   - a decoded event encodes and decodes again to the same wire message (the codec is stable);
//   - a refused event leaves the journey unchanged;
//   - replaying the applied events, and restoring the journey's snapshot, give the same journey.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "google/protobuf/stubs/logging.h"
#include "google/protobuf/util/message_differencer.h"
#include "record_event_input.h"
#include "tocflow/v1/cases.pb.h"
#include "unit/facts_fingerprint.h"
#include "wire/event_codec.h"
#include "workflow/deadline_runner.h"
#include "workflow/journey.h"

namespace {

namespace v1 = ::tocflow::v1;

void Check(bool condition) {
  if (!condition) std::abort();
}

// Decoding what we encoded gives the same wire message back.
void CheckCodecStable(const workflow::EventPayload& payload) {
  v1::Event wire = tocflow::wire::ToWire(payload);
  auto again = tocflow::wire::FromWire(wire);
  Check(again.ok());
  Check(google::protobuf::util::MessageDifferencer::Equals(wire, tocflow::wire::ToWire(*again)));
}

// Applies `event`; on success records it (and the deadlines it lets fall due) in `applied`.
void ApplyOne(workflow::Journey& journey, const workflow::Event& event, std::chrono::hours advance,
              std::vector<workflow::Event>& applied) {
  std::string before = workflow::testing::Fingerprint(journey);
  auto effects = journey.Apply(event);
  if (!effects.ok()) {
    Check(workflow::testing::Fingerprint(journey) == before);
    return;
  }
  applied.push_back(event);
  // A deadline that cannot fire would leave the service's scheduler stuck: never acceptable.
  auto fired = workflow::FireDueDeadlines(journey, event.occurred_at + advance);
  Check(fired.ok());
  for (const workflow::AppliedEvent& one : *fired) applied.push_back(one.event);
}

}  // namespace

// Protobuf logs every string field that is not UTF-8; mutated inputs hold many, and the log
// only slows the fuzzer down (a failed parse is handled like any other).
extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
  google::protobuf::SetLogHandler(nullptr);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  tocflow::fuzz::RecordEventInput input = tocflow::fuzz::SplitRecordEventInput(data, size);

  workflow::Journey journey;
  std::vector<workflow::Event> applied;
  bool opened = false;
  if (!input.messages.empty()) {
    v1::CreateCaseRequest create;
    if (create.ParseFromString(input.messages[0])) {
      auto event = tocflow::wire::FromWire(create);
      if (event.ok()) {
        CheckCodecStable(event->payload);
        ApplyOne(journey, *event, input.advance, applied);
        opened = !applied.empty();
      }
    }
  }
  if (!opened) {
    ApplyOne(journey, tocflow::fuzz::DefaultOpening(input.rule_set), input.advance, applied);
    Check(!applied.empty());
  }

  for (size_t i = 1; i < input.messages.size(); ++i) {
    v1::RecordEventRequest request;
    if (!request.ParseFromString(input.messages[i])) continue;
    auto event = tocflow::wire::FromWire(request);
    if (!event.ok()) continue;
    CheckCodecStable(event->payload);
    ApplyOne(journey, *event, input.advance, applied);
    journey.ValidNextEvents();
  }

  std::string live = workflow::testing::Fingerprint(journey);
  auto replayed = workflow::Replay(applied);
  Check(replayed.ok());
  Check(workflow::testing::Fingerprint(*replayed) == live);
  auto restored = workflow::Journey::Restore(journey.Snapshot());
  Check(restored.ok());
  Check(workflow::testing::Fingerprint(*restored) == live);
  return 0;
}
