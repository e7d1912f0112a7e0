// Move-only owners of the small Vulkan objects (command pool, fence, descriptor pool), and the
// one way the engine submits work.
#pragma once

#include <utility>

#include <vulkan/vulkan.h>

#include "vk/device.h"

namespace xun::vk {

// Owns one handle destroyed by `destroy(device, handle, allocator)`.
template <class Handle, void (*Destroy)(VkDevice, Handle, const VkAllocationCallbacks*)>
class DeviceHandle {
 public:
  DeviceHandle() = default;
  DeviceHandle(VkDevice device, Handle handle) : device_(device), handle_(handle) {}
  ~DeviceHandle() { reset(); }
  DeviceHandle(DeviceHandle&& other) noexcept
      : device_(other.device_), handle_(std::exchange(other.handle_, VK_NULL_HANDLE)) {}
  DeviceHandle& operator=(DeviceHandle&& other) noexcept {
    if (this != &other) {
      reset();
      device_ = other.device_;
      handle_ = std::exchange(other.handle_, VK_NULL_HANDLE);
    }
    return *this;
  }
  DeviceHandle(const DeviceHandle&) = delete;
  DeviceHandle& operator=(const DeviceHandle&) = delete;

  Handle handle() const { return handle_; }
  void reset() {
    if (handle_ != VK_NULL_HANDLE) Destroy(device_, handle_, nullptr);
    handle_ = VK_NULL_HANDLE;
  }

 private:
  VkDevice device_ = VK_NULL_HANDLE;
  Handle handle_ = VK_NULL_HANDLE;
};

class CommandPool : public DeviceHandle<VkCommandPool, vkDestroyCommandPool> {
 public:
  using DeviceHandle::DeviceHandle;
  static Result<CommandPool> create(const Device& device);
};

class Fence : public DeviceHandle<VkFence, vkDestroyFence> {
 public:
  using DeviceHandle::DeviceHandle;
  static Result<Fence> create(const Device& device);
};

class DescriptorPool : public DeviceHandle<VkDescriptorPool, vkDestroyDescriptorPool> {
 public:
  using DeviceHandle::DeviceHandle;
  static Result<DescriptorPool> create(const Device& device, uint32_t max_sets, uint32_t max_storage_buffers);
};

class QueryPool : public DeviceHandle<VkQueryPool, vkDestroyQueryPool> {
 public:
  using DeviceHandle::DeviceHandle;
  static Result<QueryPool> create_timestamps(const Device& device, uint32_t count);
};

// Submits one command buffer to the device's queue and waits for `fence` (then resets it).
Result<void> submit_and_wait(const Device& device, VkCommandBuffer commands, VkFence fence);

}  // namespace xun::vk
