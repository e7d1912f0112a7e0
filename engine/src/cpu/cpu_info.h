// The processor the CPU backend runs on, described as a device: name, cores, SIMD features and
// memory, read from the operating system (Linux: /proc/cpuinfo, sysfs).
#pragma once

#include "xun/engine.h"

namespace xun::cpu {

// The CPU backend's DeviceInfo at enumeration position `index`.
DeviceInfo describe_cpu(uint32_t index);
// Cores that are not SMT siblings: the default thread count (hyperthreads share the vector
// units that the products keep busy).
uint32_t physical_cores();

}  // namespace xun::cpu
