// Creates the instance, enumerates devices and opens the chosen (or best) one.
#pragma once

#include <memory>
#include <vector>

#include "vk/device.h"
#include "xun/engine.h"

namespace xun::vk {

Result<std::vector<DeviceInfo>> enumerate_devices(const Instance& instance);
// Honours options.device_index (an error names the valid range) and validation.
Result<std::shared_ptr<Device>> open_device(const EngineOptions& options);

}  // namespace xun::vk
