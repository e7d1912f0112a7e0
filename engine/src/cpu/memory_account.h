// What the CPU backend holds for activations and scratch, against an optional limit: the CPU
// counterpart of a Vulkan device's memory, so that a batch too big for the machine (or for
// EngineOptions::memory_limit) is split like one too big for a GPU. Shared by an engine's models.
#pragma once

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>

#include "xun/error.h"

namespace xun::cpu {

class MemoryAccount {
 public:
  MemoryAccount(std::string device_name, std::optional<uint64_t> limit)
      : device_name_(std::move(device_name)), limit_(limit) {}

  // Counts `bytes` as held, or fails (kind out_of_memory) when the limit would be passed.
  Result<void> reserve(uint64_t bytes);
  void release(uint64_t bytes) { in_use_ -= bytes; }
  // The error an allocation that failed (std::bad_alloc) reports.
  Error out_of_memory(uint64_t bytes) const;

  uint64_t in_use() const { return in_use_; }
  uint64_t peak() const { return peak_; }
  void reset_peak() { peak_ = in_use_.load(); }

 private:
  std::string device_name_;
  std::optional<uint64_t> limit_;
  std::atomic<uint64_t> in_use_{0};
  std::atomic<uint64_t> peak_{0};
};

}  // namespace xun::cpu
