// Records a few commands into a throw-away command buffer, submits them and waits.
#pragma once

#include <functional>

#include <vulkan/vulkan.h>

#include "vk/device.h"

namespace xun::vk {

Result<void> run_one_time_commands(const Device& device, const std::function<void(VkCommandBuffer)>& record);

}  // namespace xun::vk
