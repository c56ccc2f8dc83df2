// tocflow import: the sample spreadsheet, re-import, broken rows and broken files.
#include <fstream>

#include "cli_fixture.h"
#include "google/protobuf/struct.pb.h"

namespace tocflow::cli::testing {
namespace {

using ::testing::HasSubstr;

const std::string kSample = std::string(TOCFLOW_CLI_EXAMPLES) + "/cases.csv";

class ImportCliTest : public CliTest {
 protected:
  std::string Write(const std::string& name, const std::string& text) {
    std::string path = dir_.File(name);
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }
  double Number(const google::protobuf::Struct& s, const std::string& key) {
    return s.fields().at(key).number_value();
  }
  v1::ListCasesResponse AllCases() {
    return ParseJson<v1::ListCasesResponse>(Cli({"case", "list", "--all", "--json"}).out);
  }
};

TEST_F(ImportCliTest, LoadsTheSampleAndReloadingCreatesNothingTwice) {
  CliRun first = Cli({"import", kSample, "--json"});
  ASSERT_EQ(first.exit_code, 0) << first.out << first.err;
  auto summary = ParseJson<google::protobuf::Struct>(first.out);
  EXPECT_EQ(Number(summary, "rows"), 4);
  EXPECT_EQ(Number(summary, "loaded"), 4);
  EXPECT_EQ(Number(summary, "skipped"), 0);
  auto cases = AllCases();
  ASSERT_EQ(cases.cases_size(), 4);
  int64_t versions = 0;
  for (const auto& c : cases.cases()) versions += c.version();

  CliRun again = Cli({"import", kSample});
  ASSERT_EQ(again.exit_code, 0) << again.out << again.err;
  EXPECT_THAT(again.out, HasSubstr("4 rows: 0 loaded, 4 already loaded, 0 skipped"));
  EXPECT_EQ(again.out.find('\r'), std::string::npos);  // no progress bar when not a terminal
  auto after = AllCases();
  ASSERT_EQ(after.cases_size(), 4);
  int64_t versions_after = 0;
  for (const auto& c : after.cases()) versions_after += c.version();
  EXPECT_EQ(versions_after, versions);

  // The sample's row 3 records readiness and pathway 1 (PATHWAY_1) for MRN1002.
  auto mrn = ParseJson<v1::ListCasesResponse>(
      Cli({"case", "list", "--local-patient-id", "MRN1002", "--json"}).out);
  ASSERT_EQ(mrn.cases_size(), 1);
  auto c = ParseJson<v1::Case>(Cli({"case", "show", mrn.cases(0).case_id(), "--json"}).out);
  EXPECT_EQ(c.facts().stay().pathway(), v1::PATHWAY_1);
  EXPECT_EQ(c.facts().stay().expected_discharge_date().day(), 2);
  EXPECT_EQ(c.facts().identity().ward(), "Oak");
}

TEST_F(ImportCliTest, SkipsBadRowsNamingRowAndReason) {
  std::string path = Write(
      "broken.csv",
      "nhs_number,local_patient_id,spell_id,provider_ods,site,ward,bed,setting,local_authority,"
      "icb,admitted_at\r\n"
      "9434765919,M1,B1,RXX,Main,Oak,1,acute,E1,QMJ,2026-09-01 10:00\r\n"
      "1234567890,M2,B2,RXX,Main,Oak,2,acute,E1,QMJ,2026-09-01 10:00\r\n"
      "9434765919,M3,,RXX,Main,Oak,3,acute,E1,QMJ,2026-09-01 10:00\r\n"
      "9434765919,M1,B1,RXX,Main,Oak,1,acute,E1,QMJ,2026-09-01 10:00\r\n"
      "9434765919,M5,B5,RXX,Main,Oak,5,hovercraft,E1,QMJ,2026-09-01 10:00\r\n");
  CliRun run = Cli({"import", path});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_THAT(run.out, HasSubstr("5 rows: 1 loaded, 0 already loaded, 4 skipped"));
  EXPECT_THAT(run.out, HasSubstr("row 3 skipped: nhs_number: bad NHS number \"1234567890\""));
  EXPECT_THAT(run.out, HasSubstr("row 4 skipped: spell_id: missing value"));
  EXPECT_THAT(run.out, HasSubstr("row 5 skipped: same provider and spell as row 2"));
  EXPECT_THAT(run.out, HasSubstr("row 6 skipped: setting:"));
  EXPECT_EQ(AllCases().cases_size(), 1);
}

TEST_F(ImportCliTest, BrokenFilesAreUsageErrors) {
  CliRun unclosed = Cli({"import", Write("quote.csv", "nhs_number,ward\n\"943,Oak\n")});
  EXPECT_EQ(unclosed.exit_code, 2);
  EXPECT_THAT(unclosed.err, HasSubstr("line 2"));
  CliRun columns = Cli({"import", Write("cols.csv", "nhs_number,ward\n9434765919,Oak\n")});
  EXPECT_EQ(columns.exit_code, 2);
  EXPECT_THAT(columns.err, HasSubstr("required column(s): local_patient_id"));
  EXPECT_EQ(Cli({"import", dir_.File("absent.csv")}).exit_code, 2);
  EXPECT_EQ(AllCases().cases_size(), 0);
}

TEST_F(ImportCliTest, UnreachableServerExitsThree) {
  CliRun run = RunTocflow({"--server", "127.0.0.1:1", "import", kSample});
  EXPECT_EQ(run.exit_code, 3);
}

}  // namespace
}  // namespace tocflow::cli::testing
