// Writes the seed corpus of record_event_fuzzer (tests/fuzz/corpus/record_event/): a case opened
// with each rule set followed by one sample of every event type, and one seed per event type.
// Run once after changing events.proto or the input format, then check the files in:
//   build-fuzz/tests/fuzz/record_event_seeds tests/fuzz/corpus/record_event
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

#include "record_event_input.h"
#include "tocflow/v1/cases.pb.h"
#include "wire/event_codec.h"
#include "wire/event_samples.h"

namespace {

namespace v1 = ::tocflow::v1;

std::string CreateCase(workflow::RuleSetId rule_set) {
  workflow::Event opening = tocflow::fuzz::DefaultOpening(rule_set);
  v1::CreateCaseRequest request;
  request.set_request_id("open-1");
  request.set_actor(opening.actor);
  *request.mutable_opening() = tocflow::wire::ToWire(opening.payload).case_opened();
  return request.SerializeAsString();
}

std::string Record(const workflow::EventPayload& payload, int hours_after_admission) {
  v1::RecordEventRequest request;
  request.set_case_id("case-1");
  request.set_request_id("r" + std::to_string(hours_after_admission));
  request.set_actor("nurse");
  request.mutable_occurred_at()->set_seconds(
      workflow::ToUnixSeconds(tocflow::fuzz::DefaultOpening({}).occurred_at) +
      3600 * hours_after_admission);
  *request.mutable_event() = tocflow::wire::ToWire(payload);
  return request.SerializeAsString();
}

void Write(const std::filesystem::path& file, const std::string& bytes) {
  std::ofstream out(file, std::ios::binary);
  out << bytes;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: record_event_seeds OUTPUT_DIR\n";
    return 2;
  }
  std::filesystem::path dir = argv[1];
  std::filesystem::create_directories(dir);
  auto samples = tocflow::wire::testing::SampleOfEveryEvent();
  const workflow::RuleSetId kRuleSets[] = {workflow::RuleSetId::kDischargeToAssess2022,
                                           workflow::RuleSetId::kCareAct2014,
                                           workflow::RuleSetId::kCcdda2003};
  for (int r = 0; r < 3; ++r) {
    std::string all(1, static_cast<char>(r << 2 | 1));
    tocflow::fuzz::AppendMessage(all, CreateCase(kRuleSets[r]));
    for (size_t i = 1; i < samples.size(); ++i) {
      tocflow::fuzz::AppendMessage(all, Record(samples[i], static_cast<int>(i)));
    }
    Write(dir / ("journey_" + std::to_string(r) + ".bin"), all);
  }
  for (size_t i = 1; i < samples.size(); ++i) {
    std::string one(1, static_cast<char>(i % 4));
    tocflow::fuzz::AppendMessage(one, CreateCase(kRuleSets[i % 3]));
    tocflow::fuzz::AppendMessage(one, Record(samples[i], 2));
    Write(dir / ("event_" + std::string(workflow::EventName(samples[i])) + ".bin"), one);
  }
  return 0;
}
