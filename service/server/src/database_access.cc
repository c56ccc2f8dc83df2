#include "database_access.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>

namespace tocflow::server {
namespace {

absl::Status Refused(const std::string& what, int error) {
  return absl::FailedPreconditionError(
      what + " cannot be written (" + std::strerror(error) +
      "): tocflowd records every command there; mount its file system read-write, or give the "
      "user running tocflowd write access to the file and its directory");
}

}  // namespace

absl::Status CheckDatabaseWritable(const std::string& db_path) {
  const int fd = open(db_path.c_str(), O_RDWR | O_CLOEXEC);
  if (fd >= 0) {
    close(fd);
  } else if (errno != ENOENT) {
    return Refused("database " + db_path, errno);
  }
  std::filesystem::path directory = std::filesystem::path(db_path).parent_path();
  if (directory.empty()) directory = ".";
  if (access(directory.c_str(), W_OK | X_OK) != 0) {
    return Refused("the directory " + directory.string() + " of database " + db_path, errno);
  }
  return absl::OkStatus();
}

}  // namespace tocflow::server
