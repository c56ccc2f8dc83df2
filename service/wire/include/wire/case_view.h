// What GetCase and RecordEvent report about a case: libworkflow's journey, facts and effects as
// tocflow.v1 messages. States, regions and events are reported by name, never by number.
//
// Encoding, and one decoder: FactsFromWire reads back the facts the service stores beside each
// case (clients never send facts). Every function is pure and thread-safe as long as its
// argument is not modified meanwhile; only FactsFromWire can fail.
#pragma once

#include <string_view>

#include "absl/status/statusor.h"
#include "google/protobuf/repeated_ptr_field.h"
#include "tocflow/v1/cases.pb.h"
#include "tocflow/v1/common.pb.h"
#include "tocflow/v1/facts.pb.h"
#include "workflow/alert_rules.h"
#include "workflow/case_facts.h"
#include "workflow/deadline_owners.h"
#include "workflow/effects.h"
#include "workflow/journey.h"

namespace tocflow::wire {

// An alert as raised; cursor, case_id and acknowledgement are left for the caller (the store
// knows them). An unset `due` or `pence_per_day` stays unset.
tocflow::v1::Alert ToWire(const workflow::Alert& alert);

// A pending deadline.
tocflow::v1::Deadline ToWire(const workflow::DeadlineSet& deadline);
// A pending deadline with its owners.
tocflow::v1::Deadline ToWire(const workflow::DeadlineOwners& deadline);

// An event valid next: region name ("stay") and event name ("pathway_agreed").
tocflow::v1::ValidEvent ToWire(const workflow::ValidEvent& valid);

// The facts of a case (parties and open deadlines are reported on Case instead).
tocflow::v1::CaseFacts ToWire(const workflow::CaseFacts& facts);

// The facts ToWire(CaseFacts) encoded (parties and open deadlines stay empty: they are not part
// of the message). INVALID_ARGUMENT naming the field when a required time is missing or a
// value is out of range, as in a message written by a newer version with values this one does
// not know.
absl::StatusOr<workflow::CaseFacts> FactsFromWire(const tocflow::v1::CaseFacts& facts);

// Replaces `out` with the state name of every region, in Region order.
void StatesToWire(const workflow::Journey& journey,
                  google::protobuf::RepeatedPtrField<tocflow::v1::RegionState>* out);

// The whole case view: states, facts, version, the events a caller may record next (none once
// closed; deadline_elapsed, the scheduler's alone, is left out), open deadlines by kind with
// their owners (parties not assigned on the case come from `teams`), assigned parties by role
// (cleared roles left out) and whether it is closed.
tocflow::v1::Case CaseView(std::string_view case_id, const workflow::Journey& journey,
                           const workflow::TeamDirectory& teams = workflow::TeamDirectory());

}  // namespace tocflow::wire
