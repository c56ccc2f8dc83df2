// One client of the crash driver: owns a set of cases and, in each round, drives them through
// their plans on its own channel to the server, one command at a time, recording every answer.
// A command left without an answer (the server died under it, or the call timed out) is
// retried with its request id before the client sends anything else, as a real client would:
// in the same round while the server is up, else in the next round after the restart.
//
// Thread safety: RunRound runs on one thread at a time; cases() may be read once it returned.
#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "crash/case_plan.h"
#include "crash/case_progress.h"
#include "crash/round_signal.h"

namespace tocflow::crash {

class ClientWorker {
 public:
  ClientWorker(int index, std::vector<CasePlan> plans, uint64_t seed);

  // Sends commands to the server at `address` until the round is over (and a command got no
  // answer) or every plan is done; then tells `signal` it is idle.
  void RunRound(const std::string& address, int round, RoundSignal& signal);

  std::vector<CaseProgress>& cases() { return cases_; }
  // Commands answered (OK or refused) and sends without answer so far, for the log.
  int answered() const { return answered_; }
  int unanswered_sends() const { return unanswered_sends_; }

 private:
  // The case to work on next: the one with an unanswered command, else a random unfinished
  // one; nullptr when every plan is done.
  CaseProgress* Pick();

  const int index_;
  std::mt19937_64 random_;
  std::vector<CaseProgress> cases_;
  int answered_ = 0;
  int unanswered_sends_ = 0;
};

}  // namespace tocflow::crash
