#include "crash/client_worker.h"

#include "crash/command_sender.h"
#include "support/tocflowd_process.h"

namespace tocflow::crash {

namespace {
constexpr std::chrono::milliseconds kCommandTimeout(2000);
constexpr std::chrono::milliseconds kRetryPause(20);
}  // namespace

ClientWorker::ClientWorker(int index, std::vector<CasePlan> plans, uint64_t seed)
    : index_(index), random_(seed) {
  cases_.reserve(plans.size());
  for (CasePlan& plan : plans) cases_.emplace_back(std::move(plan));
}

CaseProgress* ClientWorker::Pick() {
  std::vector<CaseProgress*> open;
  for (CaseProgress& progress : cases_) {
    if (progress.done()) continue;
    if (progress.records[progress.next].outcome == Outcome::kNoAnswer) return &progress;
    open.push_back(&progress);
  }
  if (open.empty()) return nullptr;
  return open[std::uniform_int_distribution<size_t>(0, open.size() - 1)(random_)];
}

void ClientWorker::RunRound(const std::string& address, int round, RoundSignal& signal) {
  auto channel = ::tocflow::testing::TocflowdProcess::NewChannel(
      address, "client-" + std::to_string(index_) + "-round-" + std::to_string(round));
  auto stub = tocflow::v1::CaseService::NewStub(channel);
  while (CaseProgress* progress = Pick()) {
    CaseCommand& command = progress->plan.steps[progress->next];
    StepRecord& record = progress->records[progress->next];
    if (progress->next > 0) SetCaseId(command, progress->case_id);
    const Answer answer = Send(*stub, command, kCommandTimeout);
    ++record.attempts;
    if (IsNoAnswer(answer.code)) {
      record.outcome = Outcome::kNoAnswer;
      record.code = answer.code;
      ++record.lost_answers;
      ++unanswered_sends_;
      if (signal.WaitOver(kRetryPause)) break;
      continue;
    }
    if (answer.code == grpc::StatusCode::OK) {
      record.outcome = Outcome::kOk;
      record.version = StoredVersion(command, answer);
      if (command.kind == CommandKind::kCreateCase) progress->case_id = answer.case_id;
    } else {
      record.outcome = Outcome::kRefused;
      record.code = answer.code;
      record.message = answer.message;
    }
    // A case whose opening was refused has nothing more to send.
    const bool unopened = record.outcome == Outcome::kRefused && progress->next == 0;
    progress->next = unopened ? progress->plan.steps.size() : progress->next + 1;
    ++answered_;
    signal.NoteAnswered();
    if (signal.over()) break;
  }
  signal.NoteClientIdle();
}

}  // namespace tocflow::crash
