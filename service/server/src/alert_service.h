// tocflow.v1.AlertService: WatchAlerts and WatchAlertBatches streams through the AlertHub (one
// small write reactor
// per call); ListAlerts pages over the store's alert log; AckAlert goes through the command
// engine's writer.
#pragma once

#include "alert_hub.h"
#include "auth/principal.h"
#include "service_deps.h"
#include "tocflow/v1/alerts.grpc.pb.h"
#include "watch_quota.h"

namespace tocflow::server {

class AlertServiceImpl final : public tocflow::v1::AlertService::CallbackService {
 public:
  // `watches_per_client`: WatchAlerts streams one client may hold open at once.
  AlertServiceImpl(ServiceDeps deps, AlertHub* hub, int watches_per_client)
      : deps_(std::move(deps)), hub_(hub), quota_(watches_per_client) {}

  grpc::ServerWriteReactor<tocflow::v1::Alert>* WatchAlerts(
      grpc::CallbackServerContext* context,
      const tocflow::v1::WatchAlertsRequest* request) override;
  grpc::ServerWriteReactor<tocflow::v1::AlertBatch>* WatchAlertBatches(
      grpc::CallbackServerContext* context,
      const tocflow::v1::WatchAlertsRequest* request) override;
  grpc::ServerUnaryReactor* ListAlerts(grpc::CallbackServerContext* context,
                                       const tocflow::v1::ListAlertsRequest* request,
                                       tocflow::v1::ListAlertsResponse* response) override;
  grpc::ServerUnaryReactor* AckAlert(grpc::CallbackServerContext* context,
                                     const tocflow::v1::AckAlertRequest* request,
                                     tocflow::v1::Alert* response) override;

 private:
  absl::Status ListAlertsNow(const auth::Principal& who,
                             const tocflow::v1::ListAlertsRequest& request,
                             tocflow::v1::ListAlertsResponse* response);
  // Whether the caller may acknowledge alert `cursor` (it must be on a case they may read).
  absl::Status MayAck(const grpc::CallbackServerContext& context, int64_t cursor);
  // The stored alert `cursor`, with its acknowledgement, into `response`.
  absl::Status ReadBack(int64_t cursor, tocflow::v1::Alert* response);

  ServiceDeps deps_;
  AlertHub* hub_;
  WatchQuota quota_;
};

// The store filter of a wire alert filter; INVALID_ARGUMENT for an UNSPECIFIED or unknown role.
absl::StatusOr<store::AlertFilter> ToStoreFilter(const tocflow::v1::AlertFilter& filter);

}  // namespace tocflow::server
