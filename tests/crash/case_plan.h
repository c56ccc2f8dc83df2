// The commands the crash driver sends for one case: a fixed, plausible sequence (opening first)
// whose every command is valid after the ones before it, so that a case driven in order never
// sees a refusal. Every command has its own request id and, except where said, an explicit
// occurred_at on a timeline that is already in the past, so retrying a command later (after a
// crash) is still valid as long as the ones after it were not applied.
#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "tocflow/v1/cases.pb.h"

namespace tocflow::crash {

// Which RPC a command is.
enum class CommandKind { kCreateCase, kRecordEvent, kAssignParty };

// One command of a case's plan. The case id of RecordEvent/AssignParty is filled in when sent.
struct CaseCommand {
  CommandKind kind = CommandKind::kCreateCase;
  std::string request_id;
  std::string label;  // "create", "assign", or the event's name, for messages
  tocflow::v1::CreateCaseRequest create;
  tocflow::v1::RecordEventRequest record;
  tocflow::v1::AssignPartyRequest assign;
};

// How a case relates to its EDD-missing deadline (every case is an emergency admission, whose
// deadline falls due 48 h after admitted_at unless an EDD is set first).
enum class CaseKind {
  // Admitted an hour ago: the deadline is two days ahead; the plan sets an EDD, cancelling it.
  kOrdinary,
  // Admitted more than 48 h ago: the deadline is due when the case is opened and the scheduler
  // fires it at once (or at the next start, after a crash). No EDD is set.
  kOverdue,
  // Admitted so that the deadline falls due seconds after the driver starts, during the rounds
  // (or while tocflowd is down between two of them).
  // Its later commands are AssignParty without occurred_at (recorded at the server's now).
  kFallingDue,
};

// What the driver knows of a case before it exists.
struct CasePlan {
  CaseKind kind = CaseKind::kOrdinary;
  std::string spell;            // unique in the run; names the case in messages
  std::string local_authority;  // one of kAuthorities
  int64_t admitted_at = 0;      // unix seconds
  int64_t edd_due = 0;          // admitted_at + 48 h
  std::vector<CaseCommand> steps;
};

// The local authorities the cases are spread over (subscribers filter on the second).
inline const std::vector<std::string> kAuthorities = {"E09000001", "E09000002"};

// A plan for case `spell`. `start` is the driver's start (unix seconds); times are derived from
// it and from `random`. A falling-due case's deadline falls due 1 to `falling_due_within` (>= 1)
// seconds after `start`.
CasePlan MakeCasePlan(CaseKind kind, const std::string& spell, int64_t start,
                      int64_t falling_due_within, std::mt19937_64& random);

// The RPC's case id field: set before sending a RecordEvent or AssignParty.
void SetCaseId(CaseCommand& command, const std::string& case_id);

}  // namespace tocflow::crash
