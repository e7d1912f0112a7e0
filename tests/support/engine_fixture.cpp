#include "engine_fixture.h"

#include <cstdlib>
#include <memory>
#include <stdexcept>

namespace xun::test {
namespace {

// The best Vulkan device: the default rule applied to the Vulkan devices alone.
uint32_t vulkan_device() {
  auto devices = Engine::list_devices();
  if (!devices) throw std::runtime_error("cannot list devices: " + devices.error().message);
  std::vector<DeviceInfo> vulkan;
  for (const DeviceInfo& device : *devices)
    if (device.backend == Backend::vulkan) vulkan.push_back(device);
  if (vulkan.empty()) throw std::runtime_error("XUN_TEST_ENGINE asks for Vulkan, and no Vulkan device is listed");
  return *default_device(vulkan);
}

}  // namespace

EngineOptions engine_options() {
  const char* value = std::getenv("XUN_TEST_ENGINE");
  const std::string name = value ? value : "cpu";
  EngineOptions options;
  if (name == "cpu") return options;
  if (name == "cpu_reference") {
    options.cpu.kernels = CpuKernels::reference;
    return options;
  }
  if (!name.starts_with("vulkan")) throw std::runtime_error("XUN_TEST_ENGINE=" + name + ": unknown");
  options.device_index = vulkan_device();
  VulkanKernelOptions& k = options.vulkan;
  if (name == "vulkan") return options;
  if (name == "vulkan_cpu_paths") {
    k = {.norms = VulkanNorms::per_row, .matmul = VulkanMatmul::lanes, .attention = VulkanAttention::lanes,
         .integer_dot = false};
  } else if (name == "vulkan_gpu_paths") {
    k = {.norms = VulkanNorms::workgroup, .matmul = VulkanMatmul::tiled, .matmul_tile = 128,
         .attention = VulkanAttention::flash, .integer_dot = true};
  } else if (name == "vulkan_fallbacks") {
    k = {.norms = VulkanNorms::per_row, .matmul = VulkanMatmul::tiled, .matmul_tile = 64,
         .attention = VulkanAttention::rows, .integer_dot = false, .max_binding_bytes = 3000};
  } else if (name == "vulkan_coopmat_emulated") {
    k = {.norms = VulkanNorms::workgroup, .matmul = VulkanMatmul::coopmat_emulated,
         .attention = VulkanAttention::flash_coopmat_emulated, .integer_dot = false};
  } else if (name == "vulkan_coopmat") {
    k = {.norms = VulkanNorms::workgroup, .matmul = VulkanMatmul::coopmat, .attention = VulkanAttention::flash_coopmat,
         .integer_dot = false};
  } else {
    throw std::runtime_error("XUN_TEST_ENGINE=" + name + ": unknown");
  }
  return options;
}

namespace {
std::unique_ptr<Engine> shared;
}  // namespace

Engine& shared_engine() {
  if (!shared) {
    auto created = Engine::create(engine_options());
    if (!created) throw std::runtime_error("cannot create the engine: " + created.error().message);
    shared = std::move(*created);
  }
  return *shared;
}

void release_shared_engine() { shared.reset(); }

std::unique_ptr<Engine> engine_with_memory_limit(uint64_t memory_limit) {
  EngineOptions options = engine_options();
  options.memory_limit = memory_limit;
  auto created = Engine::create(options);
  if (!created) throw std::runtime_error("cannot create the engine: " + created.error().message);
  return std::move(*created);
}

std::vector<std::string> take_validation_messages() {
  static size_t seen = 0;
  const std::vector<std::string> all = shared_engine().validation_messages();
  std::vector<std::string> fresh;
  for (size_t i = seen; i < all.size(); ++i) fresh.push_back(all[i]);
  seen = all.size();
  return fresh;
}

}  // namespace xun::test
