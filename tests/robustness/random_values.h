// Random field values for the randomised API test, from a seeded PRNG so that a failing run can
// be replayed exactly. Messages are filled by protobuf reflection, so every request and event
// type is covered without listing their fields: plausibly (valid enum values, dates and times
// near the test clock, short names) or with a given share of hostile values (unknown enum
// numbers, UNSPECIFIED, huge or odd strings, negative and extreme numbers, unset fields).
#pragma once

#include <google/protobuf/message.h>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "workflow/time.h"

namespace tocflow::robustness {

class RandomValues {
 public:
  explicit RandomValues(uint64_t seed) : rng_(seed) {}

  // True with probability p.
  bool Chance(double p) { return std::bernoulli_distribution(p)(rng_); }
  // Uniform in [lo, hi].
  int64_t Between(int64_t lo, int64_t hi) {
    return std::uniform_int_distribution<int64_t>(lo, hi)(rng_);
  }
  template <class T>
  const T& Pick(const std::vector<T>& from) {
    return from[static_cast<size_t>(Between(0, static_cast<int64_t>(from.size()) - 1))];
  }

  // A short plausible name ("Ward 7", "J Smith").
  std::string Name();
  // Valid UTF-8 that is hostile in another way: empty, huge (up to 300 KB), control characters,
  // NUL bytes, delimiters, SQL and format-string fragments, non-ASCII text. Never invalid UTF-8:
  // protobuf refuses to parse such a proto3 string and gRPC then answers INTERNAL before any
  // tocflowd code runs (grpcpp proto_utils.h), which this test cannot hold the server to.
  std::string HostileString();
  // A random id-like string: sometimes empty, sometimes huge, sometimes plausible but unknown.
  std::string BogusId();

  // Sets the fields of `message` (recursively, nested messages to a bounded depth), each one
  // hostile with probability `hostile`; dates and times fall within a few days of `near`.
  void Fill(google::protobuf::Message* message, workflow::Timestamp near, double hostile);

 private:
  void FillField(google::protobuf::Message* message, const google::protobuf::FieldDescriptor* field,
                 workflow::Timestamp near, double hostile, int depth);
  void FillMessage(google::protobuf::Message* message, workflow::Timestamp near, double hostile,
                   int depth);
  std::mt19937_64 rng_;
};

}  // namespace tocflow::robustness
