#include "vk/open_device.h"

#include "vk/device_info.h"

namespace xun::vk {

Result<VulkanDevices> find_devices(bool validation) {
  VulkanDevices found;
  auto instance = Instance::create(validation);
  if (!instance) return std::unexpected(instance.error());
  auto physical = (*instance)->physical_devices();
  if (!physical) return std::unexpected(physical.error());
  found.instance = std::move(*instance);
  found.physical = std::move(*physical);
  for (uint32_t i = 0; i < found.physical.size(); ++i) found.infos.push_back(describe_device(found.instance->handle(), found.physical[i], i));
  return found;
}

Result<std::shared_ptr<Device>> open_device(VulkanDevices devices, uint32_t index, const EngineOptions& options) {
  auto device = Device::create(std::move(devices.instance), devices.physical[index], devices.infos[index]);
  if (device) (*device)->set_memory_limit(options.memory_limit);
  return device;
}

Result<std::shared_ptr<Device>> open_device(const EngineOptions& requested) {
  auto forced = with_environment(requested);
  if (!forced) return std::unexpected(forced.error());
  const EngineOptions& options = *forced;
  auto devices = find_devices(options.validation);
  if (!devices) return std::unexpected(devices.error());
  const auto count = static_cast<uint32_t>(devices->infos.size());
  if (count == 0) return fail("no Vulkan device found: install a GPU driver, or Mesa's lavapipe to run on the CPU");
  if (options.device_index && *options.device_index >= count)
    return fail("no Vulkan device " + std::to_string(*options.device_index) + ": there are " + std::to_string(count) +
                " (0 to " + std::to_string(count - 1) + "; see `xun devices`)");
  // The engine's default rule (default_device) among Vulkan devices only: lavapipe is taken
  // when it is all there is.
  const std::optional<uint32_t> best = default_device(devices->infos);
  const uint32_t chosen = best.value_or(0);
  return open_device(std::move(*devices), options.device_index.value_or(chosen), options);
}

}  // namespace xun::vk
