#include "vk/buffer.h"

#include <cstdlib>
#include <cstring>
#include <utility>

#include "vk/check.h"
#include "vk/one_time_commands.h"

namespace xun::vk {

Result<Buffer> Buffer::create(std::shared_ptr<const Device> device, VkDeviceSize bytes, MemoryUse use) {
  Buffer buffer;
  buffer.device_ = std::move(device);
  buffer.size_ = bytes;
  const VkDevice handle = buffer.device_->handle();

  VkBufferCreateInfo info{VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO};
  info.size = bytes == 0 ? 4 : bytes;  // Vulkan forbids empty buffers
  info.usage = VK_BUFFER_USAGE_STORAGE_BUFFER_BIT | VK_BUFFER_USAGE_TRANSFER_SRC_BIT |
               VK_BUFFER_USAGE_TRANSFER_DST_BIT;
  info.sharingMode = VK_SHARING_MODE_EXCLUSIVE;
  XUN_VK_TRY(vkCreateBuffer(handle, &info, nullptr, &buffer.buffer_));

  VkMemoryRequirements requirements{};
  vkGetBufferMemoryRequirements(handle, buffer.buffer_, &requirements);
  VkMemoryPropertyFlags required = 0, preferred = 0;
  switch (use) {
    case MemoryUse::device:
      preferred = VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT;
      break;
    case MemoryUse::upload:
      required = VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT;
      preferred = VK_MEMORY_PROPERTY_HOST_COHERENT_BIT;
      break;
    case MemoryUse::readback:
      required = VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT;
      preferred = VK_MEMORY_PROPERTY_HOST_CACHED_BIT;
      break;
  }
  const auto type = buffer.device_->find_memory_type(requirements.memoryTypeBits, required, preferred);
  if (!type) return fail("Vulkan device '" + buffer.device_->info().name + "' has no suitable memory type");

  auto out_of_memory = [&] {
    return std::unexpected(Error{"out of memory on '" + buffer.device_->info().name + "' allocating " +
                                     std::to_string(requirements.size >> 20) + " MiB",
                                 ErrorKind::out_of_memory});
  };
  if (const auto limit = buffer.device_->memory_limit())
    if (buffer.device_->memory_in_use() + requirements.size > *limit) return out_of_memory();

  VkMemoryAllocateInfo allocate{VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO};
  allocate.allocationSize = requirements.size;
  allocate.memoryTypeIndex = *type;
  const VkResult allocated = vkAllocateMemory(handle, &allocate, nullptr, &buffer.memory_);
  if (allocated == VK_ERROR_OUT_OF_DEVICE_MEMORY || allocated == VK_ERROR_OUT_OF_HOST_MEMORY) return out_of_memory();
  XUN_VK_TRY(allocated);
  buffer.allocated_ = requirements.size;
  buffer.device_->count_allocation(static_cast<int64_t>(requirements.size));
  XUN_VK_TRY(vkBindBufferMemory(handle, buffer.buffer_, buffer.memory_, 0));

  const VkMemoryPropertyFlags flags = buffer.device_->memory_properties().memoryTypes[*type].propertyFlags;
  buffer.coherent_ = (flags & VK_MEMORY_PROPERTY_HOST_COHERENT_BIT) != 0;
  if (flags & VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT) {
    void* mapped = nullptr;
    XUN_VK_TRY(vkMapMemory(handle, buffer.memory_, 0, VK_WHOLE_SIZE, 0, &mapped));
    buffer.mapped_ = static_cast<std::byte*>(mapped);
  }
  return buffer;
}

Buffer::~Buffer() { release(); }

Buffer::Buffer(Buffer&& other) noexcept { *this = std::move(other); }

Buffer& Buffer::operator=(Buffer&& other) noexcept {
  if (this != &other) {
    release();
    device_ = std::move(other.device_);
    buffer_ = std::exchange(other.buffer_, VK_NULL_HANDLE);
    memory_ = std::exchange(other.memory_, VK_NULL_HANDLE);
    size_ = std::exchange(other.size_, 0);
    allocated_ = std::exchange(other.allocated_, 0);
    mapped_ = std::exchange(other.mapped_, nullptr);
    coherent_ = other.coherent_;
  }
  return *this;
}

void Buffer::release() {
  if (!device_) return;
  const VkDevice handle = device_->handle();
  if (mapped_ != nullptr) vkUnmapMemory(handle, memory_);
  if (buffer_ != VK_NULL_HANDLE) vkDestroyBuffer(handle, buffer_, nullptr);
  if (memory_ != VK_NULL_HANDLE) {
    vkFreeMemory(handle, memory_, nullptr);
    device_->count_allocation(-static_cast<int64_t>(allocated_));
  }
  buffer_ = VK_NULL_HANDLE;
  memory_ = VK_NULL_HANDLE;
  mapped_ = nullptr;
  device_.reset();
}

Result<void> Buffer::flush() const {
  if (coherent_ || mapped_ == nullptr) return {};
  VkMappedMemoryRange range{VK_STRUCTURE_TYPE_MAPPED_MEMORY_RANGE};
  range.memory = memory_;
  range.size = VK_WHOLE_SIZE;
  XUN_VK_TRY(vkFlushMappedMemoryRanges(device_->handle(), 1, &range));
  return {};
}

Result<void> Buffer::invalidate() const {
  if (coherent_ || mapped_ == nullptr) return {};
  VkMappedMemoryRange range{VK_STRUCTURE_TYPE_MAPPED_MEMORY_RANGE};
  range.memory = memory_;
  range.size = VK_WHOLE_SIZE;
  XUN_VK_TRY(vkInvalidateMappedMemoryRanges(device_->handle(), 1, &range));
  return {};
}

Result<void> upload_bytes(const std::shared_ptr<const Device>& device, const Buffer& destination,
                          VkDeviceSize offset, std::span<const std::byte> bytes) {
  if (offset + bytes.size() > destination.size()) return fail("internal: upload past the end of a buffer");
  if (bytes.empty()) return {};
  if (destination.mapped() != nullptr) {
    std::memcpy(destination.mapped() + offset, bytes.data(), bytes.size());
    return destination.flush();
  }
  auto staging = Buffer::create(device, bytes.size(), MemoryUse::upload);
  if (!staging) return std::unexpected(staging.error());
  std::memcpy(staging->mapped(), bytes.data(), bytes.size());
  XUN_TRY(staging->flush());
  return run_one_time_commands(*device, [&](VkCommandBuffer commands) {
    VkBufferCopy region{0, offset, bytes.size()};
    vkCmdCopyBuffer(commands, staging->handle(), destination.handle(), 1, &region);
  });
}

Result<void> download_bytes(const std::shared_ptr<const Device>& device, const Buffer& source,
                            VkDeviceSize offset, std::span<std::byte> bytes) {
  if (offset + bytes.size() > source.size()) return fail("internal: download past the end of a buffer");
  if (bytes.empty()) return {};
  if (source.mapped() != nullptr) {
    XUN_TRY(source.invalidate());
    std::memcpy(bytes.data(), source.mapped() + offset, bytes.size());
    return {};
  }
  auto staging = Buffer::create(device, bytes.size(), MemoryUse::readback);
  if (!staging) return std::unexpected(staging.error());
  XUN_TRY(run_one_time_commands(*device, [&](VkCommandBuffer commands) {
    VkBufferCopy region{offset, 0, bytes.size()};
    vkCmdCopyBuffer(commands, source.handle(), staging->handle(), 1, &region);
  }));
  XUN_TRY(staging->invalidate());
  std::memcpy(bytes.data(), staging->mapped(), bytes.size());
  return {};
}

}  // namespace xun::vk
