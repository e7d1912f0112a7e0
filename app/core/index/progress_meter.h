// Rates and time left for a run whose total grows as the scan finds files.
#pragma once

#include <QElapsedTimer>

#include "index/index_types.h"

namespace xun::core {

class ProgressMeter {
 public:
  ProgressMeter() { timer_.start(); }
  // Fills the time, rate and estimate fields of `progress` from its counts.
  void update(IndexProgress& progress) const;
  double seconds() const { return static_cast<double>(timer_.nsecsElapsed()) * 1e-9; }

 private:
  QElapsedTimer timer_;
};

}  // namespace xun::core
