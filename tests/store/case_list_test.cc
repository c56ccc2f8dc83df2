// ListCases: every filter, the orders, paging and page tokens.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "store/store.h"
#include "store_fixture.h"

namespace tocflow::store::testing {
namespace {

using ::testing::ElementsAre;
using workflow::Region;

std::vector<std::string> Ids(const absl::StatusOr<CasePage>& page) {
  EXPECT_TRUE(page.ok()) << page.status();
  std::vector<std::string> ids;
  if (page.ok()) {
    for (const CaseSummary& c : page->cases) ids.push_back(c.case_id);
  }
  return ids;
}

class CaseListTest : public StoreTest {
 protected:
  // 25 cases c00..c24: even ones in LA1/ICB1 on Ward A, odd ones in LA2/ICB2 on Ward B;
  // every third is ready for discharge (ready_since descending with the index); c05 is
  // discharged; c07 has a deadline.
  void SetUp() override {
    StoreTest::SetUp();
    std::vector<CaseCommit> batch;
    for (int i = 0; i < 25; ++i) {
      const std::string id = (i < 10 ? "c0" : "c") + std::to_string(i);
      CaseCommit c = Open(id);
      c.summary.local_authority = i % 2 == 0 ? "LA1" : "LA2";
      c.summary.icb = i % 2 == 0 ? "ICB1" : "ICB2";
      c.summary.ward = i % 2 == 0 ? "Ward A" : "Ward B";
      c.summary.nhs_number = "NHS" + std::to_string(i);
      c.summary.local_patient_id = "LP" + std::to_string(i);
      c.summary.opened_at = T(10'000 - i);
      if (i % 3 == 0) {
        c.summary.ready_since = T(5'000 - i * 10);
        c.summary.states[static_cast<int>(Region::kStay)] = "ready_for_discharge";
      }
      if (i == 5) c.summary.discharged_at = T(6'000);
      if (i == 7) c.deadlines_set = {{workflow::DeadlineKind::kEddMissing, T(7'000)}};
      batch.push_back(c);
    }
    MustCommit(batch);
  }

  std::vector<std::string> All(const CaseFilter& filter) {
    return Ids(reader_->ListCases(filter, 1000, ""));
  }
};

TEST_F(CaseListTest, PagingReturnsEveryCaseExactlyOnce) {
  std::vector<std::string> seen;
  std::string token;
  int pages = 0;
  do {
    absl::StatusOr<CasePage> page = reader_->ListCases({}, 10, token);
    ASSERT_TRUE(page.ok()) << page.status();
    EXPECT_LE(page->cases.size(), 10u);
    for (const CaseSummary& c : page->cases) seen.push_back(c.case_id);
    token = page->next_page_token;
    ++pages;
  } while (!token.empty() && pages < 10);
  EXPECT_EQ(pages, 3);
  ASSERT_EQ(seen.size(), 25u);
  EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()).size(), 25u);
  EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
}

TEST_F(CaseListTest, PagingByReadySinceKeepsItsOrderAndPutsNotReadyLast) {
  CaseFilter filter;
  filter.order = CaseOrder::kReadySince;
  std::vector<std::string> seen;
  std::string token;
  for (int pages = 0; pages < 10; ++pages) {
    absl::StatusOr<CasePage> page = reader_->ListCases(filter, 4, token);
    ASSERT_TRUE(page.ok()) << page.status();
    for (const CaseSummary& c : page->cases) seen.push_back(c.case_id);
    token = page->next_page_token;
    if (token.empty()) break;
  }
  ASSERT_EQ(seen.size(), 25u);
  EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()).size(), 25u);
  // Ready cases first, longest waiting (highest index) first.
  EXPECT_THAT(std::vector<std::string>(seen.begin(), seen.begin() + 9),
              ElementsAre("c24", "c21", "c18", "c15", "c12", "c09", "c06", "c03", "c00"));
}

TEST_F(CaseListTest, OtherOrders) {
  CaseFilter by_opened;
  by_opened.order = CaseOrder::kOpenedAt;
  std::vector<std::string> ids = Ids(reader_->ListCases(by_opened, 3, ""));
  EXPECT_THAT(ids, ElementsAre("c24", "c23", "c22"));
  CaseFilter by_deadline;
  by_deadline.order = CaseOrder::kNextDeadlineAt;
  EXPECT_THAT(Ids(reader_->ListCases(by_deadline, 2, "")), ElementsAre("c07", "c00"));
}

TEST_F(CaseListTest, FiltersOnOrganisation) {
  CaseFilter by_la;
  by_la.local_authority = "LA2";
  EXPECT_EQ(All(by_la).size(), 12u);
  CaseFilter by_icb;
  by_icb.icb = "ICB1";
  EXPECT_EQ(All(by_icb).size(), 13u);
  CaseFilter by_ward;
  by_ward.provider_ods = "RXX";
  by_ward.ward = "Ward B";
  EXPECT_EQ(All(by_ward).size(), 12u);
  by_ward.provider_ods = "RYY";
  EXPECT_TRUE(All(by_ward).empty());
}

TEST_F(CaseListTest, FiltersOnPatientIdentifiers) {
  CaseFilter by_nhs;
  by_nhs.nhs_number = "NHS12";
  EXPECT_THAT(All(by_nhs), ElementsAre("c12"));
  CaseFilter by_local;
  by_local.local_patient_id = "LP3";
  EXPECT_THAT(All(by_local), ElementsAre("c03"));
  CaseFilter by_spell;
  by_spell.provider_ods = "RXX";
  by_spell.spell_id = "S-c14";
  EXPECT_THAT(All(by_spell), ElementsAre("c14"));
  by_spell.provider_ods = "RYY";
  EXPECT_TRUE(All(by_spell).empty());
}

TEST_F(CaseListTest, FiltersOnStatesReadinessDischargeAndDeadlines) {
  CaseFilter by_state;
  by_state.states = {{Region::kStay, "ready_for_discharge"}};
  EXPECT_EQ(All(by_state).size(), 9u);
  by_state.states.push_back({Region::kChc, "eligible"});
  EXPECT_TRUE(All(by_state).empty());

  CaseFilter ready;
  ready.ready = true;
  ready.local_authority = "LA1";
  EXPECT_THAT(All(ready), ElementsAre("c00", "c06", "c12", "c18", "c24"));
  ready.ready = false;
  EXPECT_EQ(All(ready).size(), 8u);

  CaseFilter delayed;
  delayed.ready_since_at_or_before = T(5'000 - 180);  // ready since index 18 or more
  EXPECT_THAT(All(delayed), ElementsAre("c18", "c21", "c24"));

  CaseFilter discharged;
  discharged.discharged = true;
  EXPECT_THAT(All(discharged), ElementsAre("c05"));
  discharged.discharged = false;
  EXPECT_EQ(All(discharged).size(), 24u);

  CaseFilter due;
  due.deadline_before = T(7'001);
  EXPECT_THAT(All(due), ElementsAre("c07"));
  due.deadline_before = T(7'000);
  EXPECT_TRUE(All(due).empty());
}

TEST_F(CaseListTest, FiltersCombineWithPaging) {
  CaseFilter filter;
  filter.local_authority = "LA1";
  absl::StatusOr<CasePage> first = reader_->ListCases(filter, 10, "");
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->cases.size(), 10u);
  absl::StatusOr<CasePage> second = reader_->ListCases(filter, 10, first->next_page_token);
  EXPECT_THAT(Ids(second), ElementsAre("c20", "c22", "c24"));
  EXPECT_TRUE(second->next_page_token.empty());
}

TEST_F(CaseListTest, BadPageTokensAndSizesAreInvalidArguments) {
  EXPECT_EQ(reader_->ListCases({}, 10, "not a token").status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(reader_->ListCases({}, 10, "TDF8MHwwfA").status().code(),  // "L1|0|0|" no id
            absl::StatusCode::kInvalidArgument);
  absl::StatusOr<CasePage> page = reader_->ListCases({}, 10, "");
  ASSERT_TRUE(page.ok());
  CaseFilter other_order;
  other_order.order = CaseOrder::kOpenedAt;
  EXPECT_EQ(reader_->ListCases(other_order, 10, page->next_page_token).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(reader_->ListCases({}, -1, "").status().code(), absl::StatusCode::kInvalidArgument);
}

TEST_F(CaseListTest, PageSizeZeroMeansTheDefaultAndLargeSizesAreCapped) {
  EXPECT_EQ(Ids(reader_->ListCases({}, 0, "")).size(), 25u);
  EXPECT_EQ(Ids(reader_->ListCases({}, 1'000'000, "")).size(), 25u);
}

TEST_F(CaseListTest, GetCaseSummaryOfAMissingCaseIsNotFound) {
  absl::StatusOr<CaseSummary> missing = reader_->GetCaseSummary("nope");
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(reader_->AllCaseIds()->size(), 25u);
}

// The reader keeps the list statements it compiled, up to a bound: more combinations of terms
// than it keeps (5 regions x 4 orders = 128 SQL texts) still list correctly, and again.
TEST_F(CaseListTest, ManyFilterCombinationsListCorrectlyAcrossTheStatementCache) {
  const CaseOrder orders[] = {CaseOrder::kCaseId, CaseOrder::kOpenedAt, CaseOrder::kReadySince,
                              CaseOrder::kNextDeadlineAt};
  for (int round = 0; round < 2; ++round) {
    for (int regions = 0; regions < 32; ++regions) {
      for (CaseOrder order : orders) {
        CaseFilter filter;
        filter.order = order;
        filter.local_authority = "LA1";
        for (int r = 0; r < 5; ++r) {
          if ((regions & (1 << r)) == 0) continue;
          // Only the stay region's ready state narrows; the others match their opening state.
          const std::string state = r == 0 ? "ready_for_discharge" : Summary("x", 1).states[r];
          filter.states.push_back({static_cast<Region>(r), state});
        }
        std::vector<std::string> ids = All(filter);
        std::sort(ids.begin(), ids.end());
        if ((regions & 1) != 0) {  // ready (every third) and in LA1 (even): c00, c06, c12, c18, c24
          EXPECT_THAT(ids, ElementsAre("c00", "c06", "c12", "c18", "c24")) << regions;
        } else {
          EXPECT_EQ(ids.size(), 13u) << regions;  // every even case
        }
      }
    }
  }
}

}  // namespace
}  // namespace tocflow::store::testing
