// A real tocflowd process on a free loopback port with a temporary SQLite file, and helpers to
// run `tocflow` against it and parse its --json output.
#pragma once

#include <gmock/gmock.h>
#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "process.h"
#include "support/temp_dir.h"
#include "support/tocflowd_process.h"
#include "tocflow/v1/cases.pb.h"

namespace tocflow::cli::testing {

namespace v1 = ::tocflow::v1;
using ::tocflow::testing::TocflowdProcess;

// tocflowd's flag for fast commits (durability against power loss is not under test here).
inline constexpr const char* kFastCommits = "--synchronous=normal";

// Parses --json output into a message; a test failure when it does not parse.
template <typename Message>
Message ParseJson(const std::string& json) {
  Message message;
  auto status = google::protobuf::util::JsonStringToMessage(json, &message);
  EXPECT_TRUE(status.ok()) << status.ToString() << "\nin: " << json;
  return message;
}

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = std::make_unique<TocflowdProcess>(db_, std::vector<std::string>{kFastCommits});
    ASSERT_TRUE(server_->up()) << "tocflowd did not start: " << server_->Output();
  }

  // Runs `tocflow --server ADDR args...` as user "tester".
  CliRun Cli(const std::vector<std::string>& args) {
    std::vector<std::string> all = {"--server", server_->address()};
    all.insert(all.end(), args.begin(), args.end());
    return RunTocflow(all, {"USER=tester"});
  }

  // Opens an acute elective case (no EDD clock, so no deadline fires on an old admission) for
  // `spell` admitted at `admitted`; returns its id.
  std::string OpenCase(const std::string& spell, const std::string& admitted = "2026-09-28 10:15",
                       const std::string& la = "E09000007") {
    CliRun run = Cli({"case",
                      "open",
                      "--json",
                      "--nhs_number",
                      "9434765919",
                      "--local_patient_id",
                      "MRN-" + spell,
                      "--spell_id",
                      spell,
                      "--provider_ods",
                      "RXX",
                      "--ward",
                      "Oak",
                      "--setting",
                      "acute",
                      "--local_authority",
                      la,
                      "--icb",
                      "QMJ",
                      "--admitted_at",
                      admitted,
                      "--admission_method",
                      "elective",
                      "--notice_exclusion",
                      "none"});
    EXPECT_EQ(run.exit_code, 0) << run.err;
    return ParseJson<v1::Case>(run.out).case_id();
  }

  tocflow::testing::TempDir dir_;
  std::string db_ = dir_.File("cli.db");
  std::unique_ptr<TocflowdProcess> server_;
};

}  // namespace tocflow::cli::testing
