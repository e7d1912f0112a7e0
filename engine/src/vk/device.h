// A logical device with one compute queue: the "manager" every other Vulkan object hangs off.
#pragma once

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
};

}  // namespace xun::vk
