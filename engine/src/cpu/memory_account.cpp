#include "cpu/memory_account.h"

namespace xun::cpu {

Result<void> MemoryAccount::reserve(uint64_t bytes) {
  const uint64_t now = in_use_.fetch_add(bytes) + bytes;
  if (limit_ && now > *limit_) {
    in_use_ -= bytes;
    return std::unexpected(out_of_memory(bytes));
  }
  uint64_t peak = peak_.load();
  while (now > peak && !peak_.compare_exchange_weak(peak, now)) {
  }
  return {};
}

Error MemoryAccount::out_of_memory(uint64_t bytes) const {
  return Error{"out of memory on '" + device_name_ + "' allocating " + std::to_string(bytes >> 20) + " MiB",
               ErrorKind::out_of_memory};
}

}  // namespace xun::cpu
