// Download speed over the last few seconds: steady enough to read, quick to follow a change.
#pragma once

#include <QElapsedTimer>
#include <deque>

namespace xun::core {

class TransferRate {
 public:
  explicit TransferRate(qint64 window_ms = 5000);
  // Counts bytes that just came over the network (not bytes found already on disk).
  void add(qint64 bytes);
  double bytes_per_second() const;
  void restart();

 private:
  void drop_old(qint64 now_ms) const;

  struct Sample {
    qint64 at_ms;
    qint64 total;  // bytes counted up to then
  };
  qint64 window_ms_;
  qint64 total_ = 0;
  QElapsedTimer clock_;
  mutable std::deque<Sample> samples_;
};

}  // namespace xun::core
