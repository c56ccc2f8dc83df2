// A full file system under a real tocflowd process: the database (with its -wal and -shm files
// and the access log) on a 4 MiB tmpfs that a filler file fills up. Commands that no longer fit
// are refused with RESOURCE_EXHAUSTED naming disk space (never UNKNOWN or INTERNAL); the
// process stays up and serves every committed case and event; once the filler is deleted the
// same process takes commands again, a retry of the refused command applies once, a deadline
// that fell due meanwhile fires, and the access log carries on; after a restart every
// acknowledged command is there exactly once.
// Skipped, saying why, where a tmpfs cannot be mounted (see support/tmpfs_mount.h).
#include <fcntl.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <variant>

#include "e2e/case_ledger.h"
#include "support/tmpfs_mount.h"
#include "support/tocflowd_process.h"
#include "tocflow/v1/alerts.grpc.pb.h"

namespace tocflow::e2e {
namespace {

namespace v1 = ::tocflow::v1;
using ::testing::HasSubstr;
using ::tocflow::testing::FillUp;
using ::tocflow::testing::TmpfsMount;
using ::tocflow::testing::TocflowdProcess;

constexpr size_t kFileSystemBytes = 4 << 20;
// How soon the deadline of the test's due-soon case falls due: after the file system is full.
constexpr int kDueInSeconds = 4;
// Text that makes each command take room (the request limit is 1 KiB a string).
const std::string kBulk(900, 'x');

std::string Slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// A command of the test: the case opening or the event it sends.
using Command = std::variant<v1::CreateCaseRequest, v1::RecordEventRequest>;

grpc::Status Send(CaseLedger& ledger, v1::CaseService::Stub& stub, const Command& command,
                  std::string* case_id = nullptr) {
  if (const auto* open = std::get_if<v1::CreateCaseRequest>(&command)) {
    return ledger.Create(stub, *open, case_id);
  }
  return ledger.Record(stub, std::get<v1::RecordEventRequest>(command));
}

std::string Describe(const grpc::Status& status) {
  return std::to_string(status.error_code()) + " " + status.error_message();
}

// A case (at provider RYY, outside the ledger) whose EDD deadline, 48 hours after its emergency
// admission, falls due kDueInSeconds from now.
v1::CreateCaseRequest DueSoon() {
  v1::CreateCaseRequest request = OpenCase("due-soon");
  request.mutable_opening()->set_provider_ods("RYY");
  request.mutable_opening()->mutable_admitted_at()->set_seconds(UnixSecondsAgo(48 * 60) +
                                                                kDueInSeconds);
  return request;
}

// Follows the alerts of `case_id` from the first and returns the first of `kind`; an alert of
// kind UNSPECIFIED when none comes within `timeout`.
v1::Alert WaitForAlert(v1::AlertService::Stub& stub, const std::string& case_id, v1::AlertKind kind,
                       std::chrono::seconds timeout) {
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + timeout);
  v1::WatchAlertsRequest request;
  request.mutable_filter()->set_case_id(case_id);
  request.set_after_cursor(0);
  auto reader = stub.WatchAlerts(&context, request);
  v1::Alert alert;
  while (reader->Read(&alert)) {
    if (alert.kind() == kind) {
      context.TryCancel();
      reader->Finish();
      return alert;
    }
  }
  reader->Finish();
  return v1::Alert();
}

TEST(FilesystemFull, RefusesCommandsClearlyKeepsServingAndRecoversWhenSpaceReturns) {
  TmpfsMount fs(kFileSystemBytes);
  if (!fs.mounted()) GTEST_SKIP() << fs.why_not();
  TocflowdProcess daemon(fs.File("tocflow.db"));
  ASSERT_TRUE(daemon.up()) << daemon.Output();
  auto cases = daemon.Stub<v1::CaseService>();
  CaseLedger ledger;

  // A few cases with an event each while there is room.
  for (int i = 0; i < 5; ++i) {
    std::string id;
    grpc::Status opened = ledger.Create(*cases, OpenCase("early-" + std::to_string(i)), &id);
    ASSERT_TRUE(opened.ok()) << Describe(opened);
    grpc::Status moved = ledger.Record(*cases, TransferWard(id, 1));
    ASSERT_TRUE(moved.ok()) << Describe(moved);
  }

  v1::Case due_soon;
  {
    grpc::ClientContext context;
    grpc::Status opened = cases->CreateCase(&context, DueSoon(), &due_soon);
    ASSERT_TRUE(opened.ok()) << Describe(opened);
  }

  // The filler takes every byte left; commands go on until one does not fit (the database and
  // its WAL may still have free pages for a while).
  const std::string filler = fs.File("filler");
  ASSERT_GT(FillUp(filler), 0u);
  grpc::Status refused;
  Command failed;
  std::string current_case;
  for (int i = 0; i < 3000 && refused.ok(); ++i) {
    if (i % 5 == 0) {
      failed = OpenCase("full-" + std::to_string(i), kBulk);
      refused = Send(ledger, *cases, failed, &current_case);
    } else {
      failed = TransferWard(current_case, i, kBulk);
      refused = Send(ledger, *cases, failed);
    }
  }
  ASSERT_FALSE(refused.ok()) << "3000 commands fitted on a full " << kFileSystemBytes
                             << "-byte file system";
  std::cout << ledger.commands() << " commands stored, then refused: " << Describe(refused)
            << std::endl;
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED) << Describe(refused);
  EXPECT_THAT(refused.error_message(), HasSubstr("free disk space"));
  EXPECT_THAT(refused.error_message(), HasSubstr("nothing was stored"));

  // More commands while full: refused the same way (or, where they still fit, stored). Their
  // access log lines (over 4 KiB of them) no longer fit either.
  for (int i = 0; i < 50; ++i) {
    grpc::Status more = ledger.Record(*cases, TransferWard(ledger.case_ids().front(), 100 + i));
    EXPECT_TRUE(more.ok() || more.error_code() == grpc::StatusCode::RESOURCE_EXHAUSTED)
        << Describe(more);
  }
  ASSERT_TRUE(daemon.Running()) << daemon.Output();
  ledger.ExpectStored(*cases, "with the file system full");
  // The deadline falls due and cannot be recorded either.
  EXPECT_TRUE(daemon.WaitForLine("deadline_elapsed not recorded, the first for case " +
                                 due_soon.case_id() + " (RESOURCE_EXHAUSTED)"))
      << daemon.Output();

  // Space returns: the same process takes the refused command, once, and new ones.
  ASSERT_EQ(unlink(filler.c_str()), 0);
  grpc::Status retried = Send(ledger, *cases, failed);
  ASSERT_TRUE(retried.ok()) << "the retry after space returned: " << Describe(retried);
  grpc::Status again = Send(ledger, *cases, failed);
  ASSERT_TRUE(again.ok()) << "a second retry: " << Describe(again);
  std::string after_case;
  grpc::Status opened = ledger.Create(*cases, OpenCase("after-space-returned"), &after_case);
  ASSERT_TRUE(opened.ok()) << Describe(opened);
  grpc::Status moved = ledger.Record(*cases, TransferWard(after_case, 1));
  ASSERT_TRUE(moved.ok()) << Describe(moved);
  ledger.ExpectStored(*cases, "after space returned");
  // The deadline that could not be recorded fires now (within the scheduler's retry delay).
  auto alerts = daemon.Stub<v1::AlertService>();
  EXPECT_EQ(WaitForAlert(*alerts, due_soon.case_id(), v1::ALERT_KIND_EDD_NOT_SET,
                         std::chrono::seconds(20))
                .case_id(),
            due_soon.case_id())
      << "the deadline that fell due while the disk was full did not fire: " << daemon.Output();
  // The access log (beside the database) carries on too, saying how many lines it lost.
  const std::string access_log = Slurp(fs.File("tocflow.db.access.log"));
  EXPECT_THAT(access_log, HasSubstr(" access_log lines_lost="));
  EXPECT_THAT(access_log, HasSubstr("rpc=RecordEvent case=" + after_case + " OK"));
  EXPECT_THAT(daemon.Output(), HasSubstr("cannot write the access log"));

  // A clean stop, and a restart on the same file: everything acknowledged, exactly once.
  EXPECT_EQ(TocflowdProcess::ExitCode(daemon.Stop()), 0) << daemon.Output();
  // The clean stop checkpointed the WAL into the database and removed it (and the -shm file).
  EXPECT_FALSE(std::filesystem::exists(daemon.db() + "-wal"));
  EXPECT_FALSE(std::filesystem::exists(daemon.db() + "-shm"));
  ASSERT_TRUE(daemon.Restart()) << daemon.Output();
  auto restarted = daemon.Stub<v1::CaseService>();
  ledger.ExpectStored(*restarted, "after a restart");
  grpc::Status later = ledger.Record(*restarted, TransferWard(after_case, 2));
  EXPECT_TRUE(later.ok()) << Describe(later);
}

}  // namespace
}  // namespace tocflow::e2e
