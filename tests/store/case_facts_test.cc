// The stored facts beside each case (table case_facts): written with the command, replaced by
// the summary rebuild, streamed to the reports from one snapshot.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "store/store.h"
#include "store_fixture.h"

namespace tocflow::store::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::Pair;

CaseCommit WithFacts(CaseCommit c, std::string facts) {
  c.facts = std::move(facts);
  return c;
}

// Every (case id, facts or "<none>") ForEachCaseFacts gives, by case id.
std::vector<std::pair<std::string, std::string>> AllFacts(
    StoreReader& reader, const std::optional<std::string>& local_authority = std::nullopt) {
  std::vector<std::pair<std::string, std::string>> seen;
  absl::Status status =
      reader.ForEachCaseFacts(local_authority, [&](const std::string& id, const std::string* f) {
        seen.emplace_back(id, f != nullptr ? *f : "<none>");
        return absl::OkStatus();
      });
  EXPECT_TRUE(status.ok()) << status;
  std::sort(seen.begin(), seen.end());
  return seen;
}

TEST_F(StoreTest, ACommandStoresTheFactsItCarriesAndKeepsThemWhenItCarriesNone) {
  MustCommit({WithFacts(Open("c1"), std::string("F1\0bytes", 8))});
  EXPECT_EQ(*reader_->CaseFacts("c1"), std::string("F1\0bytes", 8));  // a blob, not text

  MustCommit({Next("c1", 1, "ready_for_discharge")});  // no facts: left as they were
  EXPECT_EQ(*reader_->CaseFacts("c1"), std::string("F1\0bytes", 8));

  MustCommit({WithFacts(Next("c1", 2, "discharged"), "F3")});
  EXPECT_EQ(*reader_->CaseFacts("c1"), "F3");
  EXPECT_EQ(*reader_->CaseFacts("nobody"), std::nullopt);
}

TEST_F(StoreTest, AFailedBatchStoresNoFacts) {
  MustCommit({WithFacts(Open("c1"), "F1")});
  CaseCommit stale = WithFacts(Next("c1", 5, "discharged"), "F-stale");  // wrong version
  EXPECT_EQ(store_->Commit({WithFacts(Next("c1", 1, "x"), "F2"), stale}).status().code(),
            absl::StatusCode::kAborted);
  EXPECT_EQ(*reader_->CaseFacts("c1"), "F1");
}

TEST_F(StoreTest, ForEachCaseFactsVisitsEveryCaseWithItsFactsOrNone) {
  CaseCommit other_la = WithFacts(Open("c4"), "F4");
  other_la.summary.local_authority = "E09000002";
  MustCommit({WithFacts(Open("c2"), "F2"), Open("c1"), WithFacts(Open("c3"), "F3"), other_la});
  EXPECT_THAT(AllFacts(*reader_), ElementsAre(Pair("c1", "<none>"), Pair("c2", "F2"),
                                              Pair("c3", "F3"), Pair("c4", "F4")));
  EXPECT_THAT(AllFacts(*reader_, "E09000002"), ElementsAre(Pair("c4", "F4")));
  EXPECT_THAT(AllFacts(*reader_, "E09000009"), ElementsAre());

  // The visitor's error stops the walk and is returned as it is.
  int visited = 0;
  absl::Status stopped =
      reader_->ForEachCaseFacts(std::nullopt, [&](const std::string&, const std::string*) {
        return ++visited == 2 ? absl::DataLossError("case 2 unreadable") : absl::OkStatus();
      });
  EXPECT_EQ(stopped, absl::DataLossError("case 2 unreadable"));
  EXPECT_EQ(visited, 2);
}

TEST_F(StoreTest, ForEachCaseFactsLetsTheVisitorReadTheCaseFromTheSameSnapshot) {
  MustCommit({Open("c1"), Open("c2")});
  std::vector<size_t> event_counts;
  absl::Status status =
      reader_->ForEachCaseFacts(std::nullopt, [&](const std::string& id, const std::string*) {
        if (event_counts.empty()) {  // a second event for both, after the snapshot was taken
          MustCommit({Next("c1", 1, "ready_for_discharge"), Next("c2", 1, "ready_for_discharge")});
        }
        absl::StatusOr<std::vector<StoredEvent>> events = reader_->LoadEvents(id);
        if (!events.ok()) return events.status();
        event_counts.push_back(events->size());
        return absl::OkStatus();
      });
  ASSERT_TRUE(status.ok()) << status;
  EXPECT_THAT(event_counts, ElementsAre(1u, 1u));  // the new events are not in the snapshot
  EXPECT_EQ(reader_->LoadEvents("c1")->size(), 2u);
  EXPECT_EQ(reader_->LoadEvents("c2")->size(), 2u);
}

TEST_F(StoreTest, ReplaceSummariesWritesFactsAndRefusesUnknownCases) {
  MustCommit({Open("c1"), WithFacts(Open("c2"), "old")});
  ASSERT_TRUE(store_->ReplaceSummaries({}, {{"c1", "R1"}, {"c2", "R2"}}).ok());
  EXPECT_THAT(AllFacts(*reader_), ElementsAre(Pair("c1", "R1"), Pair("c2", "R2")));

  EXPECT_EQ(store_->ReplaceSummaries({}, {{"c1", "R1b"}, {"ghost", "G"}}).code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(*reader_->CaseFacts("c1"), "R1");  // rolled back
}

}  // namespace
}  // namespace tocflow::store::testing
