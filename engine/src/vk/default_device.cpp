// default_device (engine.h): which listed device the engine picks when none is named. Here,
// beside the enumeration, though it knows the CPU backend only as a DeviceInfo.
#include "xun/engine.h"

namespace xun {
namespace {

int preference(const DeviceInfo& device) {
  if (device.backend == Backend::cpu) return 3;
  switch (device.type) {
    case DeviceType::discrete_gpu: return 0;
    case DeviceType::integrated_gpu: return 1;
    case DeviceType::virtual_gpu: return 2;
    case DeviceType::cpu: return 4;  // a software Vulkan device: after the CPU backend
    case DeviceType::other: return 5;
  }
  return 5;
}

}  // namespace

std::optional<uint32_t> default_device(std::span<const DeviceInfo> devices) {
  const DeviceInfo* best = nullptr;
  for (const DeviceInfo& candidate : devices) {
    if (best == nullptr) {
      best = &candidate;
      continue;
    }
    const int a = preference(candidate), b = preference(*best);
    if (a < b || (a == b && candidate.device_local_bytes > best->device_local_bytes)) best = &candidate;
  }
  if (best == nullptr) return std::nullopt;
  return best->index;
}

}  // namespace xun
