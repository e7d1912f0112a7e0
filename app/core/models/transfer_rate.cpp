#include "models/transfer_rate.h"

namespace xun::core {

TransferRate::TransferRate(qint64 window_ms) : window_ms_(window_ms) { restart(); }

void TransferRate::restart() {
  total_ = 0;
  samples_.clear();
  clock_.start();
  samples_.push_back({0, 0});
}

void TransferRate::add(qint64 bytes) {
  total_ += bytes;
  const qint64 now = clock_.elapsed();
  samples_.push_back({now, total_});
  drop_old(now);
}

void TransferRate::drop_old(qint64 now_ms) const {
  // Keep one sample at or before the window's start, so the rate spans the whole window.
  while (samples_.size() > 2 && samples_[1].at_ms <= now_ms - window_ms_) samples_.pop_front();
}

double TransferRate::bytes_per_second() const {
  const qint64 now = clock_.elapsed();
  drop_old(now);
  const Sample& first = samples_.front();
  const qint64 span_ms = now - first.at_ms;
  if (span_ms <= 0) return 0;
  return double(total_ - first.total) * 1000.0 / double(span_ms);
}

}  // namespace xun::core
