// What a physical device is and offers, and which one the engine picks by default.
#pragma once

#include <optional>
#include <span>
#include <vector>

#include <vulkan/vulkan.h>

#include "xun/engine.h"

namespace xun::vk {

DeviceInfo describe_device(VkInstance instance, VkPhysicalDevice device, uint32_t index);
bool has_device_extension(VkPhysicalDevice device, const char* name);


}  // namespace xun::vk
