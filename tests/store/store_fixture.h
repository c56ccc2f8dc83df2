// Shared helpers for the store tests: a fresh temporary directory per test holding a real
// SQLite file, and builders for summaries and commits.
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "store/store.h"
#include "support/temp_dir.h"

namespace tocflow::store::testing {

inline Timestamp T(int64_t seconds) { return workflow::FromUnixSeconds(seconds); }

using ::tocflow::testing::TempDir;

inline CaseSummary Summary(const std::string& case_id, int64_t version) {
  CaseSummary s;
  s.case_id = case_id;
  s.version = version;
  s.nhs_number = "9434765919";
  s.local_patient_id = "L-" + case_id;
  s.spell_id = "S-" + case_id;
  s.provider_ods = "RXX";
  s.site = "Main";
  s.ward = "Ward 7";
  s.bed = "12";
  s.local_authority = "E09000001";
  s.icb = "QWE";
  s.rule_set = "england-2025";
  s.states = {"admitted", "none", "not_referred", "not_started", "none"};
  s.opened_at = T(1'000'000);
  s.updated_at = T(1'000'000 + version);
  s.admitted_at = T(999'000);
  s.pathway = "pathway_3";
  s.dtoc_reason = "d_ii";
  s.attribution = "social_care";
  // Tabs, newlines and backslashes in a party survive the list column's encoding.
  s.parties = {{"care_transfer_hub", "hub\tnurse \\1\nB"}, {"la_social_worker", "sw-7"}};
  s.deadline_owners = {{"delayed_seven_days", "care_transfer_hub", "hub"},
                       {"delayed_seven_days", "senior_escalation", ""}};
  return s;
}

// An event whose payload holds a NUL byte, as serialized messages do.
inline NewEvent Event(const std::string& type, const std::string& request_id = "") {
  std::string payload("payload\0of ", 11);
  payload += type;
  return NewEvent{type, payload, "ward-clerk", T(1'000'100), T(1'000'101), request_id};
}

inline workflow::Alert MakeAlert(workflow::AlertKind kind, std::vector<workflow::Role> roles,
                                 const std::string& party = "") {
  workflow::Alert a;
  a.kind = kind;
  a.severity = workflow::Severity::kWarning;
  for (workflow::Role role : roles) a.recipients.push_back({role, party});
  a.message = std::string("alert ") + std::string(workflow::Name(kind));
  a.raised_at = T(1'000'200);
  return a;
}

// A command that opens `case_id` at version 1 with one event.
inline CaseCommit Open(const std::string& case_id, const std::string& request_id = "") {
  CaseCommit c;
  c.expected_version = 0;
  c.summary = Summary(case_id, 1);
  c.events.push_back(Event("case_opened", request_id));
  if (!request_id.empty()) c.request = RequestRecord{request_id, "result-" + request_id, T(5)};
  return c;
}

// A command that moves `case_id` from `from` to `from + 1` with one event.
inline CaseCommit Next(const std::string& case_id, int64_t from, const std::string& type) {
  CaseCommit c;
  c.expected_version = from;
  c.summary = Summary(case_id, from + 1);
  c.events.push_back(Event(type));
  return c;
}

// A store on a fresh file, with one reader.
class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = dir_.File("tocflow.db");
    absl::StatusOr<std::unique_ptr<Store>> store = Store::Open(path_);
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = *std::move(store);
    absl::StatusOr<std::unique_ptr<StoreReader>> reader = store_->OpenReader();
    ASSERT_TRUE(reader.ok()) << reader.status();
    reader_ = *std::move(reader);
  }

  // Commits and expects success.
  std::vector<CommitResult> MustCommit(const std::vector<CaseCommit>& batch) {
    absl::StatusOr<std::vector<CommitResult>> results = store_->Commit(batch);
    EXPECT_TRUE(results.ok()) << results.status();
    return results.ok() ? *results : std::vector<CommitResult>();
  }

  TempDir dir_;
  std::string path_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<StoreReader> reader_;
};

}  // namespace tocflow::store::testing
