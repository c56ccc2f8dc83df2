// tocflow.v1.CaseService: commands go through the CommandEngine (answered once durable, never
// blocking a gRPC thread); reads use the store's read connections and rebuild the case by
// replaying its events through libworkflow.
#pragma once

#include <optional>

#include "auth/principal.h"
#include "service_deps.h"
#include "tocflow/v1/cases.grpc.pb.h"

namespace tocflow::server {

class CaseServiceImpl final : public tocflow::v1::CaseService::CallbackService {
 public:
  explicit CaseServiceImpl(ServiceDeps deps) : deps_(std::move(deps)) {}

  grpc::ServerUnaryReactor* CreateCase(grpc::CallbackServerContext* context,
                                       const tocflow::v1::CreateCaseRequest* request,
                                       tocflow::v1::Case* response) override;
  grpc::ServerUnaryReactor* GetCase(grpc::CallbackServerContext* context,
                                    const tocflow::v1::GetCaseRequest* request,
                                    tocflow::v1::Case* response) override;
  grpc::ServerUnaryReactor* ListCases(grpc::CallbackServerContext* context,
                                      const tocflow::v1::ListCasesRequest* request,
                                      tocflow::v1::ListCasesResponse* response) override;
  grpc::ServerUnaryReactor* RecordEvent(grpc::CallbackServerContext* context,
                                        const tocflow::v1::RecordEventRequest* request,
                                        tocflow::v1::RecordEventResponse* response) override;
  grpc::ServerUnaryReactor* GetHistory(grpc::CallbackServerContext* context,
                                       const tocflow::v1::GetHistoryRequest* request,
                                       tocflow::v1::GetHistoryResponse* response) override;
  grpc::ServerUnaryReactor* AssignParty(grpc::CallbackServerContext* context,
                                        const tocflow::v1::AssignPartyRequest* request,
                                        tocflow::v1::AssignPartyResponse* response) override;

 private:
  // The case now, or as it was at `at_version`. With `who` (not an admin), PERMISSION_DENIED
  // unless they may read it: the organisation is taken from the journey read for the answer, so
  // the case is read once.
  absl::Status ReadCase(const std::string& case_id, tocflow::v1::Case* response,
                        std::optional<int64_t> at_version = std::nullopt,
                        const auth::Principal* who = nullptr);
  absl::Status ListCasesNow(const auth::Principal& who,
                            const tocflow::v1::ListCasesRequest& request,
                            tocflow::v1::ListCasesResponse* response);
  absl::Status HistoryPage(const tocflow::v1::GetHistoryRequest& request,
                           tocflow::v1::GetHistoryResponse* response);

  ServiceDeps deps_;
};

}  // namespace tocflow::server
