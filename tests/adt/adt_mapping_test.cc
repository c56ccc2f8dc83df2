// The pure ADT -> tocflow.v1 mapping: which request each trigger makes, times, identity checks.
#include "bridge/adt_mapping.h"

#include <gtest/gtest.h>

#include <string>

#include "hl7/message.h"

namespace tocflow::adt {
namespace {

const workflow::Timestamp kReceipt = *workflow::ParseUtc("2026-03-10T12:00:00Z");

MappingDefaults Defaults() {
  MappingDefaults d;
  d.provider_ods = "RXX";
  d.local_authority = "E09000001";
  d.icb = "QXX";
  return d;
}

// An ADT message of `trigger` for visit V1; `pv1_extra` replaces PV1 fields from 3 on.
hl7::AdtMessage Adt(const std::string& trigger, const std::string& nhs = "9434765919",
                    const std::string& location = "WARD2^^B5^SITE",
                    const std::string& evn6 = "20260303100000",
                    const std::string& pv1_44 = "20260302090000", const std::string& pv1_45 = "") {
  std::string text = "MSH|^~\\&|PAS|RXX|||20260303100500||ADT^" + trigger + "|C-1|P|2.4\r";
  text += "EVN|" + trigger + "|20260303100500||||" + evn6 + "\r";
  text += "PID|1||MRN1^^^RXX^MR~" + nhs + "^^^NHS^NH\r";
  text += "PV1|1|I|" + location + "|C|||||||||||||||V1" + std::string(25, '|') + pv1_44 + "|" +
          pv1_45 + "\r";
  absl::StatusOr<hl7::Message> message = hl7::ParseMessage(text);
  EXPECT_TRUE(message.ok()) << message.status();
  absl::StatusOr<hl7::AdtMessage> adt = hl7::ExtractAdt(*message);
  EXPECT_TRUE(adt.ok()) << adt.status();
  return *adt;
}

v1::Case CaseAt(const std::string& ward, const std::string& bed) {
  v1::Case c;
  c.set_case_id("case-1");
  auto* identity = c.mutable_facts()->mutable_identity();
  identity->set_nhs_number("9434765919");
  identity->set_ward(ward);
  identity->set_bed(bed);
  identity->set_site("SITE");
  return c;
}

TEST(AdtMapping, AdmissionCreatesACaseFromPv1AndTheDefaults) {
  absl::StatusOr<Plan> plan = PlanAdmission(Adt("A01"), Defaults(), kReceipt);
  ASSERT_TRUE(plan.ok()) << plan.status();
  ASSERT_EQ(plan->kind, Plan::Kind::kCreate);
  const v1::CaseOpened& o = plan->create.opening();
  EXPECT_EQ(o.nhs_number(), "9434765919");
  EXPECT_EQ(o.local_patient_id(), "MRN1");
  EXPECT_EQ(o.spell_id(), "V1");
  EXPECT_EQ(o.provider_ods(), "RXX");
  EXPECT_EQ(o.ward(), "WARD2");
  EXPECT_EQ(o.bed(), "B5");
  EXPECT_EQ(o.site(), "SITE");
  EXPECT_EQ(o.local_authority(), "E09000001");
  EXPECT_EQ(o.admission_method(), v1::ADMISSION_METHOD_ELECTIVE);
  EXPECT_EQ(o.admitted_at().seconds(),
            workflow::ToUnixSeconds(*workflow::ParseUtc("2026-03-02T09:00:00Z")));
  EXPECT_EQ(plan->create.request_id(), "hl7:PAS|RXX|C-1");
}

TEST(AdtMapping, AdmissionRefusesAnInvalidNhsNumberAndMarksAnAbsentOneUntraced) {
  absl::StatusOr<Plan> bad = PlanAdmission(Adt("A01", "9434765918"), Defaults(), kReceipt);
  EXPECT_EQ(bad.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(bad.status().message().substr(0, 5), "PID-3");
  absl::StatusOr<Plan> absent = PlanAdmission(Adt("A01", ""), Defaults(), kReceipt);
  ASSERT_TRUE(absent.ok()) << absent.status();
  EXPECT_TRUE(absent->create.opening().nhs_number_untraced());
}

TEST(AdtMapping, AdmissionTimeFallsBackToTheEventThenTheReceipt) {
  absl::StatusOr<Plan> from_evn =
      PlanAdmission(Adt("A01", "9434765919", "W^^B", "20260303100000", ""), Defaults(), kReceipt);
  ASSERT_TRUE(from_evn.ok());
  EXPECT_EQ(from_evn->create.opening().admitted_at().seconds(),
            workflow::ToUnixSeconds(*workflow::ParseUtc("2026-03-03T10:00:00Z")));
}

TEST(AdtMapping, TransferRecordsTheNewLocationAtTheEventTime) {
  absl::StatusOr<Plan> plan =
      PlanCaseEvent(Adt("A02"), CaseAt("WARD1", "B1"), Defaults(), kReceipt);
  ASSERT_TRUE(plan.ok()) << plan.status();
  ASSERT_EQ(plan->kind, Plan::Kind::kRecord);
  EXPECT_EQ(plan->record.case_id(), "case-1");
  EXPECT_EQ(plan->record.event().ward_transferred().ward(), "WARD2");
  EXPECT_EQ(plan->record.event().ward_transferred().bed(), "B5");
  EXPECT_EQ(plan->record.occurred_at().seconds(),
            workflow::ToUnixSeconds(*workflow::ParseUtc("2026-03-03T10:00:00Z")));
}

TEST(AdtMapping, TransferWithoutAWardIsAContentError) {
  absl::StatusOr<Plan> plan =
      PlanCaseEvent(Adt("A02", "9434765919", ""), CaseAt("WARD1", "B1"), Defaults(), kReceipt);
  EXPECT_EQ(plan.status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(AdtMapping, UpdateMovesOnlyWhenTheLocationChanged) {
  absl::StatusOr<Plan> same =
      PlanCaseEvent(Adt("A08"), CaseAt("WARD2", "B5"), Defaults(), kReceipt);
  ASSERT_TRUE(same.ok());
  EXPECT_EQ(same->kind, Plan::Kind::kNothing);
  absl::StatusOr<Plan> moved =
      PlanCaseEvent(Adt("A08"), CaseAt("WARD2", "B9"), Defaults(), kReceipt);
  ASSERT_TRUE(moved.ok());
  EXPECT_EQ(moved->kind, Plan::Kind::kRecord);
  EXPECT_EQ(moved->record.event().ward_transferred().bed(), "B5");
}

TEST(AdtMapping, UpdateOnADischargedCaseRecordsNothing) {
  v1::Case discharged = CaseAt("WARD1", "B1");
  discharged.mutable_facts()->mutable_stay()->mutable_discharged_at()->set_seconds(1);
  absl::StatusOr<Plan> plan = PlanCaseEvent(Adt("A08"), discharged, Defaults(), kReceipt);
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(plan->kind, Plan::Kind::kNothing);
}

TEST(AdtMapping, CancelTransferMovesBackUnlessAlreadyThere) {
  absl::StatusOr<Plan> back = PlanCaseEvent(Adt("A12", "9434765919", "WARD1^^B1^SITE"),
                                            CaseAt("WARD2", "B5"), Defaults(), kReceipt);
  ASSERT_TRUE(back.ok());
  ASSERT_EQ(back->kind, Plan::Kind::kRecord);
  EXPECT_EQ(back->record.event().ward_transferred().ward(), "WARD1");
  absl::StatusOr<Plan> there = PlanCaseEvent(Adt("A12", "9434765919", "WARD1^^B1^SITE"),
                                             CaseAt("WARD1", "B1"), Defaults(), kReceipt);
  ASSERT_TRUE(there.ok());
  EXPECT_EQ(there->kind, Plan::Kind::kNothing);
}

TEST(AdtMapping, DischargeIsAtPv145AndCancellationsMapToTheirEvents) {
  absl::StatusOr<Plan> discharge = PlanCaseEvent(
      Adt("A03", "9434765919", "W^^B", "20260306130000", "20260302090000", "20260306140000"),
      CaseAt("W", "B"), Defaults(), kReceipt);
  ASSERT_TRUE(discharge.ok());
  EXPECT_TRUE(discharge->record.event().has_discharged());
  EXPECT_EQ(discharge->record.occurred_at().seconds(),
            workflow::ToUnixSeconds(*workflow::ParseUtc("2026-03-06T14:00:00Z")));
  EXPECT_TRUE(PlanCaseEvent(Adt("A11"), CaseAt("W", "B"), Defaults(), kReceipt)
                  ->record.event()
                  .has_admission_cancelled());
  EXPECT_TRUE(PlanCaseEvent(Adt("A13"), CaseAt("W", "B"), Defaults(), kReceipt)
                  ->record.event()
                  .has_discharge_cancelled());
}

TEST(AdtMapping, EventsRefuseAnotherPatientsOrAnInvalidNhsNumber) {
  EXPECT_EQ(PlanCaseEvent(Adt("A03", "9990500002"), CaseAt("W", "B"), Defaults(), kReceipt)
                .status()
                .code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(PlanCaseEvent(Adt("A03", "9434765918"), CaseAt("W", "B"), Defaults(), kReceipt)
                .status()
                .code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(PlanCaseEvent(Adt("A03", ""), CaseAt("W", "B"), Defaults(), kReceipt).ok());
}

TEST(AdtMapping, RequestIdIsSenderFacilityAndControlIdEscaped) {
  hl7::AdtMessage adt;
  adt.sending_application = "P|A";
  adt.sending_facility = "F%";
  adt.control_id = "42";
  EXPECT_EQ(RequestIdFor(adt), "hl7:P%7CA|F%25|42");
}

TEST(AdtMapping, AdmissionTypeCodesMapToMethods) {
  EXPECT_EQ(AdmissionMethodFor("E", v1::ADMISSION_METHOD_OTHER), v1::ADMISSION_METHOD_EMERGENCY);
  EXPECT_EQ(AdmissionMethodFor("21", v1::ADMISSION_METHOD_OTHER), v1::ADMISSION_METHOD_EMERGENCY);
  EXPECT_EQ(AdmissionMethodFor("11", v1::ADMISSION_METHOD_OTHER), v1::ADMISSION_METHOD_ELECTIVE);
  EXPECT_EQ(AdmissionMethodFor("81", v1::ADMISSION_METHOD_OTHER), v1::ADMISSION_METHOD_TRANSFER);
  EXPECT_EQ(AdmissionMethodFor("", v1::ADMISSION_METHOD_ELECTIVE), v1::ADMISSION_METHOD_ELECTIVE);
  EXPECT_EQ(AdmissionMethodFor("ZZ", v1::ADMISSION_METHOD_OTHER), v1::ADMISSION_METHOD_OTHER);
}

}  // namespace
}  // namespace tocflow::adt
