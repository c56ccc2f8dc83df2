// The alert hub against a real tocflowd: many WatchAlerts streams with different filters, live
// and resuming, each receive exactly the alerts the store's own filter selects (ListAlerts is
// the reference), in cursor order, with nothing missing or repeated; also with tiny buffers,
// where streams fall out of the shared pass and catch up with their own queries. Each pass is
// delivered by three threads (ParallelDelivery).
#include <gmock/gmock.h>

#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "server_fixture.h"

namespace tocflow::server::testing {
namespace {

using namespace std::chrono_literals;

const std::vector<std::string> kProviders = {"RXX", "RYY"};
const std::vector<std::string> kAuthorities = {"E09000001", "E09000002", "E09000003"};
const std::vector<std::string> kIcbs = {"QXX", "QYY"};

v1::Event Discharged() {
  v1::Event event;
  event.mutable_discharged()->set_destination("home");
  return event;
}

// A spread of filters: none, each organisation column, roles, roles with an authority, a case.
std::vector<v1::AlertFilter> Filters(const std::vector<std::string>& case_ids) {
  std::vector<v1::AlertFilter> out(1);  // unfiltered
  for (const auto& p : kProviders) out.emplace_back().set_provider_ods(p);
  for (const auto& la : kAuthorities) out.emplace_back().set_local_authority(la);
  for (const auto& icb : kIcbs) out.emplace_back().set_icb(icb);
  for (int role = v1::ROLE_WARD_DISCHARGE_COORDINATOR; role <= v1::ROLE_EQUIPMENT_SERVICE; ++role) {
    v1::AlertFilter& f = out.emplace_back();
    f.add_roles(static_cast<v1::Role>(role));
    if (role % 3 == 0) f.add_roles(v1::ROLE_CARE_TRANSFER_HUB);
    if (role % 2 == 0) f.set_local_authority(kAuthorities[role % kAuthorities.size()]);
  }
  for (const auto& id : case_ids) out.emplace_back().set_case_id(id);
  v1::AlertFilter& narrow = out.emplace_back();
  narrow.set_provider_ods("RYY");
  narrow.set_icb("QXX");
  narrow.add_roles(v1::ROLE_WARD_DISCHARGE_COORDINATOR);
  return out;
}

class AlertHubTest : public ServerTest {
 protected:
  // More streams than one client may usually hold, delivered by three threads whatever the
  // machine's cores.
  void Configure(ServerOptions& options) override {
    options.max_watches_per_client = 200;
    options.watch_delivery_threads = 3;
  }

  // Opens case `n` (one alert) in an organisation chosen by `n`, and discharges every third
  // (more alerts, for other roles).
  std::string OpenCase(int n) {
    v1::CreateCaseRequest request =
        Opening("open-" + std::to_string(n), "S" + std::to_string(n), "W" + std::to_string(n % 2),
                kProviders[n % kProviders.size()]);
    request.mutable_opening()->set_local_authority(kAuthorities[n % kAuthorities.size()]);
    request.mutable_opening()->set_icb(kIcbs[(n / 2) % kIcbs.size()]);
    grpc::ClientContext context;
    v1::Case created;
    grpc::Status status = cases_->CreateCase(&context, request, &created);
    EXPECT_TRUE(status.ok()) << status.error_message();
    if (n % 3 == 0) {
      v1::RecordEventResponse response;
      grpc::Status discharged = Record(created.case_id(), "d-" + std::to_string(n),
                                       kStart + std::chrono::hours(1), Discharged(), &response);
      EXPECT_TRUE(discharged.ok()) << discharged.error_message();
    }
    return created.case_id();
  }

  // The store's own answer: every alert after `after` that `filter` selects, in cursor order.
  std::vector<int64_t> Expected(const v1::AlertFilter& filter, int64_t after) {
    std::vector<int64_t> out;
    std::string token;
    do {
      v1::ListAlertsRequest request;
      *request.mutable_filter() = filter;
      request.set_page_size(1000);
      request.set_page_token(token);
      v1::ListAlertsResponse response;
      grpc::ClientContext context;
      grpc::Status status = alerts_->ListAlerts(&context, request, &response);
      EXPECT_TRUE(status.ok()) << status.error_message();
      if (!status.ok()) break;
      for (const auto& a : response.alerts()) {
        if (a.cursor() > after) out.push_back(a.cursor());
      }
      token = response.next_page_token();
    } while (!token.empty());
    return out;
  }

  static v1::WatchAlertsRequest Watch(const v1::AlertFilter& filter, std::optional<int64_t> after) {
    v1::WatchAlertsRequest request;
    *request.mutable_filter() = filter;
    if (after) request.set_after_cursor(*after);
    return request;
  }

  // Waits for `watcher` to receive exactly `expected` (cursors, in order).
  static void ExpectExactly(Watcher& watcher, const std::vector<int64_t>& expected,
                            const std::string& what) {
    EXPECT_TRUE(watcher.WaitFor(expected.size(), 20s))
        << what << ": " << watcher.received().size() << " of " << expected.size();
    std::vector<int64_t> got;
    for (const auto& a : watcher.received()) got.push_back(a.cursor());
    EXPECT_EQ(got, expected) << what;
  }

  // Streams live from before the first alert, `cases` cases opened meanwhile: each stream gets
  // exactly its alerts. Returns how many streams got some but not all alerts.
  int CheckLiveStreams(int cases) {
    // Cases not discharged at opening (n % 3 != 0), discharged once the watches run.
    std::vector<std::string> case_ids;
    for (int n : {1, 2, 4}) case_ids.push_back(OpenCase(n));
    const int64_t start = Expected(v1::AlertFilter(), 0).back();
    const auto filters = Filters(case_ids);
    std::vector<std::unique_ptr<Watcher>> watchers;
    for (const auto& f : filters) {
      watchers.push_back(std::make_unique<Watcher>(alerts_.get(), Watch(f, std::nullopt)));
    }
    for (auto& w : watchers) EXPECT_TRUE(w->WaitUntilRegistered());
    // From four threads, so that commits are grouped and one wake brings several alerts.
    std::vector<std::thread> openers;
    for (int t = 0; t < 4; ++t) {
      openers.emplace_back([this, t, cases] {
        for (int n = 5 + t; n < cases; n += 4) OpenCase(n);
      });
    }
    for (auto& opener : openers) opener.join();
    for (const auto& id : case_ids) {
      v1::RecordEventResponse response;
      EXPECT_TRUE(
          Record(id, "late-" + id, kStart + std::chrono::hours(2), Discharged(), &response).ok());
      EXPECT_GT(response.alerts_size(), 0);
    }
    const size_t all = Expected(v1::AlertFilter(), start).size();
    EXPECT_GT(all, static_cast<size_t>(cases - 5));
    int partial = 0;
    for (size_t i = 0; i < filters.size(); ++i) {
      const auto expected = Expected(filters[i], start);
      ExpectExactly(*watchers[i], expected,
                    "stream " + std::to_string(i) + " " + filters[i].ShortDebugString());
      if (!expected.empty() && expected.size() < all) ++partial;
    }
    return partial;
  }

  // Streams resuming from old cursors (from the start, and from the middle of the backlog) join
  // while others are live and alerts keep coming: each gets exactly its alerts.
  void CheckResumingStreams() {
    std::vector<std::string> case_ids;
    for (int n = 0; n < 40; ++n) case_ids.push_back(OpenCase(n));
    const auto filters = Filters({case_ids[3]});
    std::vector<std::unique_ptr<Watcher>> live;
    const int64_t now = Expected(v1::AlertFilter(), 0).back();
    for (const auto& f : filters) {
      live.push_back(std::make_unique<Watcher>(alerts_.get(), Watch(f, std::nullopt)));
    }
    for (auto& w : live) EXPECT_TRUE(w->WaitUntilRegistered());
    for (int n = 40; n < 50; ++n) OpenCase(n);
    // Resuming streams (from the start, and from the middle of the backlog) join while alerts keep
    // coming.
    std::vector<std::unique_ptr<Watcher>> resumed;
    std::vector<std::pair<v1::AlertFilter, int64_t>> resumed_from;
    for (const auto& f : filters) {
      for (int64_t after : {int64_t{0}, now / 2}) {
        resumed.push_back(std::make_unique<Watcher>(alerts_.get(), Watch(f, after)));
        resumed_from.emplace_back(f, after);
      }
    }
    for (int n = 50; n < 70; ++n) OpenCase(n);
    for (size_t i = 0; i < filters.size(); ++i) {
      ExpectExactly(*live[i], Expected(filters[i], now), "live " + filters[i].ShortDebugString());
    }
    for (size_t i = 0; i < resumed.size(); ++i) {
      const auto& [filter, after] = resumed_from[i];
      ExpectExactly(*resumed[i], Expected(filter, after),
                    "resumed after " + std::to_string(after) + " " + filter.ShortDebugString());
    }
    // A resumed stream that caught up follows live alerts too.
    OpenCase(70);
    for (size_t i = 0; i < resumed.size(); ++i) {
      const auto& [filter, after] = resumed_from[i];
      ExpectExactly(*resumed[i], Expected(filter, after),
                    "after catching up, " + filter.ShortDebugString());
    }
  }
};

TEST_F(AlertHubTest, ManyStreamsWithDifferentFiltersEachReceiveExactlyTheirAlertsInOrder) {
  const int partial = CheckLiveStreams(60);
  EXPECT_GT(partial, 10) << "the filters should select different alerts";
}

TEST_F(AlertHubTest, AStreamResumingFromAnOldCursorCatchesUpWhileOthersAreLive) {
  CheckResumingStreams();
}

// Buffers of two alerts: streams run out of room in the middle of the shared pass, fall behind,
// are refilled with their own queries as they drain, and rejoin.
class TinyBufferHubTest : public AlertHubTest {
 protected:
  void Configure(ServerOptions& options) override {
    AlertHubTest::Configure(options);
    options.watch_buffer = 2;
  }
};

TEST_F(TinyBufferHubTest, StreamsWithoutRoomStillGetEverythingInOrder) {
  const int partial = CheckLiveStreams(60);
  EXPECT_GT(partial, 10);
}

TEST_F(TinyBufferHubTest, ResumingStreamsAreRefilledAsTheyDrain) { CheckResumingStreams(); }

}  // namespace
}  // namespace tocflow::server::testing
