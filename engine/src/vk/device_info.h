// What a physical device is and offers, and which one the engine picks by default.
#pragma once

#include <optional>
#include <span>
#include <vector>

#include <vulkan/vulkan.h>

#include "xun/engine.h"

namespace xun::vk {

DeviceInfo describe_device(VkPhysicalDevice device, uint32_t index);
bool has_device_extension(VkPhysicalDevice device, const char* name);

// Discrete before integrated before virtual before CPU; among equals, more memory first.
std::optional<uint32_t> pick_best_device(std::span<const DeviceInfo> devices);

}  // namespace xun::vk
