// Creates the instance, enumerates devices and opens the chosen (or best) one.
#pragma once

#include <memory>
#include <vector>

#include "vk/device.h"
#include "xun/engine.h"

namespace xun::vk {

// The Vulkan devices of one instance, described.
struct VulkanDevices {
  std::shared_ptr<Instance> instance;
  std::vector<VkPhysicalDevice> physical;
  std::vector<DeviceInfo> infos;  // index i describes physical[i]
};

Result<VulkanDevices> find_devices(bool validation);
// Opens devices.infos[index] with the options' memory limit.
Result<std::shared_ptr<Device>> open_device(VulkanDevices devices, uint32_t index, const EngineOptions& options);
// For tests and xun-bench-kernels, which need a Vulkan device whatever the engine's default:
// options.device_index among the Vulkan devices (an error names the valid range), else the best
// one, software devices (lavapipe) included; the environment's switches apply as in
// Engine::create (XUN_VULKAN_VALIDATION, XUN_DEVICE_MEMORY_LIMIT, ...).
Result<std::shared_ptr<Device>> open_device(const EngineOptions& options);

}  // namespace xun::vk
