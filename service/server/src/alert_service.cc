#include "alert_service.h"

#include <algorithm>
#include <charconv>
#include <deque>
#include <string>
#include <type_traits>
#include <utility>

#include "caller.h"
#include "case_loader.h"
#include "request_limits.h"
#include "status_mapping.h"
#include "wire/enum_codec.h"

namespace tocflow::server {
namespace {

using tocflow::v1::Alert;

// Most alerts in one WatchAlertBatches message.
constexpr size_t kMaxAlertsPerBatch = 256;

// One WatchAlerts (Message = Alert) or WatchAlertBatches (Message = AlertBatch) call. Its writes
// are driven by the hub (through WatchStream): the first write starts as soon as the hub
// delivers, later ones from OnWriteDone. Finished exactly once (WatchStream guards it); deleted
// in OnDone.
template <typename Message>
class WatchReactor final : public grpc::ServerWriteReactor<Message>, public WatchWriter {
 public:
  WatchReactor(AlertHub* hub, WatchQuota* quota, const ServiceDeps& deps,
               const grpc::CallbackServerContext& context,
               const tocflow::v1::WatchAlertsRequest& request, std::string_view rpc)
      : hub_(hub), quota_(quota) {
    try {
      absl::Status started = Start(deps, context, request);
      if (!started.ok()) {
        LogFailure(rpc, request.filter().case_id(), started);
        this->Finish(ToGrpc(started));
      }
    } catch (...) {
      this->Finish(FromException(rpc, std::current_exception()));
    }
  }

  size_t StartAlertWrite(std::deque<SharedAlert>& queue) override {
    if constexpr (std::is_same_v<Message, Alert>) {
      // More queued behind it: let gRPC coalesce this write with the next (the last one queued
      // is written without the hint, which flushes).
      grpc::WriteOptions options;
      if (queue.size() > 1) options.set_buffer_hint();
      this->StartWrite(queue.front().get(), options);
      return 1;
    } else {
      const size_t count = std::min(queue.size(), kMaxAlertsPerBatch);
      batch_.Clear();
      for (size_t i = 0; i < count; ++i) *batch_.add_alerts() = *queue[i];
      this->StartWrite(&batch_);
      return count;
    }
  }
  void FinishWatch(const grpc::Status& status) override { this->Finish(status); }

  void OnWriteDone(bool ok) override {
    if (stream_ && stream_->WriteDone(ok)) hub_->Wake();
  }
  void OnCancel() override {
    if (stream_) stream_->Finish(grpc::Status::CANCELLED);
  }
  void OnDone() override {
    if (stream_) {
      stream_->Detach();
      hub_->Unsubscribe(stream_.get());
    }
    if (quota_held_) quota_->Release(client_);
    delete this;
  }

 private:
  absl::Status Start(const ServiceDeps& deps, const grpc::CallbackServerContext& context,
                     const tocflow::v1::WatchAlertsRequest& request) {
    auto who = Caller(deps, context);
    if (!who.ok()) return who.status();
    if (absl::Status limits = CheckRequestLimits(request); !limits.ok()) return limits;
    auto filter = ToStoreFilter(request.filter());
    if (!filter.ok()) return filter.status();
    if (absl::Status allowed = auth::NarrowAlertFilter(*who, *filter); !allowed.ok()) {
      return allowed;
    }
    client_ = deps.authenticator->enabled() ? "principal " + who->name : "peer " + context.peer();
    if (!quota_->Acquire(client_)) {
      return absl::ResourceExhaustedError(
          "at most " + std::to_string(quota_->per_client()) +
          " WatchAlerts streams per client are open at once; close one, or watch several "
          "roles or organisations with one filter");
    }
    quota_held_ = true;
    ReaderPool* readers = deps.readers;
    int64_t after = 0;
    if (request.has_after_cursor()) {
      if (request.after_cursor() < 0) {
        return absl::InvalidArgumentError("after_cursor: must be >= 0");
      }
      after = request.after_cursor();
    } else {
      auto reader = readers->Acquire();
      if (!reader.ok()) return reader.status();
      auto last = (*reader)->LastAlertCursor();
      if (!last.ok()) return last.status();
      after = *last;
    }
    stream_ = hub_->NewStream(this, std::move(*filter), after);
    // Initial metadata tells the client the watch is registered: "from now" is fixed from here
    // on. Sent before the hub can start the first write.
    this->StartSendInitialMetadata();
    hub_->Subscribe(stream_);
    return absl::OkStatus();
  }

  AlertHub* hub_;
  WatchQuota* quota_;
  std::string client_;
  bool quota_held_ = false;
  std::shared_ptr<WatchStream> stream_;
  tocflow::v1::AlertBatch batch_;  // the batch being written (AlertBatch streams only)
};

constexpr std::string_view kAlertTokenPrefix = "a1:";

absl::StatusOr<int64_t> ParseAlertToken(const std::string& token) {
  if (token.empty()) return 0;
  std::string_view text(token);
  int64_t after = -1;
  if (text.substr(0, kAlertTokenPrefix.size()) == kAlertTokenPrefix) {
    text.remove_prefix(kAlertTokenPrefix.size());
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), after);
    if (error == std::errc() && end == text.data() + text.size() && after > 0) return after;
  }
  return absl::InvalidArgumentError("page_token: not a token returned by ListAlerts");
}

std::optional<std::string> NonEmpty(const std::string& value) {
  if (value.empty()) return std::nullopt;
  return value;
}

}  // namespace

absl::StatusOr<store::AlertFilter> ToStoreFilter(const tocflow::v1::AlertFilter& filter) {
  store::AlertFilter out;
  for (int i = 0; i < filter.roles_size(); ++i) {
    auto role = wire::FromWire(filter.roles(i), "filter.roles[" + std::to_string(i) + "]");
    if (!role.ok()) return role.status();
    out.roles.push_back(*role);
  }
  out.party = NonEmpty(filter.party());
  out.provider_ods = NonEmpty(filter.provider_ods());
  out.local_authority = NonEmpty(filter.local_authority());
  out.icb = NonEmpty(filter.icb());
  out.case_id = NonEmpty(filter.case_id());
  return out;
}

grpc::ServerWriteReactor<Alert>* AlertServiceImpl::WatchAlerts(
    grpc::CallbackServerContext* context, const tocflow::v1::WatchAlertsRequest* request) {
  return new WatchReactor<Alert>(hub_, &quota_, deps_, *context, *request, "WatchAlerts");
}

grpc::ServerWriteReactor<tocflow::v1::AlertBatch>* AlertServiceImpl::WatchAlertBatches(
    grpc::CallbackServerContext* context, const tocflow::v1::WatchAlertsRequest* request) {
  return new WatchReactor<tocflow::v1::AlertBatch>(hub_, &quota_, deps_, *context, *request,
                                                   "WatchAlertBatches");
}

grpc::ServerUnaryReactor* AlertServiceImpl::ListAlerts(
    grpc::CallbackServerContext* context, const tocflow::v1::ListAlertsRequest* request,
    tocflow::v1::ListAlertsResponse* response) {
  auto* reactor = context->DefaultReactor();
  try {
    auto who = Caller(deps_, *context);
    absl::Status status = who.ok() ? CheckRequestLimits(*request) : who.status();
    if (status.ok()) status = ListAlertsNow(*who, *request, response);
    LogFailure("ListAlerts", request->filter().case_id(), status);
    reactor->Finish(ToGrpc(status));
  } catch (...) {
    reactor->Finish(FromException("ListAlerts", std::current_exception()));
  }
  return reactor;
}

absl::Status AlertServiceImpl::ListAlertsNow(const auth::Principal& who,
                                             const tocflow::v1::ListAlertsRequest& request,
                                             tocflow::v1::ListAlertsResponse* response) {
  if (request.page_size() < 0) return absl::InvalidArgumentError("page_size: must be >= 0");
  int page_size = request.page_size() == 0 ? store::kDefaultPageSize : request.page_size();
  if (page_size > store::kMaxPageSize) page_size = store::kMaxPageSize;
  auto after = ParseAlertToken(request.page_token());
  if (!after.ok()) return after.status();
  auto filter = ToStoreFilter(request.filter());
  if (!filter.ok()) return filter.status();
  if (absl::Status allowed = auth::NarrowAlertFilter(who, *filter); !allowed.ok()) return allowed;
  switch (request.ack_state()) {
    case tocflow::v1::ACK_STATE_UNSPECIFIED:
      filter->ack = store::AckState::kAny;
      break;
    case tocflow::v1::ACK_STATE_UNACKNOWLEDGED:
      filter->ack = store::AckState::kUnacknowledged;
      break;
    case tocflow::v1::ACK_STATE_ACKNOWLEDGED:
      filter->ack = store::AckState::kAcknowledged;
      break;
    default:
      return absl::InvalidArgumentError(
          "ack_state: unknown value, one of ACK_STATE_UNSPECIFIED, ACK_STATE_UNACKNOWLEDGED, "
          "ACK_STATE_ACKNOWLEDGED");
  }
  auto reader = deps_.readers->Acquire();
  if (!reader.ok()) return reader.status();
  // One more than a page tells whether another page follows.
  const int limit = std::min(page_size + 1, store::kMaxPageSize);
  auto alerts = (*reader)->AlertsAfter(*after, *filter, limit);
  if (!alerts.ok()) return alerts.status();
  const bool more = static_cast<int>(alerts->size()) > page_size ||
                    (page_size == store::kMaxPageSize && alerts->size() == store::kMaxPageSize);
  for (const auto& stored : *alerts) {
    if (response->alerts_size() == page_size) break;
    *response->add_alerts() = ToWire(stored);
  }
  if (more && response->alerts_size() > 0) {
    response->set_next_page_token(std::string(kAlertTokenPrefix) +
                                  std::to_string(response->alerts().rbegin()->cursor()));
  }
  return absl::OkStatus();
}

grpc::ServerUnaryReactor* AlertServiceImpl::AckAlert(grpc::CallbackServerContext* context,
                                                     const tocflow::v1::AckAlertRequest* request,
                                                     tocflow::v1::Alert* response) {
  auto* reactor = context->DefaultReactor();
  const int64_t cursor = request->cursor();
  try {
    if (absl::Status allowed = MayAck(*context, cursor); !allowed.ok()) {
      LogFailure("AckAlert", "", allowed);
      reactor->Finish(ToGrpc(allowed));
      return reactor;
    }
  } catch (...) {
    reactor->Finish(FromException("AckAlert", std::current_exception()));
    return reactor;
  }
  // Recorded by the writer thread; the alert is read back on a worker (never on the writer).
  deps_.engine->AcknowledgeAlertAsync(
      cursor, request->acknowledged_by(),
      [this, reactor, response, cursor](absl::StatusOr<store::AlertAck> ack) {
        if (!ack.ok()) {
          LogFailure("AckAlert", "", ack.status());
          reactor->Finish(ToGrpc(ack.status()));
          return;
        }
        deps_.work->Post([this, reactor, response, cursor] {
          try {
            absl::Status status = ReadBack(cursor, response);
            LogFailure("AckAlert", "", status);
            reactor->Finish(ToGrpc(status));
          } catch (...) {
            reactor->Finish(FromException("AckAlert", std::current_exception()));
          }
        });
      });
  return reactor;
}

absl::Status AlertServiceImpl::MayAck(const grpc::CallbackServerContext& context, int64_t cursor) {
  auto who = Caller(deps_, context);
  if (!who.ok()) return who.status();
  if (cursor <= 0) return absl::InvalidArgumentError("cursor: must be > 0");
  if (who->role == auth::Role::kAdmin) return absl::OkStatus();
  auto reader = deps_.readers->Acquire();
  if (!reader.ok()) return reader.status();
  auto alerts = (*reader)->AlertsAfter(cursor - 1, store::AlertFilter{}, 1);
  if (!alerts.ok()) return alerts.status();
  if (alerts->empty() || alerts->front().cursor != cursor) {
    return absl::NotFoundError("there is no alert with cursor " + std::to_string(cursor));
  }
  const store::AlertScope& scope = alerts->front().scope;
  return auth::MayRead(*who, {scope.provider_ods, scope.ward, scope.local_authority, scope.icb});
}

absl::Status AlertServiceImpl::ReadBack(int64_t cursor, tocflow::v1::Alert* response) {
  auto reader = deps_.readers->Acquire();
  if (!reader.ok()) return reader.status();
  auto alerts = (*reader)->AlertsAfter(cursor - 1, store::AlertFilter{}, 1);
  if (!alerts.ok()) return alerts.status();
  if (alerts->empty() || alerts->front().cursor != cursor) {
    return absl::InternalError("alert " + std::to_string(cursor) +
                               " was acknowledged but cannot be read back");
  }
  *response = ToWire(alerts->front());
  return absl::OkStatus();
}

}  // namespace tocflow::server
