#include "status_mapping.h"

#include <iostream>
#include <string>

namespace tocflow::server {

grpc::Status ToGrpc(const absl::Status& status) {
  if (status.ok()) return grpc::Status::OK;
  return grpc::Status(static_cast<grpc::StatusCode>(static_cast<int>(status.code())),
                      std::string(status.message()));
}

grpc::Status FromException(std::string_view rpc, std::exception_ptr error) {
  std::string what = "unknown exception";
  try {
    if (error) std::rethrow_exception(error);
  } catch (const std::bad_alloc&) {
    what = "out of memory";
  } catch (const std::exception&) {
    what = "internal error";
  } catch (...) {
  }
  std::clog << "tocflowd: " << rpc << ": " << what << "\n";
  return grpc::Status(grpc::StatusCode::INTERNAL, std::string(rpc) + ": " + what +
                                                      " in the server; retry with the same "
                                                      "request_id");
}

void LogFailure(std::string_view rpc, std::string_view case_id, const absl::Status& status) {
  switch (status.code()) {
    case absl::StatusCode::kInternal:
    case absl::StatusCode::kUnavailable:
    case absl::StatusCode::kResourceExhausted:
    case absl::StatusCode::kDataLoss:
      break;
    default:
      return;
  }
  std::clog << "tocflowd: " << rpc;
  if (!case_id.empty()) std::clog << " case " << case_id;
  std::clog << ": " << absl::StatusCodeToString(status.code()) << "\n";
}

}  // namespace tocflow::server
