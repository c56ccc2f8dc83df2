// The crash driver's final checks, run against the last restarted tocflowd once the rounds are
// over and nothing else talks to it. Each reports through GoogleTest (EXPECT/ADD_FAILURE) with
// the case and request id concerned.
#pragma once

#include <chrono>
#include <vector>

#include "crash/alert_subscriber.h"
#include "crash/case_progress.h"
#include "tocflow/v1/alerts.grpc.pb.h"
#include "tocflow/v1/cases.grpc.pb.h"

namespace tocflow::crash {

// What "retrying converges" means here. Every command sent at least once is retried with its
// request id, case by case in plan order (so every command before it in its plan has settled):
//  - answered OK during the rounds: the retry is OK with the same version (and case id);
//  - never answered: the retry is OK (applied now, or the original outcome if it had been
//    applied before the crash): the plans hold only commands valid after their predecessors;
//  - refused during the rounds: the retry is refused with the same code.
// Then every command is retried once more, and must get exactly the first retry's answer.
// Fills in the case id of cases whose CreateCase was never answered, and records the settled
// outcome of every sent command in its StepRecord (outcome kOk with its version, or kRefused).
void CheckRetriesConverge(tocflow::v1::CaseService::Stub& cases,
                          std::vector<CaseProgress*>& progress);

// Waits until no overdue or falling-due case has its EDD-missing deadline pending (each must
// fire by itself), up to `timeout` after the latest due time. False on timeout.
bool WaitForDeadlines(tocflow::v1::CaseService::Stub& cases,
                      const std::vector<CaseProgress*>& progress, std::chrono::seconds timeout);

// For every created case: GetHistory versions are 1..n with n == GetCase's version; every sent
// command's request id is there exactly once, at its settled version; every other event is a
// scheduler's deadline_elapsed; the EDD-missing deadline fired exactly once (overdue and
// falling-due cases) or never (ordinary ones), is no longer pending unless it should be, and
// raised one EDD alert per firing.
void CheckHistories(tocflow::v1::CaseService::Stub& cases, tocflow::v1::AlertService::Stub& alerts,
                    const std::vector<CaseProgress*>& progress);

// ListCases (closed included) has one row per created case and nothing else, with GetCase's
// version and states.
void CheckSummaries(tocflow::v1::CaseService::Stub& cases,
                    const std::vector<CaseProgress*>& progress);

// The subscriber, caught up with the log, received exactly the cursors ListAlerts gives for its
// filter: every matching alert once, in order, no gap.
void CheckSubscriber(tocflow::v1::AlertService::Stub& alerts, const std::string& address,
                     AlertSubscriber& subscriber);

}  // namespace tocflow::crash
