// One engine per test process (creating a Vulkan instance is slow on lavapipe), with the
// validation layer on when XUN_VULKAN_VALIDATION=1 (the CTest environment).
//
// Which device and kernels: XUN_TEST_ENGINE, set by CTest for the suites that run on several,
// turned here into EngineOptions (the engine's own environment switches are for benchmarks):
//   cpu (or unset)     the default device: the CPU backend on a machine without a GPU
//   cpu_reference      the CPU backend's double-precision reference operations
//   vulkan             the best Vulkan device (lavapipe here) with its own kernel choices
//   vulkan_cpu_paths   per-row norms, lanes matmul, lanes attention, Q8_0 dequantised
//   vulkan_gpu_paths   workgroup norms, 128-tiled matmul, flash attention, integer dot
//   vulkan_fallbacks   per-row norms, 64-tiled matmul, rows attention, no integer dot, weight
//                      tables cut into parts of at most 3,000 bytes
//   vulkan_coopmat_emulated  workgroup norms, coopmat-emulated matmul, flash-coopmat-emulated
//                      attention (the matrix-unit kernels with plain code for their products)
//   vulkan_coopmat     the same with the real matrix operations (a device with
//                      VK_KHR_cooperative_matrix: Mesa 26's lavapipe in coop_fixtures_on_mesa26)
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "xun/engine.h"

namespace xun::test {

// The options XUN_TEST_ENGINE names (the device resolved to an index).
EngineOptions engine_options();
Engine& shared_engine();
// Destroys the shared engine now rather than among the static destructors at exit, which run
// after some Vulkan drivers' own exit handlers (Mesa 26's lavapipe then aborts).
void release_shared_engine();
// A new engine like the shared one, with `memory_limit` bytes of memory.
std::unique_ptr<Engine> engine_with_memory_limit(uint64_t memory_limit);
// Validation messages since the last call; every engine test asserts this is empty.
std::vector<std::string> take_validation_messages();

}  // namespace xun::test
