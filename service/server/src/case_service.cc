#include "case_service.h"

#include <charconv>
#include <string>
#include <type_traits>
#include <utility>

#include "caller.h"
#include "case_list_mapping.h"
#include "case_loader.h"
#include "request_limits.h"
#include "status_mapping.h"
#include "wire/case_view.h"
#include "wire/enum_codec.h"
#include "wire/event_codec.h"

namespace tocflow::server {
namespace {

using tocflow::v1::Event;

absl::Status Required(std::string_view field) {
  return absl::InvalidArgumentError(std::string(field) + ": required");
}

// Page tokens of GetHistory: "h1:<last version returned>".
constexpr std::string_view kHistoryTokenPrefix = "h1:";

absl::StatusOr<int64_t> ParseHistoryToken(const std::string& token) {
  if (token.empty()) return 0;
  int64_t after = -1;
  std::string_view text(token);
  if (text.substr(0, kHistoryTokenPrefix.size()) == kHistoryTokenPrefix) {
    text.remove_prefix(kHistoryTokenPrefix.size());
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), after);
    if (error == std::errc() && end == text.data() + text.size() && after > 0) return after;
  }
  return absl::InvalidArgumentError("page_token: not a token returned by GetHistory");
}

absl::StatusOr<int> PageSize(int32_t requested) {
  if (requested < 0) return absl::InvalidArgumentError("page_size: must be >= 0");
  if (requested == 0) return store::kDefaultPageSize;
  return requested > store::kMaxPageSize ? store::kMaxPageSize : requested;
}

void SetStates(const std::vector<std::string>& states,
               google::protobuf::RepeatedPtrField<tocflow::v1::RegionState>* out) {
  out->Clear();
  for (size_t i = 0; i < states.size(); ++i) {
    auto* state = out->Add();
    state->set_region(std::string(workflow::Name(static_cast<workflow::Region>(i))));
    state->set_state(states[i]);
  }
}

void SetAlerts(const engine::CommandOutcome& outcome,
               google::protobuf::RepeatedPtrField<tocflow::v1::Alert>* out) {
  for (const auto& ref : outcome.alerts) {
    tocflow::v1::Alert alert = wire::ToWire(ref.alert);
    alert.set_cursor(ref.cursor);
    alert.set_case_id(outcome.case_id);
    *out->Add() = std::move(alert);
  }
}

// Finishes `reactor` with `status`, logging server-side failures by RPC and case id only.
void Answer(grpc::ServerUnaryReactor* reactor, std::string_view rpc, std::string_view case_id,
            const absl::Status& status) {
  LogFailure(rpc, case_id, status);
  reactor->Finish(ToGrpc(status));
}

// Runs `body` (which returns an absl::Status) and finishes the reactor; exceptions become
// INTERNAL.
template <typename Body>
grpc::ServerUnaryReactor* Unary(grpc::CallbackServerContext* context, std::string_view rpc,
                                std::string_view case_id, Body body) {
  auto* reactor = context->DefaultReactor();
  try {
    Answer(reactor, rpc, case_id, body());
  } catch (...) {
    reactor->Finish(FromException(rpc, std::current_exception()));
  }
  return reactor;
}

// Submits a command for an existing case; once it is durable, answers with the new version and
// the alerts raised (and the region states, for RecordEvent).
template <typename Request, typename Response>
void SubmitToCase(ServiceDeps& deps, grpc::ServerUnaryReactor* reactor, std::string_view rpc,
                  const Request& request, workflow::Event event, Response* response) {
  std::optional<int64_t> expected;
  if (request.has_expected_version()) expected = request.expected_version();
  engine::Command command{request.request_id(), request.case_id(), expected, std::move(event)};
  deps.engine->ExecuteAsync(
      std::move(command), [&deps, reactor, response, rpc,
                           case_id = request.case_id()](absl::StatusOr<engine::CommandOutcome> r) {
        try {
          if (!r.ok()) {
            Answer(reactor, rpc, case_id, r.status());
            return;
          }
          if (deps.command_applied) deps.command_applied();
          response->set_version(r->version);
          SetAlerts(*r, response->mutable_alerts());
          if constexpr (std::is_same_v<Response, tocflow::v1::RecordEventResponse>) {
            SetStates(r->states, response->mutable_states());
          }
          reactor->Finish(grpc::Status::OK);
        } catch (...) {
          reactor->Finish(FromException(rpc, std::current_exception()));
        }
      });
}

// The path of every command on an existing case (RecordEvent, AssignParty): the ids it needs,
// `rules()` (the RPC's own refusals), the request limits, the caller's access to the case, the
// event from the wire (`to_event()`), then SubmitToCase. Each refusal answers the call.
template <typename Request, typename Response, typename Rules, typename ToEvent>
grpc::ServerUnaryReactor* CommandOnCase(ServiceDeps& deps, grpc::CallbackServerContext* context,
                                        std::string_view rpc, const Request& request,
                                        Response* response, const Rules& rules,
                                        const ToEvent& to_event) {
  auto* reactor = context->DefaultReactor();
  const std::string& case_id = request.case_id();
  try {
    absl::Status refused;
    if (case_id.empty()) {
      refused = Required("case_id");
    } else if (request.request_id().empty()) {
      refused = Required("request_id");
    } else {
      refused = rules();
      if (refused.ok()) refused = CheckRequestLimits(request);
    }
    if (!refused.ok()) {
      Answer(reactor, rpc, case_id, refused);
      return reactor;
    }
    if (auto who = CallerOnCase(deps, *context, case_id, /*record=*/true); !who.ok()) {
      Answer(reactor, rpc, case_id, who.status());
      return reactor;
    }
    absl::StatusOr<workflow::Event> event = to_event();
    if (!event.ok()) {
      Answer(reactor, rpc, case_id, event.status());
      return reactor;
    }
    SubmitToCase(deps, reactor, rpc, request, std::move(*event), response);
  } catch (...) {
    reactor->Finish(FromException(rpc, std::current_exception()));
  }
  return reactor;
}

// RecordEvent's own refusals: events only the service records, or that another RPC records.
absl::Status RecordEventRules(const tocflow::v1::RecordEventRequest& request) {
  if (request.event().event_case() == Event::kDeadlineElapsed) {
    return absl::PermissionDeniedError(
        "event.deadline_elapsed: recorded only by the service's scheduler when a deadline "
        "falls due");
  }
  if (request.event().event_case() == Event::kCaseOpened) {
    return absl::InvalidArgumentError(
        "event.case_opened: a case is opened with CreateCase, not RecordEvent");
  }
  return absl::OkStatus();
}

}  // namespace

grpc::ServerUnaryReactor* CaseServiceImpl::CreateCase(grpc::CallbackServerContext* context,
                                                      const tocflow::v1::CreateCaseRequest* request,
                                                      tocflow::v1::Case* response) {
  auto* reactor = context->DefaultReactor();
  try {
    if (request->request_id().empty()) {
      Answer(reactor, "CreateCase", "", Required("request_id"));
      return reactor;
    }
    if (!request->has_opening()) {
      Answer(reactor, "CreateCase", "", Required("opening"));
      return reactor;
    }
    if (absl::Status limits = CheckRequestLimits(*request); !limits.ok()) {
      Answer(reactor, "CreateCase", "", limits);
      return reactor;
    }
    auto who = Caller(deps_, *context);
    absl::Status allowed = who.status();
    if (who.ok()) {
      const auto& opening = request->opening();
      allowed = auth::MayOpen(
          *who, {opening.provider_ods(), opening.ward(), opening.local_authority(), opening.icb()});
    }
    if (!allowed.ok()) {
      Answer(reactor, "CreateCase", "", allowed);
      return reactor;
    }
    auto event = wire::FromWire(*request);
    if (!event.ok()) {
      Answer(reactor, "CreateCase", "", event.status());
      return reactor;
    }
    engine::Command command{request->request_id(), "", std::nullopt, std::move(*event)};
    deps_.engine->ExecuteAsync(
        std::move(command), [this, reactor, response](absl::StatusOr<engine::CommandOutcome> r) {
          if (!r.ok()) {
            Answer(reactor, "CreateCase", "", r.status());
            return;
          }
          if (deps_.command_applied) deps_.command_applied();
          // Reading the case back is I/O: not on the writer thread.
          // The case as this command left it (also for a retry, answered with the original
          // result even when the case has moved on since).
          deps_.work->Post([this, reactor, response, case_id = r->case_id, version = r->version] {
            try {
              Answer(reactor, "CreateCase", case_id, ReadCase(case_id, response, version));
            } catch (...) {
              reactor->Finish(FromException("CreateCase", std::current_exception()));
            }
          });
        });
  } catch (...) {
    reactor->Finish(FromException("CreateCase", std::current_exception()));
  }
  return reactor;
}

absl::Status CaseServiceImpl::ReadCase(const std::string& case_id, tocflow::v1::Case* response,
                                       std::optional<int64_t> at_version,
                                       const auth::Principal* who) {
  auto reader = deps_.readers->Acquire();
  if (!reader.ok()) return reader.status();
  auto journey = LoadCaseJourney(**reader, case_id, deps_.reference, at_version);
  if (!journey.ok()) return journey.status();
  if (who != nullptr && who->role != auth::Role::kAdmin) {
    if (absl::Status allowed = auth::MayRead(*who, ScopeOfJourney(*journey)); !allowed.ok()) {
      return allowed;
    }
  }
  *response = wire::CaseView(case_id, *journey, *deps_.teams);
  return absl::OkStatus();
}

grpc::ServerUnaryReactor* CaseServiceImpl::GetCase(grpc::CallbackServerContext* context,
                                                   const tocflow::v1::GetCaseRequest* request,
                                                   tocflow::v1::Case* response) {
  return Unary(context, "GetCase", request->case_id(), [&]() -> absl::Status {
    const std::string& case_id = request->case_id();
    if (case_id.empty()) return Required("case_id");
    auto who = Caller(deps_, *context);
    if (!who.ok()) return who.status();
    return ReadCase(case_id, response, std::nullopt, &*who);
  });
}

grpc::ServerUnaryReactor* CaseServiceImpl::ListCases(grpc::CallbackServerContext* context,
                                                     const tocflow::v1::ListCasesRequest* request,
                                                     tocflow::v1::ListCasesResponse* response) {
  return Unary(context, "ListCases", "", [&]() -> absl::Status {
    auto who = Caller(deps_, *context);
    if (!who.ok()) return who.status();
    if (absl::Status limits = CheckRequestLimits(*request); !limits.ok()) return limits;
    return ListCasesNow(*who, *request, response);
  });
}

absl::Status CaseServiceImpl::ListCasesNow(const auth::Principal& who,
                                           const tocflow::v1::ListCasesRequest& request,
                                           tocflow::v1::ListCasesResponse* response) {
  auto page_size = PageSize(request.page_size());
  if (!page_size.ok()) return page_size.status();
  const workflow::Timestamp now = deps_.clock->Now();
  auto filter = ToStoreFilter(request, now);
  if (!filter.ok()) return filter.status();
  if (absl::Status allowed = auth::NarrowCaseFilter(who, *filter); !allowed.ok()) return allowed;
  auto reader = deps_.readers->Acquire();
  if (!reader.ok()) return reader.status();
  auto page = (*reader)->ListCases(*filter, *page_size, request.page_token());
  if (!page.ok()) {
    if (page.status().code() == absl::StatusCode::kInvalidArgument) {
      return absl::InvalidArgumentError("page_token: not a token returned by this query (" +
                                        std::string(page.status().message()) + ")");
    }
    return page.status();
  }
  std::vector<std::string> ids;
  ids.reserve(page->cases.size());
  for (const auto& summary : page->cases) ids.push_back(summary.case_id);
  auto deadlines = (*reader)->NextDeadlines(ids);
  if (!deadlines.ok()) return deadlines.status();
  for (const auto& summary : page->cases) {
    auto next = deadlines->find(summary.case_id);
    *response->add_cases() =
        ToWireSummary(summary, next == deadlines->end() ? nullptr : &next->second, now);
  }
  response->set_next_page_token(page->next_page_token);
  return absl::OkStatus();
}

grpc::ServerUnaryReactor* CaseServiceImpl::RecordEvent(
    grpc::CallbackServerContext* context, const tocflow::v1::RecordEventRequest* request,
    tocflow::v1::RecordEventResponse* response) {
  return CommandOnCase(
      deps_, context, "RecordEvent", *request, response, [&] { return RecordEventRules(*request); },
      [&] { return wire::FromWire(*request); });
}

grpc::ServerUnaryReactor* CaseServiceImpl::GetHistory(grpc::CallbackServerContext* context,
                                                      const tocflow::v1::GetHistoryRequest* request,
                                                      tocflow::v1::GetHistoryResponse* response) {
  return Unary(context, "GetHistory", request->case_id(), [&]() -> absl::Status {
    if (request->case_id().empty()) return Required("case_id");
    auto who = CallerOnCase(deps_, *context, request->case_id(), /*record=*/false);
    if (!who.ok()) return who.status();
    return HistoryPage(*request, response);
  });
}

absl::Status CaseServiceImpl::HistoryPage(const tocflow::v1::GetHistoryRequest& request,
                                          tocflow::v1::GetHistoryResponse* response) {
  if (request.case_id().empty()) return Required("case_id");
  auto page_size = PageSize(request.page_size());
  if (!page_size.ok()) return page_size.status();
  auto after = ParseHistoryToken(request.page_token());
  if (!after.ok()) return after.status();
  auto reader = deps_.readers->Acquire();
  if (!reader.ok()) return reader.status();
  auto events = (*reader)->LoadEvents(request.case_id());
  if (!events.ok()) return events.status();
  if (events->empty()) return absl::NotFoundError("no case " + request.case_id());
  int64_t last = 0;
  for (const auto& stored : *events) {
    if (stored.seq <= *after) continue;
    if (response->events_size() == *page_size) {
      response->set_next_page_token(std::string(kHistoryTokenPrefix) + std::to_string(last));
      break;
    }
    auto recorded = ToRecordedEvent(stored);
    if (!recorded.ok()) return recorded.status();
    *response->add_events() = std::move(*recorded);
    last = stored.seq;
  }
  return absl::OkStatus();
}

grpc::ServerUnaryReactor* CaseServiceImpl::AssignParty(
    grpc::CallbackServerContext* context, const tocflow::v1::AssignPartyRequest* request,
    tocflow::v1::AssignPartyResponse* response) {
  return CommandOnCase(
      deps_, context, "AssignParty", *request, response, [] { return absl::OkStatus(); },
      [&] { return wire::FromWire(*request, deps_.clock->Now()); });
}

}  // namespace tocflow::server
