#include "access_log.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>

#include <utility>

#include "workflow/time.h"

namespace tocflow::server::auth {
namespace {

// The request's case id: its `case_id` field, or `filter.case_id` (alert watches).
std::string CaseIdOf(const google::protobuf::Message& request) {
  const auto* descriptor = request.GetDescriptor();
  const auto* reflection = request.GetReflection();
  if (const auto* field = descriptor->FindFieldByName("case_id");
      field != nullptr && field->type() == google::protobuf::FieldDescriptor::TYPE_STRING &&
      !field->is_repeated()) {
    return reflection->GetString(request, field);
  }
  if (const auto* filter = descriptor->FindFieldByName("filter");
      filter != nullptr && filter->type() == google::protobuf::FieldDescriptor::TYPE_MESSAGE &&
      !filter->is_repeated() && reflection->HasField(request, filter)) {
    return CaseIdOf(reflection->GetMessage(request, filter));
  }
  return "";
}

std::string_view ShortName(const char* method) {
  std::string_view name(method);
  if (auto slash = name.rfind('/'); slash != std::string_view::npos) name.remove_prefix(slash + 1);
  return name;
}

class AccessLogInterceptor final : public grpc::experimental::Interceptor {
 public:
  AccessLogInterceptor(grpc::experimental::ServerRpcInfo* info, AccessLog* log,
                       const Authenticator* authenticator)
      : info_(info), log_(log), authenticator_(authenticator) {}

  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    using Hook = grpc::experimental::InterceptionHookPoints;
    if (methods->QueryInterceptionHookPoint(Hook::POST_RECV_MESSAGE) && case_id_.empty()) {
      if (void* message = methods->GetRecvMessage(); message != nullptr) {
        case_id_ = CaseIdOf(*static_cast<google::protobuf::Message*>(message));
      }
    }
    if (methods->QueryInterceptionHookPoint(Hook::PRE_SEND_STATUS)) {
      const grpc::Status status = methods->GetSendStatus();
      std::string principal = "unauthenticated";
      std::string role = "-";
      if (auto who = authenticator_->Identify(*info_->server_context()); who.ok()) {
        principal = who->name;
        role = std::string(Name(who->role));
      }
      log_->Record(principal, role, ShortName(info_->method()), case_id_,
                   status.ok() ? "OK" : "code=" + std::to_string(status.error_code()));
    }
    methods->Proceed();
  }

 private:
  grpc::experimental::ServerRpcInfo* info_;
  AccessLog* log_;
  const Authenticator* authenticator_;
  std::string case_id_;
};

class Factory final : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  Factory(AccessLog* log, const Authenticator* authenticator)
      : log_(log), authenticator_(authenticator) {}
  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override {
    // Health checks and reflection are not about cases.
    if (std::string_view(info->method()).rfind("/tocflow.", 0) != 0) return nullptr;
    return new AccessLogInterceptor(info, log_, authenticator_);
  }

 private:
  AccessLog* log_;
  const Authenticator* authenticator_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<AccessLog>> AccessLog::Open(const std::string& path,
                                                           const engine::Clock* clock) {
  std::ofstream out(path, std::ios::app);
  if (!out) return absl::UnavailableError("cannot open the access log " + path);
  return std::unique_ptr<AccessLog>(new AccessLog(std::move(out), clock));
}

AccessLog::AccessLog(std::ofstream out, const engine::Clock* clock)
    : out_(std::move(out)), clock_(clock) {}

void AccessLog::Record(std::string_view principal, std::string_view role, std::string_view rpc,
                       std::string_view case_id, std::string_view status) {
  const std::string when = workflow::FormatUtc(clock_->Now());
  std::lock_guard lock(mutex_);
  out_ << when << " principal=" << principal << " role=" << role << " rpc=" << rpc
       << " case=" << (case_id.empty() ? "-" : case_id) << " " << status << "\n";
  out_.flush();
}

std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface> AccessLogInterceptors(
    AccessLog* log, const Authenticator* authenticator) {
  return std::make_unique<Factory>(log, authenticator);
}

}  // namespace tocflow::server::auth
