// The real messages in ../shared/data/hl7/ (see SOURCES.md there): every file is handled
// without crashing, with the outcome its documentation calls for, and a selection is checked
// field by field.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "hl7/ack.h"
#include "hl7/adt.h"
#include "hl7/mllp.h"
#include "hl7/patient_ids.h"
#include "workflow/nhs_number.h"
#include "workflow/time.h"

namespace hl7 {
namespace {

const std::filesystem::path kDir = TOCFLOW_HL7_SAMPLES_DIR;

std::string ReadSample(const std::string& name) {
  std::ifstream in(kDir / name, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::vector<std::string> AllSamples() {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(kDir)) {
    if (entry.path().extension() == ".hl7") names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

enum class Outcome { kExtracted, kUnsupported, kContentError, kUnparseable };

// Every public sample and what must happen to it. A file missing here fails the test below.
const std::map<std::string, Outcome>& ExpectedOutcomes() {
  static const auto* outcomes = new std::map<std::string, Outcome>{
      {"01_A01_v2.4_uclh-emap-generic.hl7", Outcome::kExtracted},
      {"02_A02_v2.4_uclh-emap-generic.hl7", Outcome::kExtracted},
      {"04_A03_v2.4_uclh-emap-generic.hl7", Outcome::kExtracted},
      {"05_A04_v2.4_uclh-emap-generic.hl7", Outcome::kUnsupported},
      {"09_A13_v2.4_uclh-emap-generic.hl7", Outcome::kExtracted},
      {"11_A01_v2.4_nhs-itk-example.hl7", Outcome::kExtracted},
      {"12_A03_v2.4_nhs-itk-example.hl7", Outcome::kExtracted},
      {"13_A04_v2.4_nhs-itk-example.hl7", Outcome::kUnsupported},
      {"16_A28_v2.4_nhs-itk-example.hl7", Outcome::kUnsupported},
      {"17_A31_v2.4_nhs-itk-example.hl7", Outcome::kUnsupported},
      {"18_A28_v2.4_inhealthcare-jsat-readme.hl7", Outcome::kUnsupported},
      {"20_A28_v2.5_dhcw-phw.hl7", Outcome::kUnsupported},
      {"21_A31_v2.5_dhcw-phw-to-mpi.hl7", Outcome::kUnsupported},
      {"23_A31_v2.5_dhcw-mpi-outbound-pharmacy.hl7", Outcome::kUnsupported},
      {"25_A31_v2.4_dhcw-chemocare-bcu.hl7", Outcome::kUnsupported},
      {"26_A04_v2.3.1_dhcw-pims.hl7", Outcome::kUnsupported},
      {"27_A05_v2.5.1_dhcw-std-validation.hl7", Outcome::kUnsupported},
      {"29_A01_v2.3_pkb-ballerina-v2tofhir.hl7", Outcome::kExtracted},
      {"30_A28_v2.4_ipm-lsp-rgq-hl7v24example.hl7", Outcome::kUnsupported},
      {"31_A28_v2.4_neova-ipm-arnie.hl7", Outcome::kUnsupported},
      {"33_A05_v2.4_neova-ipm-arnie.hl7", Outcome::kUnsupported},
      {"34_A01_v2.4_neova-ipm-adtconnector.hl7", Outcome::kExtracted},
      {"36_A31_v2.3_homerton-cerner-stokara.hl7", Outcome::kUnsupported},
      {"37_A01_v2.3_google-simhospital.hl7", Outcome::kExtracted},
      {"40_A31_v2.3_hapi-parseemptysegment.hl7", Outcome::kUnsupported},
      {"41_A03_v2.5_hapi-emptysegment-a05struct.hl7", Outcome::kContentError},  // bare PV1
      {"42_A08_v2.3_hapi-isempty-qld.hl7", Outcome::kContentError},             // no PV1
      {"45_A01_v2.3_python-hl7-cerner-hnam.hl7", Outcome::kExtracted},
      {"47_A01_v2.5_hl7apy-parse-ignoring-groups.hl7", Outcome::kContentError},  // no PV1-19
      {"48_A01_v2.6_hl7apy-invalid-missing-msh.hl7", Outcome::kUnparseable},
      {"50_A08_v2.5_ipf-sapish-arnie.hl7", Outcome::kExtracted},
      {"51_AXX_vNA_ipf-sapish-arnie-garbled.hl7", Outcome::kContentError},        // no MSH-9
      {"53_A01_v2.3.1_hl7-dotnetcore-mcm.hl7", Outcome::kContentError},           // no PV1-19
      {"54_A08_v2.4_hl7-dotnetcore-invalid-escape.hl7", Outcome::kContentError},  // no PID
      {"55_A04_v2.5.1_nhapi-cohie.hl7", Outcome::kUnsupported},
      {"57_A01_v2.3_nhapi-cerner-v500-ie.hl7", Outcome::kExtracted},
      {"58_A08_v2.3_nhapi-orbis-de.hl7", Outcome::kContentError},  // no PV1
      {"60_A01_v2.6_linuxforhealth-sample-win_CRLF.hl7", Outcome::kUnparseable},
      {"62_A01_v2.5.1_hl7-v2tofhir-ig-example.hl7", Outcome::kExtracted},
      {"63_A11_v2.4_uclh-emap-canceladmit.hl7", Outcome::kExtracted},
      {"64_A12_v2.4_uclh-emap-canceltransfer.hl7", Outcome::kExtracted},
      {"66_A02_v2.4_uclh-emap-canceltransfer.hl7", Outcome::kExtracted},
  };
  return *outcomes;
}

Outcome Classify(const std::string& text, std::string* detail) {
  const absl::StatusOr<Message> message = ParseMessage(text);
  if (!message.ok()) {
    *detail = std::string(message.status().message());
    return Outcome::kUnparseable;
  }
  const absl::StatusOr<AdtMessage> adt = ExtractAdt(*message);
  if (adt.ok()) return Outcome::kExtracted;
  *detail = std::string(adt.status().message());
  return adt.status().code() == absl::StatusCode::kUnimplemented ? Outcome::kUnsupported
                                                                 : Outcome::kContentError;
}

TEST(SampleFiles, EveryFileHasTheDocumentedOutcome) {
  const std::vector<std::string> names = AllSamples();
  ASSERT_GE(names.size(), 40u) << "samples not found in " << kDir;
  for (const std::string& name : names) {
    std::string detail;
    const Outcome outcome = Classify(ReadSample(name), &detail);
    const auto expected = ExpectedOutcomes().find(name);
    if (expected == ExpectedOutcomes().end()) {
      // A sample added later: it must at least be handled without crashing.
      ADD_FAILURE() << name << " has no expected outcome in this test (got "
                    << static_cast<int>(outcome) << ": " << detail << ")";
      continue;
    }
    EXPECT_EQ(outcome, expected->second) << name << ": " << detail;
    if (outcome != Outcome::kExtracted) {
      EXPECT_FALSE(detail.empty()) << name;
    }
  }
}

TEST(SampleFiles, EveryFileGetsAnAckThatParsesAndNamesItsControlId) {
  for (const std::string& name : AllSamples()) {
    const std::string text = ReadSample(name);
    AckOptions options;
    options.code = AckCode::kReject;
    options.text = "test";
    options.control_id = "ACK1";
    options.time = workflow::FromUnixSeconds(1700000000);
    const absl::StatusOr<Message> in = ParseMessage(text);
    const std::string ack = in.ok() ? BuildAck(*in, options) : BuildAckFromRaw(text, options);
    const absl::StatusOr<Message> parsed = ParseMessage(ack);
    ASSERT_TRUE(parsed.ok()) << name << ": " << parsed.status();
    const Segment* msa = parsed->Find("MSA");
    ASSERT_NE(msa, nullptr) << name;
    EXPECT_EQ(msa->Get(1), "AR") << name;
    if (in.ok()) {
      EXPECT_EQ(msa->Get(2), in->msh().Get(10)) << name;
    }
  }
}

TEST(SampleFiles, EveryFileSurvivesMllpInSmallPieces) {
  for (const std::string& name : AllSamples()) {
    const std::string text = ReadSample(name);
    const absl::StatusOr<std::string> framed = MllpEncode(text);
    ASSERT_TRUE(framed.ok()) << name;
    MllpDecoder decoder;
    std::vector<MllpEvent> events;
    for (size_t i = 0; i < framed->size(); i += 7) {
      for (MllpEvent& e : decoder.Feed(std::string_view(*framed).substr(i, 7))) {
        events.push_back(std::move(e));
      }
    }
    ASSERT_EQ(events.size(), 1u) << name;
    EXPECT_EQ(events[0].kind, MllpEvent::Kind::kMessage) << name;
    EXPECT_EQ(events[0].payload, text) << name;
  }
}

AdtMessage MustExtract(const std::string& name) {
  const absl::StatusOr<Message> message = ParseMessage(ReadSample(name));
  EXPECT_TRUE(message.ok()) << name << ": " << message.status();
  if (!message.ok()) return {};
  absl::StatusOr<AdtMessage> adt = ExtractAdt(*message);
  EXPECT_TRUE(adt.ok()) << name << ": " << adt.status();
  return adt.ok() ? *adt : AdtMessage{};
}

std::string Utc(const std::optional<Dtm>& t) {
  return t ? workflow::FormatUtc(t->instant) : "none";
}

struct Expected {
  const char* file;
  const char* trigger;
  const char* control_id;
  const char* version;
  const char* nhs;  // "" when absent
  const char* visit;
  const char* ward;
  const char* bed;
  const char* admit_utc;      // "none" when absent
  const char* discharge_utc;  // "none" when absent
};

// Local times are Europe/London: February is GMT (UTC+0), May to October BST (UTC+1).
TEST(SampleFiles, ExtractsDocumentedFields) {
  const Expected cases[] = {
      {"01_A01_v2.4_uclh-emap-generic.hl7", "A01", "31644", "2.4", "9999999999", "123412341234",
       "T42E", "BY02-17", "2013-02-11T10:00:52Z", "none"},
      {"02_A02_v2.4_uclh-emap-generic.hl7", "A02", "32049", "2.4", "9999999999", "123412341234",
       "T12S", "BY05-33", "2012-10-17T11:24:53Z", "none"},
      {"04_A03_v2.4_uclh-emap-generic.hl7", "A03", "eh", "2.4", "9999999999", "123412341234",
       "T11E", "BY02-17", "2013-02-11T10:00:52Z", "2013-02-11T10:00:00Z"},
      {"09_A13_v2.4_uclh-emap-generic.hl7", "A13", "100000", "2.4", "9999999999", "123412341234",
       "T11E", "BY02-17", "2013-02-11T10:01:52Z", "2013-02-11T10:00:00Z"},
      {"11_A01_v2.4_nhs-itk-example.hl7", "A01", "1391320453338055", "2.4", "3333333333", "2139",
       "RCB", "BAY2-6", "2010-10-20T16:16:00Z", "none"},
      {"12_A03_v2.4_nhs-itk-example.hl7", "A03", "13403893338056", "2.4", "3333333333", "YOR123456",
       "RCB", "BAY2-6", "2010-10-20T16:16:00Z", "2010-10-21T16:06:00Z"},
      {"29_A01_v2.3_pkb-ballerina-v2tofhir.hl7", "A01", "ABC0000000001", "2.3", "9999999999",
       "V00001", "", "", "2015-08-01T09:00:00Z", "2015-08-01T11:00:00Z"},
      {"34_A01_v2.4_neova-ipm-adtconnector.hl7", "A01", "607639", "2.4", "", "vid1", "101", "",
       "2012-01-03T09:00:00Z", "none"},
      {"37_A01_v2.3_google-simhospital.hl7", "A01", "5", "2.3", "2478684691", "6145914547062969032",
       "RenalWard", "Bed 1", "2020-05-08T12:06:43Z", "none"},
      {"45_A01_v2.3_python-hl7-cerner-hnam.hl7", "A01", "Q150084616T145947960", "2.3", "", "01",
       "MBN1", "06", "2014-02-10T22:53:00Z", "none"},
      {"50_A08_v2.5_ipf-sapish-arnie.hl7", "A08", "123456", "2.5", "", "79237645", "ISKA", "4",
       "2004-08-04T23:00:00Z", "none"},
      {"57_A01_v2.3_nhapi-cerner-v500-ie.hl7", "A01", "12345", "2.3", "", "12345", "TEST", "011",
       "2017-01-30T12:56:00Z", "none"},
      {"62_A01_v2.5.1_hl7-v2tofhir-ig-example.hl7", "A01", "4637382", "2.5.1", "", "81456267",
       "EMERG", "01", "2015-06-01T12:58:00Z", "none"},
      {"63_A11_v2.4_uclh-emap-canceladmit.hl7", "A11", "31644", "2.4", "9999999999", "123412341234",
       "ED", "DELETE", "2013-02-11T11:00:52Z", "none"},
      {"64_A12_v2.4_uclh-emap-canceltransfer.hl7", "A12", "31644", "2.4", "9999999999",
       "123412341234", "T11E", "BY02-25", "2013-02-11T11:00:52Z", "none"},
      {"66_A02_v2.4_uclh-emap-canceltransfer.hl7", "A02", "31644", "2.4", "9999999999",
       "123412341234", "ED", "05-NON COVID MAJORS", "2013-02-11T11:00:52Z", "none"},
  };
  for (const Expected& e : cases) {
    const AdtMessage adt = MustExtract(e.file);
    EXPECT_EQ(adt.message_type, "ADT") << e.file;
    EXPECT_EQ(adt.trigger, e.trigger) << e.file;
    EXPECT_EQ(adt.control_id, e.control_id) << e.file;
    EXPECT_EQ(adt.version, e.version) << e.file;
    EXPECT_EQ(adt.nhs_number, e.nhs) << e.file;
    EXPECT_EQ(adt.nhs_number_status,
              std::string(e.nhs).empty() ? NhsNumberStatus::kAbsent : NhsNumberStatus::kValid)
        << e.file;
    EXPECT_EQ(adt.visit_number, e.visit) << e.file;
    EXPECT_EQ(adt.location.point_of_care, e.ward) << e.file;
    EXPECT_EQ(adt.location.bed, e.bed) << e.file;
    EXPECT_EQ(Utc(adt.admit_time), e.admit_utc) << e.file;
    EXPECT_EQ(Utc(adt.discharge_time), e.discharge_utc) << e.file;
  }
}

TEST(SampleFiles, TwelveAndFourteenDigitTimesKeepTheirPrecision) {
  const AdtMessage a03 = MustExtract("04_A03_v2.4_uclh-emap-generic.hl7");
  ASSERT_TRUE(a03.admit_time && a03.discharge_time);
  EXPECT_EQ(a03.admit_time->precision, DtmPrecision::kSecond);      // 20130211100052
  EXPECT_EQ(a03.discharge_time->precision, DtmPrecision::kMinute);  // 201302111000
  EXPECT_FALSE(a03.admit_time->has_offset);
  EXPECT_EQ(a03.admission_type, "I");  // PV1-4 "~I"
}

TEST(SampleFiles, LocationsCarryFacilityAndDescription) {
  const AdtMessage itk = MustExtract("11_A01_v2.4_nhs-itk-example.hl7");
  EXPECT_EQ(itk.location.room, "OBS1");
  EXPECT_EQ(itk.location.facility, "RCB55");
  EXPECT_EQ(itk.patient_class, "I");
  const AdtMessage sim = MustExtract("37_A01_v2.3_google-simhospital.hl7");
  EXPECT_EQ(sim.location.facility, "Simulated Hospital");
  EXPECT_EQ(sim.location.room, "MainRoom");
  const AdtMessage pkb = MustExtract("29_A01_v2.3_pkb-ballerina-v2tofhir.hl7");
  EXPECT_EQ(pkb.location.description, "My Ward");
  const AdtMessage transfer = MustExtract("66_A02_v2.4_uclh-emap-canceltransfer.hl7");
  EXPECT_EQ(transfer.patient_class, "E");
  EXPECT_EQ(transfer.prior_location.point_of_care, "ED");
  EXPECT_EQ(transfer.prior_location.room, "UCHED RAT CHAIR");
}

TEST(SampleFiles, TriggerMismatchIsWarnedAndMshWins) {
  const AdtMessage adt = MustExtract("50_A08_v2.5_ipf-sapish-arnie.hl7");
  EXPECT_EQ(adt.trigger, "A08");
  ASSERT_EQ(adt.warnings.size(), 1u);
  EXPECT_NE(adt.warnings[0].find("EVN-1 A01"), std::string::npos);
}

TEST(SampleFiles, LocalPatientIdFollowsTheRule) {
  EXPECT_EQ(MustExtract("01_A01_v2.4_uclh-emap-generic.hl7").local_patient_id, "40800000");
  const AdtMessage sim = MustExtract("37_A01_v2.3_google-simhospital.hl7");
  EXPECT_EQ(sim.local_patient_id, "2590157853");
  EXPECT_EQ(sim.local_patient_id_authority, "SIMULATOR MRN");
  EXPECT_EQ(MustExtract("11_A01_v2.4_nhs-itk-example.hl7").local_patient_id, "");
}

// NHS numbers of the registration messages (A28/A31, not turned into commands) through the
// same identifier rules: NHS first or last, NH/HN/NHS types, authority only, PID-4.
TEST(SampleFiles, NhsNumbersOfEveryKindAndTheirMod11Verdict) {
  const struct {
    const char* file;
    const char* nhs;
    NhsNumberStatus status;
    const char* local;
  } cases[] = {
      {"18_A28_v2.4_inhealthcare-jsat-readme.hl7", "9990500002", NhsNumberStatus::kValid,
       "8000002"},
      {"20_A28_v2.5_dhcw-phw.hl7", "6666666666", NhsNumberStatus::kValid, "8888888"},
      {"23_A31_v2.5_dhcw-mpi-outbound-pharmacy.hl7", "2618754778", NhsNumberStatus::kValid,
       "T9259729"},
      {"25_A31_v2.4_dhcw-chemocare-bcu.hl7", "1000000001", NhsNumberStatus::kValid, ""},
      {"26_A04_v2.3.1_dhcw-pims.hl7", "", NhsNumberStatus::kAbsent, "N1000001"},
      {"30_A28_v2.4_ipm-lsp-rgq-hl7v24example.hl7", "2222222222", NhsNumberStatus::kValid,
       "111111"},
      {"31_A28_v2.4_neova-ipm-arnie.hl7", "6526398685", NhsNumberStatus::kValid, ""},
      {"13_A04_v2.4_nhs-itk-example.hl7", "3333333333", NhsNumberStatus::kValid, ""},
      {"41_A03_v2.5_hapi-emptysegment-a05struct.hl7", "", NhsNumberStatus::kAbsent, "00J8804997"},
  };
  for (const auto& c : cases) {
    const absl::StatusOr<Message> message = ParseMessage(ReadSample(c.file));
    ASSERT_TRUE(message.ok()) << c.file << ": " << message.status();
    const PatientIdentifiers ids = SelectPatientIdentifiers(message->Find("PID"));
    EXPECT_EQ(ids.nhs_number, c.nhs) << c.file;
    EXPECT_EQ(ids.nhs_number_status, c.status) << c.file;
    EXPECT_EQ(ids.local_id, c.local) << c.file;
    if (c.status == NhsNumberStatus::kValid) {
      EXPECT_TRUE(workflow::IsValidNhsNumber(ids.nhs_number)) << c.file;
    }
  }
}

TEST(SampleFiles, MalformedFilesAreRefusedWithAReason) {
  const struct {
    const char* file;
    absl::StatusCode code;
    const char* needle;
  } cases[] = {
      {"48_A01_v2.6_hl7apy-invalid-missing-msh.hl7", absl::StatusCode::kInvalidArgument,
       "must begin with an MSH"},
      {"60_A01_v2.6_linuxforhealth-sample-win_CRLF.hl7", absl::StatusCode::kInvalidArgument,
       "MSH-2"},
      {"51_AXX_vNA_ipf-sapish-arnie-garbled.hl7", absl::StatusCode::kInvalidArgument, "MSH-9"},
      {"54_A08_v2.4_hl7-dotnetcore-invalid-escape.hl7", absl::StatusCode::kInvalidArgument, "PID"},
      {"16_A28_v2.4_nhs-itk-example.hl7", absl::StatusCode::kUnimplemented, "A28"},
  };
  for (const auto& c : cases) {
    absl::Status status;
    const absl::StatusOr<Message> message = ParseMessage(ReadSample(c.file));
    if (!message.ok()) {
      status = message.status();
    } else {
      status = ExtractAdt(*message).status();
    }
    EXPECT_EQ(status.code(), c.code) << c.file << ": " << status;
    EXPECT_NE(std::string(status.message()).find(c.needle), std::string::npos)
        << c.file << ": " << status;
  }
}

TEST(SampleFiles, EscapesInRealMessages) {
  // File 53: PID-3 "123456789^\E\^^USSSA^SS" - CX.2 is one escaped backslash.
  const absl::StatusOr<Message> mcm =
      ParseMessage(ReadSample("53_A01_v2.3.1_hl7-dotnetcore-mcm.hl7"));
  ASSERT_TRUE(mcm.ok());
  const Segment* pid = mcm->Find("PID");
  ASSERT_NE(pid, nullptr);
  EXPECT_EQ(pid->Get(3, 2, 2), "\\");
  EXPECT_EQ(pid->Get(3, 2, 1), "123456789");
  // File 36: "Emergency-A\T\E/Dental" in PV1-4 (\T\ is the sub-component separator, "&").
  const absl::StatusOr<Message> homerton =
      ParseMessage(ReadSample("36_A31_v2.3_homerton-cerner-stokara.hl7"));
  ASSERT_TRUE(homerton.ok());
  EXPECT_EQ(homerton->Find("PV1")->Get(4), "Emergency-A&E/Dental");
  // File 54: a lone escape character, kept literally.
  const absl::StatusOr<Message> lone =
      ParseMessage(ReadSample("54_A08_v2.4_hl7-dotnetcore-invalid-escape.hl7"));
  ASSERT_TRUE(lone.ok());
  const Segment* zz1 = lone->Find("ZZ1");
  ASSERT_NE(zz1, nullptr);
  EXPECT_EQ(zz1->Get(9), "BSV 4\\5 re.");
}

TEST(SampleFiles, CharacterSetAndSeparatorsComeFromTheHeader) {
  const absl::StatusOr<Message> itk = ParseMessage(ReadSample("11_A01_v2.4_nhs-itk-example.hl7"));
  ASSERT_TRUE(itk.ok());
  EXPECT_EQ(itk->msh().Get(18), "UNICODE");
  EXPECT_EQ(itk->msh().Get(21), "iTKv1.0");
  EXPECT_NE(itk->Find("ZU8"), nullptr);
}

}  // namespace
}  // namespace hl7
