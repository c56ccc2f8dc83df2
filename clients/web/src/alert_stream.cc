#include "alert_stream.h"

#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>

#include "routes.h"
#include "web/json_mapping.h"

namespace tocflow::web {
namespace {

namespace v1 = tocflow::v1;
constexpr auto kKeepAlive = std::chrono::seconds(5);

// One browser connection's watch: the watcher thread fills `frames`, the HTTP thread sends them.
struct Watch {
  std::mutex mutex;
  std::condition_variable changed;
  std::deque<std::string> frames;          // complete SSE frames waiting to be sent
  bool finished = false;                   // the watcher gave up (error sent); end the HTTP stream
  bool stopping = false;                   // the browser went away; stop the watcher
  grpc::ClientContext* context = nullptr;  // the current call, to cancel it
  std::thread watcher;

  void Push(std::string frame) {
    std::lock_guard lock(mutex);
    frames.push_back(std::move(frame));
    changed.notify_all();
  }
};

bool Retryable(grpc::StatusCode code) {
  return code == grpc::StatusCode::UNAVAILABLE || code == grpc::StatusCode::RESOURCE_EXHAUSTED ||
         code == grpc::StatusCode::DEADLINE_EXCEEDED || code == grpc::StatusCode::INTERNAL ||
         code == grpc::StatusCode::UNKNOWN;
}

void RunWatch(Watch& watch, TocflowApi& api, v1::AlertFilter filter, std::optional<int64_t> after,
              std::string authorization) {
  auto backoff = std::chrono::milliseconds(250);
  while (true) {
    auto context = TocflowApi::Stream(authorization);
    {
      std::lock_guard lock(watch.mutex);
      if (watch.stopping) return;
      watch.context = context.get();
    }
    v1::WatchAlertsRequest request;
    *request.mutable_filter() = filter;
    if (after) request.set_after_cursor(*after);
    auto reader = api.alerts().WatchAlerts(context.get(), request);
    reader->WaitForInitialMetadata();
    // tocflowd sends the initial metadata once the watch is registered.
    nlohmann::json ready = {{"after", after ? nlohmann::json(*after) : nlohmann::json()}};
    watch.Push("event: ready\ndata: " + ready.dump() + "\n\n");
    v1::Alert alert;
    while (reader->Read(&alert)) {
      after = alert.cursor();
      backoff = std::chrono::milliseconds(250);
      watch.Push("id: " + std::to_string(alert.cursor()) +
                 "\nevent: alert\ndata: " + ToJson(alert).dump() + "\n\n");
    }
    grpc::Status status = reader->Finish();
    std::unique_lock lock(watch.mutex);
    watch.context = nullptr;
    if (watch.stopping) return;
    if (!Retryable(status.error_code())) {
      watch.frames.push_back("event: error\ndata: " + ErrorJson(status).dump() + "\n\n");
      watch.finished = true;
      watch.changed.notify_all();
      return;
    }
    watch.changed.wait_for(lock, backoff, [&] { return watch.stopping; });
    if (watch.stopping) return;
    backoff = std::min(backoff * 2, std::chrono::milliseconds(5000));
  }
}

void Stop(Watch& watch) {
  {
    std::lock_guard lock(watch.mutex);
    watch.stopping = true;
    if (watch.context != nullptr) watch.context->TryCancel();
    watch.changed.notify_all();
  }
  if (watch.watcher.joinable()) watch.watcher.join();
}

}  // namespace

void ServeAlertStream(const httplib::Request& request, httplib::Response& response,
                      TocflowApi& api) {
  const auto params = Params(request);
  auto filter = ParseAlertFilter(params);
  if (!filter.ok()) {
    return SendError(response, grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                                            std::string(filter.status().message())));
  }
  std::optional<int64_t> after;
  std::string from = request.get_header_value("Last-Event-ID");
  if (from.empty()) from = Param(params, "after");
  if (!from.empty()) {
    try {
      after = std::stoll(from);
    } catch (const std::exception&) {
      return SendError(response, grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                                              "after: expected a cursor, got \"" + from + "\""));
    }
  }
  auto watch = std::make_shared<Watch>();
  // EventSource cannot send headers: the page passes its token as access_token instead.
  std::string authorization = request.get_header_value("Authorization");
  if (authorization.empty() && !Param(params, "access_token").empty()) {
    authorization = "Bearer " + Param(params, "access_token");
  }
  watch->watcher =
      std::thread(RunWatch, std::ref(*watch), std::ref(api), *filter, after, authorization);
  response.set_header("Cache-Control", "no-store");
  response.set_chunked_content_provider(
      "text/event-stream",
      [watch](size_t, httplib::DataSink& sink) {
        std::deque<std::string> frames;
        bool finished = false;
        {
          std::unique_lock lock(watch->mutex);
          watch->changed.wait_for(lock, kKeepAlive,
                                  [&] { return !watch->frames.empty() || watch->finished; });
          frames.swap(watch->frames);
          finished = watch->finished;
        }
        if (frames.empty() && !finished) frames.push_back(": keep-alive\n\n");
        for (const auto& frame : frames) {
          if (!sink.write(frame.data(), frame.size())) return false;
        }
        if (finished) sink.done();
        return true;
      },
      [watch](bool) { Stop(*watch); });
}

}  // namespace tocflow::web
