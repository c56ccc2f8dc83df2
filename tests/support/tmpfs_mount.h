// A small tmpfs mounted on a fresh temporary directory for one test (a file system that fills
// up, or is made read-only, under a real tocflowd), unmounted (with any bind mount made on it)
// and removed when the guard goes out of scope, whether the test passed or failed.
//
// Mounting needs CAP_SYS_ADMIN. As root the guard first moves the test process into a mount
// namespace of its own (possible while it has no threads, as at the start of a test run by
// CTest), so that the mount is invisible to the rest of the machine and vanishes with the test
// even if it is killed; with threads it mounts in the current namespace. Where that mount is
// not permitted (not root), it moves into a new user namespace (where it is root) and mount
// namespace and mounts there. Where neither works, mounted() is false and why_not() gives the
// exact reason, for GTEST_SKIP(). Child processes (tocflowd) started afterwards share the
// namespaces and see the mount.
//
// Not thread-safe; one guard per directory.
#pragma once

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdlib.h>
#include <sys/mount.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace tocflow::testing {

class TmpfsMount {
 public:
  // Mounts a tmpfs of `size_bytes` (rounded up to pages by the kernel) on a new directory.
  explicit TmpfsMount(size_t size_bytes) {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "tocflow_tmpfs_XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) {
      why_not_ = "mkdtemp " + pattern + ": " + std::strerror(errno);
      return;
    }
    path_ = pattern;
    options_ = "size=" + std::to_string(size_bytes) + ",mode=0700";
    if (geteuid() == 0) PrivateMountNamespace();
    if (Mount()) return;
    const std::string direct = std::strerror(errno);
    const std::string userns = EnterUserNamespace();
    if (userns.empty() && Mount()) return;
    why_not_ = "cannot mount a tmpfs on " + path_ + ": mount(2) as uid " +
               std::to_string(getuid()) + ": " + direct + "; in a new user and mount namespace: " +
               (userns.empty() ? std::string(std::strerror(errno)) : userns);
  }
  ~TmpfsMount() {
    for (auto it = binds_.rbegin(); it != binds_.rend(); ++it) Unmount(*it);
    if (mounted_) Unmount(path_);
    if (!path_.empty()) rmdir(path_.c_str());
  }
  TmpfsMount(const TmpfsMount&) = delete;
  TmpfsMount& operator=(const TmpfsMount&) = delete;

  bool mounted() const { return mounted_; }
  // Why it is not mounted; empty when it is.
  const std::string& why_not() const { return why_not_; }
  const std::string& path() const { return path_; }
  // The path of a file on the tmpfs.
  std::string File(const std::string& name) const { return path_ + "/" + name; }

  // Remounts it read-only or read-write; the files stay. Returns "" or why it failed (the
  // kernel refuses read-only, EBUSY, while a process holds a file on it open for writing).
  std::string Remount(bool read_only) {
    const unsigned long flags =
        MS_REMOUNT | kFlags | (read_only ? static_cast<unsigned long>(MS_RDONLY) : 0UL);
    if (mount("tmpfs", path_.c_str(), "tmpfs", flags, options_.c_str()) == 0) return "";
    return std::string("remount ") + (read_only ? "ro" : "rw") + " " + path_ + ": " +
           std::strerror(errno);
  }

  // Bind-mounts the file `name` on the tmpfs read-only over itself (the directory stays
  // writable); undone by the destructor. Returns "" or why it failed.
  std::string BindReadOnly(const std::string& name) {
    const std::string file = File(name);
    if (mount(file.c_str(), file.c_str(), nullptr, MS_BIND, nullptr) != 0) {
      return "bind " + file + ": " + std::strerror(errno);
    }
    binds_.push_back(file);
    if (mount(nullptr, file.c_str(), nullptr, MS_REMOUNT | MS_BIND | MS_RDONLY | kFlags, nullptr) !=
        0) {
      return "remount the bind of " + file + " read-only: " + std::strerror(errno);
    }
    return "";
  }

 private:
  static constexpr unsigned long kFlags = MS_NOSUID | MS_NODEV;

  // Unmounts `target`, lazily if it is still busy, so that nothing stays mounted.
  static void Unmount(const std::string& target) {
    if (umount2(target.c_str(), 0) != 0) umount2(target.c_str(), MNT_DETACH);
  }

  bool Mount() {
    mounted_ = mount("tmpfs", path_.c_str(), "tmpfs", kFlags, options_.c_str()) == 0;
    return mounted_;
  }

  // Best effort: a mount namespace of the test's own, its mounts private (not propagated to
  // the machine's). Fails harmlessly (EINVAL) once the process has threads.
  static void PrivateMountNamespace() {
    if (unshare(CLONE_NEWNS) == 0) mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr);
  }

  // Becomes root of a new user namespace with a new mount namespace, mapping the real user and
  // group to 0. Returns "" or why it failed.
  static std::string EnterUserNamespace() {
    const uid_t uid = getuid();
    const gid_t gid = getgid();
    if (unshare(CLONE_NEWUSER | CLONE_NEWNS) != 0) {
      return std::string("unshare(CLONE_NEWUSER | CLONE_NEWNS): ") + std::strerror(errno);
    }
    const bool mapped = Write("/proc/self/setgroups", "deny") &&
                        Write("/proc/self/uid_map", "0 " + std::to_string(uid) + " 1") &&
                        Write("/proc/self/gid_map", "0 " + std::to_string(gid) + " 1");
    if (!mapped) return "cannot write the user namespace's uid and gid maps";
    mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr);
    return "";
  }

  static bool Write(const std::string& file, const std::string& text) {
    std::ofstream out(file);
    out << text;
    out.flush();
    return out.good();
  }

  std::string path_;
  std::string options_;
  std::vector<std::string> binds_;  // bind mounts on it, in the order made
  bool mounted_ = false;
  std::string why_not_;
};

// Writes `path` until the file system holding it is full; returns the bytes written.
inline size_t FillUp(const std::string& path) {
  const int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (fd < 0) return 0;
  const std::string chunk(64 * 1024, 'f');
  size_t total = 0;
  for (size_t size = chunk.size(); size > 0; size /= 2) {
    ssize_t wrote;
    while ((wrote = write(fd, chunk.data(), size)) > 0) total += static_cast<size_t>(wrote);
  }
  close(fd);
  return total;
}

}  // namespace tocflow::testing
