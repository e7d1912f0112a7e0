#include "vk/open_device.h"

#include "vk/device_info.h"

namespace xun::vk {

Result<std::vector<DeviceInfo>> enumerate_devices(const Instance& instance) {
  auto physical = instance.physical_devices();
  if (!physical) return std::unexpected(physical.error());
  std::vector<DeviceInfo> devices;
  for (uint32_t i = 0; i < physical->size(); ++i) devices.push_back(describe_device((*physical)[i], i));
  return devices;
}

Result<std::shared_ptr<Device>> open_device(const EngineOptions& options) {
  auto instance = Instance::create(validation_requested(options));
  if (!instance) return std::unexpected(instance.error());
  auto physical = (*instance)->physical_devices();
  if (!physical) return std::unexpected(physical.error());
  auto devices = enumerate_devices(**instance);
  if (!devices) return std::unexpected(devices.error());
  if (devices->empty())
    return fail("no Vulkan device found: install a GPU driver, or Mesa's lavapipe to run on the CPU");

  uint32_t chosen = 0;
  if (options.device_index) {
    if (*options.device_index >= devices->size())
      return fail("no Vulkan device " + std::to_string(*options.device_index) + ": there are " +
                  std::to_string(devices->size()) + " (0 to " + std::to_string(devices->size() - 1) +
                  "; see `xun devices`)");
    chosen = *options.device_index;
  } else {
    chosen = *pick_best_device(*devices);
  }
  return Device::create(std::move(*instance), (*physical)[chosen], (*devices)[chosen]);
}

}  // namespace xun::vk
