#include "vk/one_time_commands.h"

#include "vk/check.h"
#include "vk/handles.h"

namespace xun::vk {

Result<void> run_one_time_commands(const Device& device, const std::function<void(VkCommandBuffer)>& record) {
  auto pool = CommandPool::create(device);
  if (!pool) return std::unexpected(pool.error());
  auto fence = Fence::create(device);
  if (!fence) return std::unexpected(fence.error());
  VkCommandBufferAllocateInfo allocate{VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO};
  allocate.commandPool = pool->handle();
  allocate.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
  allocate.commandBufferCount = 1;
  VkCommandBuffer commands = VK_NULL_HANDLE;
  XUN_VK_TRY(vkAllocateCommandBuffers(device.handle(), &allocate, &commands));

  VkCommandBufferBeginInfo begin{VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO};
  begin.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
  XUN_VK_TRY(vkBeginCommandBuffer(commands, &begin));
  record(commands);
  XUN_VK_TRY(vkEndCommandBuffer(commands));
  return submit_and_wait(device, commands, fence->handle());
}

}  // namespace xun::vk
