// A database that cannot grow (PRAGMA max_page_count, standing in for a full disk): commands get
// RESOURCE_EXHAUSTED with an actionable message, nothing half-written, and what is stored stays
// readable through the API.
#include <gmock/gmock.h>

#include "server_fixture.h"

namespace tocflow::server::testing {
namespace {

class DiskFullTest : public ServerTest {
 protected:
  void Configure(ServerOptions& options) override {
    options.store.max_page_count = 60;  // pages of 4 KiB: the schema and a few cases fit
  }
};

TEST_F(DiskFullTest, CommandsAreResourceExhaustedAndStoredCasesStayReadable) {
  std::vector<std::string> stored;
  grpc::Status refused;
  for (int i = 0; i < 2000 && refused.ok(); ++i) {
    v1::CreateCaseRequest request = Opening("open-" + std::to_string(i), "S" + std::to_string(i));
    // Bulky but valid text fills pages quickly.
    request.mutable_opening()->set_site(std::string(120, 'x'));
    grpc::ClientContext context;
    v1::Case created;
    refused = cases_->CreateCase(&context, request, &created);
    if (refused.ok()) stored.push_back(created.case_id());
  }
  ASSERT_EQ(refused.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED) << refused.error_message();
  EXPECT_THAT(refused.error_message(), ::testing::HasSubstr("free disk space"));
  ASSERT_FALSE(stored.empty());

  for (const std::string& id : stored) {
    v1::Case got;
    grpc::Status status = Get(id, &got);
    ASSERT_TRUE(status.ok()) << status.error_message();
    EXPECT_EQ(got.version(), 1);
  }
  v1::ListCasesRequest list;
  list.set_page_size(1000);
  v1::ListCasesResponse page;
  grpc::ClientContext list_context;
  ASSERT_TRUE(cases_->ListCases(&list_context, list, &page).ok());
  EXPECT_EQ(page.cases_size(), static_cast<int>(stored.size()));

  // A smaller command may still fit; whichever way, the server answers and stays up.
  v1::RecordEventResponse response;
  grpc::Status small = Record(stored.front(), "ready-0", kStart + std::chrono::hours(1),
                              ReadyForDischarge(), &response);
  EXPECT_TRUE(small.ok() || small.error_code() == grpc::StatusCode::RESOURCE_EXHAUSTED)
      << small.error_message();
  v1::Case after;
  ASSERT_TRUE(Get(stored.front(), &after).ok());
  EXPECT_EQ(after.version(), small.ok() ? 2 : 1);
}

}  // namespace
}  // namespace tocflow::server::testing
