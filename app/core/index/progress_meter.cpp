#include "index/progress_meter.h"

namespace xun::core {

void ProgressMeter::update(IndexProgress& progress) const {
  progress.seconds = seconds();
  if (progress.seconds <= 0) return;
  progress.files_per_second = static_cast<double>(progress.files_done) / progress.seconds;
  progress.chunks_per_second = static_cast<double>(progress.chunks_done) / progress.seconds;
  // By files, the unit the total is known in; a rate from the first file or two is noise.
  if (progress.files_done >= 2 && progress.files_per_second > 0)
    progress.seconds_left =
        static_cast<double>(progress.files_total - progress.files_done) / progress.files_per_second;
}

}  // namespace xun::core
