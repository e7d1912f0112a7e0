#include "vk/handles.h"

#include <cstdint>
#include <mutex>

#include "vk/check.h"

namespace xun::vk {

Result<CommandPool> CommandPool::create(const Device& device) {
  VkCommandPoolCreateInfo info{VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO};
  info.flags = VK_COMMAND_POOL_CREATE_RESET_COMMAND_BUFFER_BIT;
  info.queueFamilyIndex = device.queue_family();
  VkCommandPool pool = VK_NULL_HANDLE;
  XUN_VK_TRY(vkCreateCommandPool(device.handle(), &info, nullptr, &pool));
  return CommandPool(device.handle(), pool);
}

Result<Fence> Fence::create(const Device& device) {
  VkFenceCreateInfo info{VK_STRUCTURE_TYPE_FENCE_CREATE_INFO};
  VkFence fence = VK_NULL_HANDLE;
  XUN_VK_TRY(vkCreateFence(device.handle(), &info, nullptr, &fence));
  return Fence(device.handle(), fence);
}

Result<DescriptorPool> DescriptorPool::create(const Device& device, uint32_t max_sets,
                                              uint32_t max_storage_buffers) {
  VkDescriptorPoolSize size{VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, max_storage_buffers};
  VkDescriptorPoolCreateInfo info{VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO};
  info.maxSets = max_sets;
  info.poolSizeCount = 1;
  info.pPoolSizes = &size;
  VkDescriptorPool pool = VK_NULL_HANDLE;
  XUN_VK_TRY(vkCreateDescriptorPool(device.handle(), &info, nullptr, &pool));
  return DescriptorPool(device.handle(), pool);
}

Result<QueryPool> QueryPool::create_timestamps(const Device& device, uint32_t count) {
  VkQueryPoolCreateInfo info{VK_STRUCTURE_TYPE_QUERY_POOL_CREATE_INFO};
  info.queryType = VK_QUERY_TYPE_TIMESTAMP;
  info.queryCount = count;
  VkQueryPool pool = VK_NULL_HANDLE;
  XUN_VK_TRY(vkCreateQueryPool(device.handle(), &info, nullptr, &pool));
  return QueryPool(device.handle(), pool);
}

Result<void> submit_and_wait(const Device& device, VkCommandBuffer commands, VkFence fence) {
  VkSubmitInfo submit{VK_STRUCTURE_TYPE_SUBMIT_INFO};
  submit.commandBufferCount = 1;
  submit.pCommandBuffers = &commands;
  {
    std::lock_guard lock(device.queue_mutex());
    XUN_VK_TRY(vkQueueSubmit(device.queue(), 1, &submit, fence));
  }
  XUN_VK_TRY(vkWaitForFences(device.handle(), 1, &fence, VK_TRUE, UINT64_MAX));
  XUN_VK_TRY(vkResetFences(device.handle(), 1, &fence));
  return {};
}

}  // namespace xun::vk
