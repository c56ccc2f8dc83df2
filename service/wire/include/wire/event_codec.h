// libworkflow events to and from their tocflow.v1 wire messages (events.proto, cases.proto).
//
// Every workflow event struct has one wire message with the same fields; the Event oneof field
// that holds it is named after the struct's kName. Encoding never fails. Decoding checks only
// what the wire can get wrong (an unset oneof, an UNSPECIFIED or unknown required enum, an
// unset or malformed Date or Timestamp, an unscored checklist or DST domain) and returns
// INVALID_ARGUMENT whose message starts with the field path, e.g.
// "event.pathway_agreed.pathway: required, one of PATHWAY_0, ...". Domain rules (NHS number
// check digit, required identifiers, event order) are libworkflow's: Journey::Apply checks them.
//
// Every function is pure and thread-safe; results own their data.
#pragma once

#include <string_view>

#include "absl/status/statusor.h"
#include "tocflow/v1/cases.pb.h"
#include "tocflow/v1/events.pb.h"
#include "workflow/events.h"
#include "workflow/time.h"

namespace tocflow::wire {

// The payload as a wire Event with exactly one oneof field set.
tocflow::v1::Event ToWire(const workflow::EventPayload& payload);

// The payload held by `event`. `field` is the path of `event` used in error messages.
// INVALID_ARGUMENT "<field>: required, ..." when no oneof field is set.
absl::StatusOr<workflow::EventPayload> FromWire(const tocflow::v1::Event& event,
                                                std::string_view field = "event");

// The opening of a case, e.g. CreateCaseRequest.opening (then `field` is "opening").
absl::StatusOr<workflow::CaseOpened> FromWire(const tocflow::v1::CaseOpened& opening,
                                              std::string_view field);

// An event with who recorded it and when, as a history entry. version, recorded_at and
// request_id are left for the caller (the store knows them).
tocflow::v1::RecordedEvent ToWire(const workflow::Event& event);

// The event of a history entry (actor, occurred_at and event; the rest is ignored).
// INVALID_ARGUMENT when occurred_at or the event is unset or malformed.
absl::StatusOr<workflow::Event> FromWire(const tocflow::v1::RecordedEvent& recorded);

// The event a RecordEvent call asks for (actor, occurred_at, event; case id, version and request
// id are the caller's business). INVALID_ARGUMENT when occurred_at or the event is unset or
// malformed. An empty actor is left for Journey::Apply to refuse.
absl::StatusOr<workflow::Event> FromWire(const tocflow::v1::RecordEventRequest& request);

// The case_opened event a CreateCase call asks for; occurred_at defaults to the admission time.
absl::StatusOr<workflow::Event> FromWire(const tocflow::v1::CreateCaseRequest& request);

// The party_assigned event an AssignParty call asks for; occurred_at defaults to `now`.
absl::StatusOr<workflow::Event> FromWire(const tocflow::v1::AssignPartyRequest& request,
                                         workflow::Timestamp now);

}  // namespace tocflow::wire
