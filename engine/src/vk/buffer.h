// A storage buffer and the memory behind it, owned together (move-only).
#pragma once

#include <cstddef>
#include <memory>
#include <span>

#include <vulkan/vulkan.h>

#include "vk/device.h"

namespace xun::vk {

enum class MemoryUse {
  device,    // GPU-only working memory (weights, activations); host-visible if the device is UMA
  upload,    // host writes, GPU reads (staging, per-batch inputs)
  readback,  // GPU writes, host reads (results)
};

class Buffer {
 public:
  static Result<Buffer> create(std::shared_ptr<const Device> device, VkDeviceSize bytes, MemoryUse use);
  Buffer() = default;
  ~Buffer();
  Buffer(Buffer&& other) noexcept;
  Buffer& operator=(Buffer&& other) noexcept;
  Buffer(const Buffer&) = delete;
  Buffer& operator=(const Buffer&) = delete;

  VkBuffer handle() const { return buffer_; }
  VkDeviceSize size() const { return size_; }
  bool valid() const { return buffer_ != VK_NULL_HANDLE; }
  // Persistently mapped host pointer, or null when the memory is not host-visible.
  std::byte* mapped() const { return mapped_; }
  // Makes host writes visible to the device / device writes visible to the host where the
  // memory is not coherent.
  Result<void> flush() const;
  Result<void> invalidate() const;

 private:
  void release();
  std::shared_ptr<const Device> device_;
  VkBuffer buffer_ = VK_NULL_HANDLE;
  VkDeviceMemory memory_ = VK_NULL_HANDLE;
  VkDeviceSize size_ = 0;
  VkDeviceSize allocated_ = 0;  // what the memory allocation really took, for Device's count
  std::byte* mapped_ = nullptr;
  bool coherent_ = true;
};

// Copies bytes into a buffer: directly when it is mapped, else through a staging buffer and a
// one-off copy command (used for weights, once).
Result<void> upload_bytes(const std::shared_ptr<const Device>& device, const Buffer& destination,
                          VkDeviceSize offset, std::span<const std::byte> bytes);
// Reads bytes back from a buffer, through a staging buffer if it is not mapped.
Result<void> download_bytes(const std::shared_ptr<const Device>& device, const Buffer& source,
                            VkDeviceSize offset, std::span<std::byte> bytes);

}  // namespace xun::vk
