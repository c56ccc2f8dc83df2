// CheckRetriesConverge (final_checks.h).
#include <gtest/gtest.h>

#include "crash/command_sender.h"
#include "crash/final_checks.h"

namespace tocflow::crash {

namespace {

constexpr std::chrono::milliseconds kRetryTimeout(10000);

std::string Describe(const Answer& answer) {
  if (answer.code == grpc::StatusCode::OK) return "OK at version " + std::to_string(answer.version);
  return "code " + std::to_string(answer.code) + " (" + answer.message + ")";
}

// What the first retry of a command with this record must answer; "" if it does.
std::string FirstRetryMismatch(const StepRecord& record, const CaseProgress& progress,
                               const CaseCommand& command, const Answer& answer) {
  switch (record.outcome) {
    case Outcome::kOk:
      if (answer.code != grpc::StatusCode::OK || StoredVersion(command, answer) != record.version) {
        return "was answered OK at version " + std::to_string(record.version) +
               ", retry answered " + Describe(answer);
      }
      if (command.kind == CommandKind::kCreateCase && answer.case_id != progress.case_id) {
        return "was answered with case " + progress.case_id + ", retry with case " + answer.case_id;
      }
      return "";
    case Outcome::kNoAnswer:
      if (answer.code != grpc::StatusCode::OK) {
        return "was never answered; its retry must apply (or replay) it, but answered " +
               Describe(answer);
      }
      return "";
    case Outcome::kRefused:
      if (answer.code != record.code) {
        return "was refused with code " + std::to_string(record.code) + " (" + record.message +
               "), retry answered " + Describe(answer);
      }
      return "";
    case Outcome::kUnsent:
      break;
  }
  return "";
}

}  // namespace

void CheckRetriesConverge(tocflow::v1::CaseService::Stub& cases,
                          std::vector<CaseProgress*>& progress) {
  for (CaseProgress* one : progress) {
    std::vector<Answer> first(one->plan.steps.size());
    for (size_t i = 0; i < one->plan.steps.size(); ++i) {
      StepRecord& record = one->records[i];
      if (record.outcome == Outcome::kUnsent) break;  // the client sends a case's steps in order
      CaseCommand& command = one->plan.steps[i];
      if (i > 0) {
        if (one->case_id.empty()) break;  // opening refused: nothing after it was sent
        SetCaseId(command, one->case_id);
      }
      first[i] = Send(cases, command, kRetryTimeout);
      const std::string mismatch = FirstRetryMismatch(record, *one, command, first[i]);
      EXPECT_EQ(mismatch, "") << one->Name() << ", " << command.label << " request "
                              << command.request_id;
      if (i == 0 && first[i].code == grpc::StatusCode::OK) one->case_id = first[i].case_id;
    }
    for (size_t i = 0; i < one->plan.steps.size(); ++i) {
      StepRecord& record = one->records[i];
      if (record.outcome == Outcome::kUnsent) break;
      if (i > 0 && one->case_id.empty()) break;
      const CaseCommand& command = one->plan.steps[i];
      const Answer again = Send(cases, command, kRetryTimeout);
      EXPECT_TRUE(again.code == first[i].code &&
                  StoredVersion(command, again) == StoredVersion(command, first[i]) &&
                  again.case_id == first[i].case_id)
          << one->Name() << ", " << command.label << " request " << command.request_id
          << ": first retry " << Describe(first[i]) << ", second retry " << Describe(again);
      // The settled outcome, for the history checks.
      if (first[i].code == grpc::StatusCode::OK) {
        record.outcome = Outcome::kOk;
        record.version = StoredVersion(command, first[i]);
      } else {
        record.outcome = Outcome::kRefused;
        record.code = first[i].code;
        record.message = first[i].message;
      }
    }
  }
}

}  // namespace tocflow::crash
