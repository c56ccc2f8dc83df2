// AlertMatches against the store's own AlertsAfter on a real SQLite file: for many random
// filters and alerts, filtering in memory must select exactly what the store's SQL selects.
#include "alert_match.h"

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <string>
#include <vector>

#include "store/store_fixture.h"

namespace tocflow::server {
namespace {

using store::AckState;
using store::AlertFilter;
using store::StoredAlert;
using store::testing::StoreTest;

// Values differing only in case or spacing, and the empty string: the store compares bytes.
const std::vector<std::string> kProviders = {"RXX", "rxx", "RYY", ""};
const std::vector<std::string> kWards = {"W1", "w1", "W1 ", "Ward 7"};
const std::vector<std::string> kAuthorities = {"E09000001", "e09000001", "E09000002"};
const std::vector<std::string> kIcbs = {"QXX", "QYY", "qxx"};
const std::vector<std::string> kParties = {"", "sw-7", "SW-7", "hub", "hub "};
const std::vector<std::string> kCases = {"case-a", "case-b", "Case-A", "case-c"};
constexpr int kRoles = 12;  // workflow::Role has twelve values

class AlertMatchTest : public StoreTest {
 protected:
  template <typename T>
  const T& Pick(const std::vector<T>& values) {
    return values[std::uniform_int_distribution<size_t>(0, values.size() - 1)(random_)];
  }
  bool Chance(double p) { return std::bernoulli_distribution(p)(random_); }
  workflow::Role RandomRole() {
    return static_cast<workflow::Role>(std::uniform_int_distribution<int>(0, kRoles - 1)(random_));
  }

  // Commits random alerts on the cases (organisation columns change between commits, so an
  // alert's scope is the one of its commit) and acknowledges about a third of them.
  void StoreRandomAlerts(int commits) {
    std::map<std::string, int64_t> versions;
    for (int i = 0; i < commits; ++i) {
      const std::string& case_id = Pick(kCases);
      int64_t& version = versions[case_id];
      store::CaseCommit commit = version == 0 ? store::testing::Open(case_id)
                                              : store::testing::Next(case_id, version, "x");
      commit.summary.spell_id = "S-" + case_id;
      commit.summary.provider_ods = Pick(kProviders);
      commit.summary.ward = Pick(kWards);
      commit.summary.local_authority = Pick(kAuthorities);
      commit.summary.icb = Pick(kIcbs);
      const int alerts = std::uniform_int_distribution<int>(0, 3)(random_);
      for (int a = 0; a < alerts; ++a) {
        workflow::Alert alert = store::testing::MakeAlert(workflow::AlertKind{}, {});
        const int recipients = std::uniform_int_distribution<int>(0, 3)(random_);
        for (int r = 0; r < recipients; ++r)
          alert.recipients.push_back({RandomRole(), Pick(kParties)});
        commit.alerts.push_back(alert);
      }
      auto results = MustCommit({commit});
      ASSERT_EQ(results.size(), 1u);
      version = commit.summary.version;
      for (int64_t cursor : results[0].alert_cursors) {
        if (Chance(0.35)) {
          ASSERT_TRUE(store_->AckAlert(cursor, "nurse", store::testing::T(7)).ok());
        }
      }
    }
  }

  AlertFilter RandomFilter() {
    AlertFilter f;
    if (Chance(0.2)) f.case_id = Chance(0.9) ? Pick(kCases) : "no-such-case";
    if (Chance(0.3)) f.provider_ods = Pick(kProviders);
    if (Chance(0.3)) f.ward = Pick(kWards);
    if (Chance(0.3)) f.local_authority = Pick(kAuthorities);
    if (Chance(0.3)) f.icb = Pick(kIcbs);
    if (Chance(0.4)) {
      const int roles = std::uniform_int_distribution<int>(1, 3)(random_);
      for (int r = 0; r < roles; ++r) f.roles.push_back(RandomRole());
    }
    if (Chance(0.3)) f.party = Pick(kParties);
    f.ack = Pick(
        std::vector<AckState>{AckState::kAny, AckState::kAcknowledged, AckState::kUnacknowledged});
    return f;
  }

  static std::vector<int64_t> Cursors(const std::vector<StoredAlert>& alerts) {
    std::vector<int64_t> out;
    for (const StoredAlert& a : alerts) out.push_back(a.cursor);
    return out;
  }

  std::mt19937 random_{20261123};
};

TEST_F(AlertMatchTest, SelectsExactlyWhatTheStoreSelectsForRandomFiltersAndAlerts) {
  StoreRandomAlerts(300);
  auto all = reader_->AlertsAfter(0, AlertFilter{}, store::kMaxPageSize);
  ASSERT_TRUE(all.ok()) << all.status();
  ASSERT_GT(all->size(), 200u);
  ASSERT_LT(all->size(), static_cast<size_t>(store::kMaxPageSize));  // one page holds them all
  int some = 0;  // filters that select some alerts but not all: the comparison is not trivial
  for (int i = 0; i < 2000; ++i) {
    const AlertFilter filter = RandomFilter();
    auto expected = reader_->AlertsAfter(0, filter, store::kMaxPageSize);
    ASSERT_TRUE(expected.ok()) << expected.status();
    std::vector<StoredAlert> matched;
    for (const StoredAlert& a : *all) {
      if (AlertMatches(a, filter)) matched.push_back(a);
    }
    ASSERT_EQ(Cursors(matched), Cursors(*expected)) << "filter " << i;
    if (!matched.empty() && matched.size() < all->size()) ++some;
  }
  EXPECT_GT(some, 200);
}

TEST_F(AlertMatchTest, AFilterWithNothingSetMatchesEveryAlert) {
  StoreRandomAlerts(20);
  auto all = reader_->AlertsAfter(0, AlertFilter{}, store::kMaxPageSize);
  ASSERT_TRUE(all.ok()) << all.status();
  ASSERT_FALSE(all->empty());
  for (const StoredAlert& a : *all) EXPECT_TRUE(AlertMatches(a, AlertFilter{})) << a.cursor;
}

TEST_F(AlertMatchTest, RoleAndPartyMayBeMetByDifferentRecipients) {
  store::CaseCommit commit = store::testing::Open("case-a");
  commit.alerts.push_back(store::testing::MakeAlert(workflow::AlertKind{}, {}));
  commit.alerts.back().recipients = {{workflow::Role::kGp, "dr-1"},
                                     {workflow::Role::kTransport, "van-2"}};
  MustCommit({commit});
  AlertFilter filter;
  filter.roles = {workflow::Role::kGp};
  filter.party = "van-2";
  auto stored = reader_->AlertsAfter(0, filter, 10);
  ASSERT_TRUE(stored.ok()) << stored.status();
  ASSERT_EQ(stored->size(), 1u);  // the store's semantics: two independent EXISTS
  EXPECT_TRUE(AlertMatches(stored->front(), filter));
  filter.party = "VAN-2";
  EXPECT_FALSE(AlertMatches(stored->front(), filter));
}

}  // namespace
}  // namespace tocflow::server
