// Work spread over the CPU backend's threads (OpenMP). Each call is one parallel region; the
// items are claimed one at a time, so uneven items (attention blocks of different lengths)
// balance themselves.
#pragma once

#include <omp.h>

#include <cstdint>

namespace xun::cpu {

// Calls work(item, thread) for item in [0, count) on `threads` threads (thread < threads).
template <class Work>
void parallel_for(uint64_t count, uint32_t threads, Work&& work) {
  if (count == 0) return;
  if (threads <= 1 || count == 1) {
    for (uint64_t item = 0; item < count; ++item) work(item, 0u);
    return;
  }
  const auto n = static_cast<int64_t>(count);
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads)
  for (int64_t item = 0; item < n; ++item) work(static_cast<uint64_t>(item), static_cast<uint32_t>(omp_get_thread_num()));
}

}  // namespace xun::cpu
