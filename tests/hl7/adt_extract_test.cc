// ExtractAdt on synthetic messages: PID-3 selection rules, trigger fallback, errors.
#include <gtest/gtest.h>

#include <string>

#include "hl7/adt.h"
#include "workflow/time.h"

namespace hl7 {
namespace {

std::string Msg(std::string_view msh9, std::string_view pid3, std::string_view extra = "",
                std::string_view version = "2.4") {
  std::string m = "MSH|^~\\&|PAS|RCB|TOC|TOC|20240101120000||" + std::string(msh9) + "|C1|P|" +
                  std::string(version) + "\r";
  m += "EVN|A01|20240101115900\r";
  m += "PID|1||" + std::string(pid3) + "||DOE^JANE\r";
  m += "PV1|1|I|WARD9^R1^B2^RCB55|EL|||||||||||||||V123" + std::string(extra) + "\r";
  return m;
}

absl::StatusOr<AdtMessage> Extract(const std::string& text) {
  absl::StatusOr<Message> m = ParseMessage(text);
  if (!m.ok()) return m.status();
  return ExtractAdt(*m);
}

struct Pid3Case {
  const char* name;
  const char* pid3;
  const char* nhs;
  NhsNumberStatus status;
  const char* local;
};

TEST(AdtExtract, PicksNhsNumberByTypeOrAuthorityNeverPosition) {
  const Pid3Case cases[] = {
      {"NHS last, type NH", "111^^^RMW00^MR~9434765919^^^NHS^NH", "9434765919",
       NhsNumberStatus::kValid, "111"},
      {"NHS first, type NH", "9434765919^^^NHS^NH~111^^^RMW00^MR", "9434765919",
       NhsNumberStatus::kValid, "111"},
      {"type HN (UCLH)", "40800000^^^MRENTR^MEDREC~9999999999^^^NHS^HN", "9999999999",
       NhsNumberStatus::kValid, "40800000"},
      {"type HN, other authority", "555^^^RRV^MR~9434765919^^^RRV^HN", "9434765919",
       NhsNumberStatus::kValid, "555"},
      {"type NH, no authority", "222^^^X^PI~9990500002^^^^NH", "9990500002",
       NhsNumberStatus::kValid, "222"},
      {"authority NHS, no type (ITK)", "9990500002^^^NHS", "9990500002", NhsNumberStatus::kValid,
       ""},
      {"lower-case type", "9990500002^^^^nh~333^^^X^MRN", "9990500002", NhsNumberStatus::kValid,
       "333"},
      {"spaces inside", "943 476 5919^^^NHS^NH", "9434765919", NhsNumberStatus::kValid, ""},
      {"wrong check digit", "9434765918^^^NHS^NH~444^^^X^MR", "9434765918",
       NhsNumberStatus::kInvalid, "444"},
      {"check digit 10", "1234567890^^^NHS^NH", "1234567890", NhsNumberStatus::kInvalid, ""},
      {"not digits", "N4000000001^03^^^NI~N1000001^^^^PI", "", NhsNumberStatus::kAbsent,
       "N1000001"},
      {"ten digits but untyped", "9434765919^^^HOSP^MR", "", NhsNumberStatus::kAbsent,
       "9434765919"},
      {"typed but empty, then real", "^^^NHS^NH~9434765919^^^NHS^NH", "9434765919",
       NhsNumberStatus::kValid, ""},
      {"local id without MR type", "9434765919^^^NHS^NH~777^^^X^XX", "9434765919",
       NhsNumberStatus::kValid, "777"},
  };
  for (const Pid3Case& c : cases) {
    const absl::StatusOr<AdtMessage> adt = Extract(Msg("ADT^A01", c.pid3));
    ASSERT_TRUE(adt.ok()) << c.name << ": " << adt.status();
    EXPECT_EQ(adt->nhs_number, c.nhs) << c.name;
    EXPECT_EQ(adt->nhs_number_status, c.status) << c.name;
    EXPECT_EQ(adt->local_patient_id, c.local) << c.name;
  }
}

TEST(AdtExtract, InvalidTextNhsNumberIsReportedNotDropped) {
  const absl::StatusOr<AdtMessage> adt = Extract(Msg("ADT^A01", "this is a test^^^NHS^NH"));
  ASSERT_TRUE(adt.ok()) << adt.status();
  EXPECT_EQ(adt->nhs_number_status, NhsNumberStatus::kInvalid);
  EXPECT_EQ(adt->nhs_number, "thisisatest");
}

TEST(AdtExtract, ConflictingNhsNumbersWarn) {
  const absl::StatusOr<AdtMessage> adt =
      Extract(Msg("ADT^A01", "9434765919^^^NHS^NH~9990500002^^^NHS^NH"));
  ASSERT_TRUE(adt.ok());
  EXPECT_EQ(adt->nhs_number, "9434765919");
  ASSERT_EQ(adt->warnings.size(), 1u);
  EXPECT_NE(adt->warnings[0].find("NHS"), std::string::npos);
}

TEST(AdtExtract, ReadsVisitLocationAndTimes) {
  const absl::StatusOr<AdtMessage> adt =
      Extract(Msg("ADT^A03^ADT_A03", "9434765919^^^NHS^NH",
                  std::string(25, '|') + "20240701093000|202407051400"));
  ASSERT_TRUE(adt.ok()) << adt.status();
  EXPECT_EQ(adt->trigger, "A03");
  EXPECT_EQ(adt->message_type, "ADT");
  EXPECT_EQ(adt->control_id, "C1");
  EXPECT_EQ(adt->sending_application, "PAS");
  EXPECT_EQ(adt->sending_facility, "RCB");
  EXPECT_EQ(adt->visit_number, "V123");
  EXPECT_EQ(adt->location.point_of_care, "WARD9");
  EXPECT_EQ(adt->location.room, "R1");
  EXPECT_EQ(adt->location.bed, "B2");
  EXPECT_EQ(adt->location.facility, "RCB55");
  EXPECT_EQ(adt->patient_class, "I");
  EXPECT_EQ(adt->admission_type, "EL");
  ASSERT_TRUE(adt->admit_time.has_value());
  ASSERT_TRUE(adt->discharge_time.has_value());
  EXPECT_EQ(workflow::FormatUtc(adt->admit_time->instant), "2024-07-01T08:30:00Z");
  EXPECT_EQ(adt->admit_time->precision, DtmPrecision::kSecond);
  EXPECT_EQ(workflow::FormatUtc(adt->discharge_time->instant), "2024-07-05T13:00:00Z");
  EXPECT_EQ(adt->discharge_time->precision, DtmPrecision::kMinute);
  ASSERT_TRUE(adt->event_time.has_value());
  EXPECT_EQ(workflow::FormatUtc(adt->event_time->instant), "2024-01-01T11:59:00Z");
}

TEST(AdtExtract, TriggerFallsBackToEvn1) {
  const absl::StatusOr<AdtMessage> adt = Extract(Msg("ADT", "9434765919^^^NHS^NH"));
  ASSERT_TRUE(adt.ok()) << adt.status();
  EXPECT_EQ(adt->trigger, "A01");
  EXPECT_TRUE(adt->warnings.empty());
}

void ExpectError(const std::string& text, absl::StatusCode code, std::string_view needle) {
  const absl::StatusOr<AdtMessage> adt = Extract(text);
  ASSERT_FALSE(adt.ok()) << "accepted";
  EXPECT_EQ(adt.status().code(), code) << adt.status();
  EXPECT_NE(std::string(adt.status().message()).find(needle), std::string::npos) << adt.status();
}

TEST(AdtExtract, UnsupportedTypesAndVersionsAreUnimplemented) {
  ExpectError(Msg("ADT^A28", "1^^^X^MR"), absl::StatusCode::kUnimplemented, "A28");
  ExpectError(Msg("ORU^R01", "1^^^X^MR"), absl::StatusCode::kUnimplemented, "ORU");
  ExpectError(Msg("ADT^A01", "1^^^X^MR", "", "2.2"), absl::StatusCode::kUnimplemented, "2.2");
  ExpectError(Msg("ADT^A01", "1^^^X^MR", "", "2.7"), absl::StatusCode::kUnimplemented, "MSH-12");
  AdtOptions wider;
  wider.supported_versions.push_back("2.7");
  const absl::StatusOr<Message> m = ParseMessage(Msg("ADT^A01", "1^^^X^MR", "", "2.7"));
  ASSERT_TRUE(m.ok());
  EXPECT_TRUE(ExtractAdt(*m, wider).ok());
}

TEST(AdtExtract, ContentErrorsNameTheField) {
  const std::string good = Msg("ADT^A01", "1^^^X^MR");
  std::string no_pv1 = good.substr(0, good.find("PV1"));
  ExpectError(no_pv1, absl::StatusCode::kInvalidArgument, "PV1: segment missing");
  std::string no_pid = good;
  no_pid.erase(no_pid.find("PID"), no_pid.find("PV1") - no_pid.find("PID"));
  ExpectError(no_pid, absl::StatusCode::kInvalidArgument, "PID: segment missing");
  std::string no_visit = good;
  no_visit.replace(no_visit.find("V123"), 4, "\"\"");
  ExpectError(no_visit, absl::StatusCode::kInvalidArgument, "PV1-19");
  std::string no_id = good;
  no_id.replace(no_id.find("|C1|"), 4, "||");
  ExpectError(no_id, absl::StatusCode::kInvalidArgument, "MSH-10");
  ExpectError(Msg("ADT^A01", "1^^^X^MR", std::string(25, '|') + "2013"),
              absl::StatusCode::kInvalidArgument, "PV1-44");
  ExpectError(Msg("ADT^A01", "1^^^X^MR", std::string(26, '|') + "20131345"),
              absl::StatusCode::kInvalidArgument, "PV1-45");
}

}  // namespace
}  // namespace hl7
