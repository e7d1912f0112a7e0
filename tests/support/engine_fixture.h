// One engine per test process (creating a Vulkan instance is slow on lavapipe), with the
// validation layer on when XUN_VULKAN_VALIDATION=1 (the CTest environment).
#pragma once

#include <string>
#include <vector>

#include "xun/engine.h"

namespace xun::test {

Engine& shared_engine();
// Validation messages since the last call; every engine test asserts this is empty.
std::vector<std::string> take_validation_messages();

}  // namespace xun::test
