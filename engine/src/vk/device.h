// A logical device with one compute queue: the "manager" every other Vulkan object hangs off.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <optional>

#include <vulkan/vulkan.h>

#include "vk/instance.h"
#include "xun/engine.h"

namespace xun::vk {

class Device {
 public:
  static Result<std::shared_ptr<Device>> create(std::shared_ptr<Instance> instance, VkPhysicalDevice physical,
                                                DeviceInfo info);
  ~Device();
  Device(const Device&) = delete;
  Device& operator=(const Device&) = delete;

  VkDevice handle() const { return device_; }
  VkPhysicalDevice physical() const { return physical_; }
  VkQueue queue() const { return queue_; }
  uint32_t queue_family() const { return queue_family_; }
  const DeviceInfo& info() const { return info_; }
  const Instance& instance() const { return *instance_; }
  // Nanoseconds per timestamp tick; 0 when the queue has no timestamps.
  double timestamp_period_ns() const { return timestamp_period_ns_; }
  // Submissions to the one queue are serialised through this.
  std::mutex& queue_mutex() const { return queue_mutex_; }

  // A memory type allowed by type_bits with all of `required`, preferring ones with `preferred`.
  std::optional<uint32_t> find_memory_type(uint32_t type_bits, VkMemoryPropertyFlags required,
                                           VkMemoryPropertyFlags preferred) const;
  const VkPhysicalDeviceMemoryProperties& memory_properties() const { return memory_; }

  // Bytes of device memory the engine holds now, and the most it has held (Buffer keeps these).
  uint64_t memory_in_use() const { return memory_in_use_.load(); }
  uint64_t memory_peak() const { return memory_peak_.load(); }
  void reset_memory_peak() const { memory_peak_.store(memory_in_use_.load()); }
  void count_allocation(int64_t bytes) const;
  // EngineOptions::memory_limit: allocations past it fail as out of memory, so that the tests
  // can watch the engine meet a full device without filling a real one.
  std::optional<uint64_t> memory_limit() const { return memory_limit_; }
  void set_memory_limit(std::optional<uint64_t> limit) { memory_limit_ = limit; }

 private:
  Device() = default;
  std::shared_ptr<Instance> instance_;
  VkPhysicalDevice physical_ = VK_NULL_HANDLE;
  VkDevice device_ = VK_NULL_HANDLE;
  VkQueue queue_ = VK_NULL_HANDLE;
  uint32_t queue_family_ = 0;
  double timestamp_period_ns_ = 0;
  DeviceInfo info_;
  VkPhysicalDeviceMemoryProperties memory_{};
  mutable std::mutex queue_mutex_;
  mutable std::atomic<uint64_t> memory_in_use_{0};
  mutable std::atomic<uint64_t> memory_peak_{0};
  std::optional<uint64_t> memory_limit_;
};

}  // namespace xun::vk
