// Small pieces every benchmark program needs: a scratch directory for a run's databases, and the
// process's memory as the kernel counts it (and its peak started afresh).
#pragma once

#include <malloc.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace bench {

// A fresh directory `PARENT/PREFIX_XXXXXX` for a run's databases, removed with its contents at
// the end of the run.
class RunDir {
 public:
  RunDir(const std::string& parent, const std::string& prefix) {
    std::string pattern = (std::filesystem::path(parent) / (prefix + "_XXXXXX")).string();
    if (mkdtemp(pattern.data()) != nullptr) path_ = pattern;
  }
  ~RunDir() {
    std::error_code ignored;
    if (!path_.empty()) std::filesystem::remove_all(path_, ignored);
  }
  RunDir(const RunDir&) = delete;
  RunDir& operator=(const RunDir&) = delete;
  bool ok() const { return !path_.empty(); }
  std::string File(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

// A memory line of /proc/self/status in MB: "VmRSS:" (now) or "VmHWM:" (peak); 0 if absent.
inline double ProcessMemoryMb(const std::string& field) {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind(field, 0) == 0) return std::stod(line.substr(field.size())) / 1024.0;
  }
  return 0;
}

// Starts the peak ("VmHWM:") afresh from the memory in use now, after returning freed heap
// memory to the system: for a figure that must not count what the program did before (the
// storm's in-process generation of its database). False when the kernel refuses.
inline bool ResetPeakMemory() {
  malloc_trim(0);
  std::ofstream clear_refs("/proc/self/clear_refs");
  clear_refs << "5";
  clear_refs.flush();
  return static_cast<bool>(clear_refs);
}

}  // namespace bench
