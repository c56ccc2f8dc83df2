// tocflowd names its own threads, so that `top -H`, perf and gdb tell them apart.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "server_fixture.h"

namespace tocflow::server::testing {
namespace {

using ::testing::IsSupersetOf;

// The names of this process's threads (Linux: /proc/self/task/*/comm).
std::vector<std::string> ThreadNames() {
  std::vector<std::string> names;
  for (const auto& task : std::filesystem::directory_iterator("/proc/self/task")) {
    std::ifstream comm(task.path() / "comm");
    std::string name;
    if (std::getline(comm, name)) names.push_back(name);
  }
  return names;
}

class ThreadNamesTest : public ServerTest {
 protected:
  // A delivery helper beside the alert hub whatever the machine's cores.
  void Configure(ServerOptions& options) override { options.watch_delivery_threads = 2; }
};

TEST_F(ThreadNamesTest, TheServiceThreadsCarryTheirRoles) {
  EXPECT_THAT(ThreadNames(),
              IsSupersetOf({"tf-writer", "tf-answer", "tf-checkpoint", "tf-scheduler",
                            "tf-alert-hub", "tf-alert-send", "tf-worker"}));
}

}  // namespace
}  // namespace tocflow::server::testing
