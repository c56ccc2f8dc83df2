// The alert outbox: cursors, AlertsAfter with its filters, acknowledgements.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "store/store.h"
#include "store_fixture.h"

namespace tocflow::store::testing {
namespace {

using ::testing::ElementsAre;
using workflow::AlertKind;
using workflow::Role;

std::vector<int64_t> Cursors(const absl::StatusOr<std::vector<StoredAlert>>& alerts) {
  EXPECT_TRUE(alerts.ok()) << alerts.status();
  std::vector<int64_t> out;
  if (alerts.ok()) {
    for (const StoredAlert& a : *alerts) out.push_back(a.cursor);
  }
  return out;
}

class AlertOutboxTest : public StoreTest {
 protected:
  // Three cases in different organisations; five alerts; cursors_ in commit order.
  void SetUp() override {
    StoreTest::SetUp();
    CaseCommit a = Open("a");
    a.alerts.push_back(
        MakeAlert(AlertKind::kCaseOpened, {Role::kWardDischargeCoordinator}, "ward-7"));
    a.alerts.push_back(MakeAlert(AlertKind::kEddNotSet, {Role::kSeniorEscalation, Role::kGp}));
    CaseCommit b = Open("b");
    b.summary.local_authority = "E09000002";
    b.summary.icb = "QRS";
    b.summary.provider_ods = "RYY";
    b.summary.ward = "Ward 1";
    workflow::Alert liability = MakeAlert(AlertKind::kLiabilityAccruing, {Role::kLaFinance});
    liability.severity = workflow::Severity::kCritical;
    liability.due = T(1'500'000);
    liability.pence_per_day = 15'500;
    b.alerts.push_back(liability);
    CaseCommit a2 = Next("a", 1, "edd_set");
    a2.alerts.push_back(MakeAlert(AlertKind::kPathwayNotAgreed, {Role::kCareTransferHub}));
    std::vector<CommitResult> first = MustCommit({a, b});
    std::vector<CommitResult> second = MustCommit({a2});
    CaseCommit b2 = Next("b", 1, "x");
    b2.summary = b.summary;
    b2.summary.version = 2;
    b2.alerts.push_back(
        MakeAlert(AlertKind::kLiabilityAccruing, {Role::kLaTeamManager}, "la-team"));
    std::vector<CommitResult> third = MustCommit({b2});
    ASSERT_EQ(first.size(), 2u);
    ASSERT_EQ(second.size(), 1u);
    ASSERT_EQ(third.size(), 1u);
    for (const auto* results : {&first, &second, &third}) {
      for (const CommitResult& r : *results) {
        cursors_.insert(cursors_.end(), r.alert_cursors.begin(), r.alert_cursors.end());
      }
    }
    ASSERT_EQ(cursors_.size(), 5u);
  }

  std::vector<int64_t> cursors_;  // a: 0, 1; b: 2; a: 3; b: 4
};

TEST_F(AlertOutboxTest, CursorsIncreaseStrictlyInCommitOrder) {
  for (size_t i = 1; i < cursors_.size(); ++i) EXPECT_LT(cursors_[i - 1], cursors_[i]);
  EXPECT_EQ(*reader_->LastAlertCursor(), cursors_.back());
}

TEST_F(AlertOutboxTest, AlertsAfterReturnsExactlyTheLaterOnesInOrder) {
  EXPECT_EQ(Cursors(reader_->AlertsAfter(0, {}, 100)), cursors_);
  EXPECT_THAT(Cursors(reader_->AlertsAfter(cursors_[1], {}, 100)),
              ElementsAre(cursors_[2], cursors_[3], cursors_[4]));
  EXPECT_THAT(Cursors(reader_->AlertsAfter(cursors_[1], {}, 2)),
              ElementsAre(cursors_[2], cursors_[3]));
  EXPECT_TRUE(Cursors(reader_->AlertsAfter(cursors_[4], {}, 100)).empty());
}

TEST_F(AlertOutboxTest, StoredAlertsRoundTrip) {
  absl::StatusOr<std::vector<StoredAlert>> alerts = reader_->AlertsAfter(cursors_[1], {}, 1);
  ASSERT_TRUE(alerts.ok()) << alerts.status();
  ASSERT_EQ(alerts->size(), 1u);
  const StoredAlert& s = (*alerts)[0];
  EXPECT_EQ(s.case_id, "b");
  EXPECT_EQ(s.alert.kind, AlertKind::kLiabilityAccruing);
  EXPECT_EQ(s.alert.severity, workflow::Severity::kCritical);
  EXPECT_EQ(s.alert.message, "alert liability_accruing");
  EXPECT_EQ(s.alert.raised_at, T(1'000'200));
  EXPECT_EQ(s.alert.due, T(1'500'000));
  EXPECT_EQ(s.alert.pence_per_day, 15'500);
  ASSERT_EQ(s.alert.recipients.size(), 1u);
  EXPECT_EQ(s.alert.recipients[0].role, Role::kLaFinance);
  EXPECT_EQ(s.scope, (AlertScope{"RYY", "Ward 1", "E09000002", "QRS"}));
  EXPECT_FALSE(s.ack.has_value());

  absl::StatusOr<std::vector<StoredAlert>> two = reader_->AlertsAfter(cursors_[0], {}, 1);
  ASSERT_TRUE(two.ok());
  ASSERT_EQ((*two)[0].alert.recipients.size(), 2u);
  EXPECT_EQ((*two)[0].alert.recipients[0].role, Role::kSeniorEscalation);
  EXPECT_EQ((*two)[0].alert.recipients[1].role, Role::kGp);
  EXPECT_FALSE((*two)[0].alert.due.has_value());
  EXPECT_FALSE((*two)[0].alert.pence_per_day.has_value());
}

TEST_F(AlertOutboxTest, FiltersByCaseRolePartyAndOrganisation) {
  AlertFilter by_case;
  by_case.case_id = "a";
  EXPECT_THAT(Cursors(reader_->AlertsAfter(0, by_case, 100)),
              ElementsAre(cursors_[0], cursors_[1], cursors_[3]));

  AlertFilter by_roles;
  by_roles.roles = {Role::kGp, Role::kLaFinance};
  EXPECT_THAT(Cursors(reader_->AlertsAfter(0, by_roles, 100)),
              ElementsAre(cursors_[1], cursors_[2]));

  AlertFilter by_party;
  by_party.party = "la-team";
  EXPECT_THAT(Cursors(reader_->AlertsAfter(0, by_party, 100)), ElementsAre(cursors_[4]));

  AlertFilter by_la;
  by_la.local_authority = "E09000002";
  EXPECT_THAT(Cursors(reader_->AlertsAfter(0, by_la, 100)), ElementsAre(cursors_[2], cursors_[4]));

  AlertFilter by_icb;
  by_icb.icb = "QWE";
  EXPECT_THAT(Cursors(reader_->AlertsAfter(0, by_icb, 100)),
              ElementsAre(cursors_[0], cursors_[1], cursors_[3]));

  AlertFilter by_ward;
  by_ward.provider_ods = "RYY";
  by_ward.ward = "Ward 1";
  EXPECT_THAT(Cursors(reader_->AlertsAfter(cursors_[2], by_ward, 100)), ElementsAre(cursors_[4]));

  AlertFilter nothing;
  nothing.case_id = "a";
  nothing.local_authority = "E09000002";
  EXPECT_TRUE(Cursors(reader_->AlertsAfter(0, nothing, 100)).empty());
}

TEST_F(AlertOutboxTest, FiltersByAcknowledgement) {
  ASSERT_TRUE(store_->AckAlert(cursors_[1], "dr-who", T(77)).ok());
  AlertFilter acked;
  acked.ack = AckState::kAcknowledged;
  absl::StatusOr<std::vector<StoredAlert>> got = reader_->AlertsAfter(0, acked, 100);
  EXPECT_THAT(Cursors(got), ElementsAre(cursors_[1]));
  ASSERT_TRUE(got.ok() && got->size() == 1u);
  EXPECT_EQ((*got)[0].ack, (AlertAck{"dr-who", T(77)}));

  AlertFilter open;
  open.ack = AckState::kUnacknowledged;
  EXPECT_THAT(Cursors(reader_->AlertsAfter(0, open, 100)),
              ElementsAre(cursors_[0], cursors_[2], cursors_[3], cursors_[4]));
}

TEST_F(AlertOutboxTest, AcknowledgingIsIdempotent) {
  absl::StatusOr<AlertAck> first = store_->AckAlert(cursors_[0], "nurse-1", T(100));
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_EQ(*first, (AlertAck{"nurse-1", T(100)}));
  absl::StatusOr<AlertAck> again = store_->AckAlert(cursors_[0], "nurse-2", T(200));
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(*again, (AlertAck{"nurse-1", T(100)}));  // the first acknowledgement stands
  absl::StatusOr<std::vector<StoredAlert>> stored = reader_->AlertsAfter(0, {}, 1);
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ((*stored)[0].ack, (AlertAck{"nurse-1", T(100)}));
}

TEST_F(AlertOutboxTest, AcknowledgingAnUnknownAlertIsNotFound) {
  EXPECT_EQ(store_->AckAlert(cursors_.back() + 1, "x", T(1)).status().code(),
            absl::StatusCode::kNotFound);
}

TEST_F(AlertOutboxTest, LimitMustBePositiveAndIsCapped) {
  EXPECT_EQ(reader_->AlertsAfter(0, {}, 0).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(Cursors(reader_->AlertsAfter(0, {}, 1'000'000)), cursors_);
}

TEST_F(AlertOutboxTest, CaseAlertCountCountsTheCasesAlertsAndSeesLaterCommits) {
  EXPECT_EQ(*reader_->CaseAlertCount("a"), 3);
  EXPECT_EQ(*reader_->CaseAlertCount("b"), 2);
  EXPECT_EQ(*reader_->CaseAlertCount("nobody"), 0);
  EXPECT_EQ(reader_->GetCaseSummary("a")->version, 2);

  // The same reader (its statements are cached) sees the next commit.
  CaseCommit a3 = Next("a", 2, "x");
  a3.alerts.push_back(MakeAlert(AlertKind::kEddNotSet, {Role::kGp}));
  a3.alerts.push_back(MakeAlert(AlertKind::kEddNotSet, {Role::kGp}));
  MustCommit({a3});
  EXPECT_EQ(*reader_->CaseAlertCount("a"), 5);
  EXPECT_EQ(*reader_->CaseAlertCount("b"), 2);
  EXPECT_EQ(reader_->GetCaseSummary("a")->version, 3);
  AlertFilter only_a;
  only_a.case_id = "a";
  EXPECT_EQ(Cursors(reader_->AlertsAfter(0, only_a, 100)).size(), 5u);
}

TEST(AlertOutboxEmpty, LastCursorIsZeroWithoutAlerts) {
  TempDir dir;
  absl::StatusOr<std::unique_ptr<Store>> store = Store::Open(dir.File("a.db"));
  ASSERT_TRUE(store.ok());
  absl::StatusOr<std::unique_ptr<StoreReader>> reader = (*store)->OpenReader();
  ASSERT_TRUE(reader.ok());
  EXPECT_EQ(*(*reader)->LastAlertCursor(), 0);
  EXPECT_EQ(*(*reader)->CaseAlertCount("a"), 0);
  EXPECT_TRUE((*reader)->AlertsAfter(0, {}, 10)->empty());
}

}  // namespace
}  // namespace tocflow::store::testing
