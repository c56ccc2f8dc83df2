#include "access_log.h"

#include <errno.h>
#include <fcntl.h>
#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>
#include <unistd.h>

#include <cstring>
#include <iostream>
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
  const int fd = open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0666);
  if (fd < 0) {
    return absl::UnavailableError("cannot open the access log " + path + " (" +
                                  std::strerror(errno) + ")");
  }
  return std::unique_ptr<AccessLog>(new AccessLog(fd, path, clock));
}

AccessLog::AccessLog(int fd, std::string path, const engine::Clock* clock)
    : fd_(fd), path_(std::move(path)), clock_(clock) {}

AccessLog::~AccessLog() { close(fd_); }

bool AccessLog::Append(const std::string& line) {
  size_t done = 0;
  while (done < line.size()) {
    const ssize_t wrote = write(fd_, line.data() + done, line.size() - done);
    if (wrote > 0) {
      done += static_cast<size_t>(wrote);
      continue;
    }
    if (wrote < 0 && errno == EINTR) continue;
    const int error = wrote < 0 ? errno : ENOSPC;
    if (done > 0) {  // take the partial line back off the end, so the next line starts clean
      const off_t end = lseek(fd_, 0, SEEK_END);
      partial_ =
          end < static_cast<off_t>(done) || ftruncate(fd_, end - static_cast<off_t>(done)) != 0;
    }
    errno = error;
    return false;
  }
  return true;
}

void AccessLog::Record(std::string_view principal, std::string_view role, std::string_view rpc,
                       std::string_view case_id, std::string_view status) {
  const std::string when = workflow::FormatUtc(clock_->Now());
  std::string line = when + " principal=" + std::string(principal) + " role=" + std::string(role) +
                     " rpc=" + std::string(rpc) +
                     " case=" + (case_id.empty() ? std::string("-") : std::string(case_id)) + " " +
                     std::string(status) + "\n";
  std::lock_guard lock(mutex_);
  if (lost_ > 0) {  // say what is missing before carrying on
    line = when + " access_log lines_lost=" + std::to_string(lost_) + " since=" + lost_since_ +
           "\n" + line;
  }
  if (partial_) line = "\n" + line;  // ends a partial line that could not be taken back
  if (Append(line)) {
    partial_ = false;
    if (lost_ > 0) {
      std::clog << "tocflowd: access log " << path_ << " written again; " << lost_
                << " lines lost since " << lost_since_ << "\n";
      lost_ = 0;
    }
    return;
  }
  if (lost_++ == 0) {
    lost_since_ = when;
    std::clog << "tocflowd: cannot write the access log " << path_ << " (" << std::strerror(errno)
              << "); its lines are lost until it can be written again\n";
  }
}

std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface> AccessLogInterceptors(
    AccessLog* log, const Authenticator* authenticator) {
  return std::make_unique<Factory>(log, authenticator);
}

}  // namespace tocflow::server::auth
