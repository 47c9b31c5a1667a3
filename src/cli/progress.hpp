#pragma once
// A progress bar on stderr for long runs (imports, the demo generator): fraction, rows, rows/s
// and ETA, redrawn at most 10 times a second. Silent unless stderr is a terminal, so logs and
// pipes stay clean. Wall time here is only for the display; results never see it.

#include <chrono>
#include <cstdint>
#include <string>

namespace pitwall::cli {

class ProgressBar {
 public:
  ProgressBar(std::string label, bool enabled);
  ~ProgressBar();
  void update(double fraction, int64_t rows);
  void finish();

 private:
  std::string label_;
  bool enabled_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_;
};

}  // namespace pitwall::cli
