// The environment variables that force engine options (the table in engine.h and the README),
// read in this one place. A value the engine does not know is an error naming the variable:
// a misspelt switch must not silently measure the defaults.
#include <charconv>
#include <cstdlib>
#include <string>

#include "xun/engine.h"

namespace xun {
namespace {

struct Variable {
  const char* name;
  std::string value;
};

std::optional<Variable> variable(const char* name) {
  const char* value = std::getenv(name);
  if (value == nullptr || *value == '\0') return std::nullopt;
  return Variable{name, value};
}

Error unknown(const Variable& v, const std::string& expected) {
  return Error{"environment variable " + std::string(v.name) + "=" + v.value + ": unknown value (expected " +
               expected + ")"};
}

Result<uint64_t> number(const Variable& v, uint64_t least) {
  uint64_t parsed = 0;
  const auto [end, error] = std::from_chars(v.value.data(), v.value.data() + v.value.size(), parsed);
  if (error != std::errc() || end != v.value.data() + v.value.size() || parsed < least)
    return std::unexpected(unknown(v, "a whole number of at least " + std::to_string(least)));
  return parsed;
}

// Sets `target` from the variable's value among (spelling, value) pairs.
template <class T, size_t N>
Result<void> choose(const char* name, std::optional<T>& target, const std::pair<const char*, T> (&choices)[N]) {
  const auto v = variable(name);
  if (!v) return {};
  std::string expected;
  for (const auto& [spelling, value] : choices) {
    if (v->value == spelling) {
      target = value;
      return {};
    }
    expected += (expected.empty() ? "" : "|") + std::string(spelling);
  }
  return std::unexpected(unknown(*v, expected));
}

}  // namespace

Result<EngineOptions> with_environment(EngineOptions options) {
  if (const auto v = variable("XUN_VULKAN_VALIDATION")) {
    if (v->value != "0" && v->value != "1") return std::unexpected(unknown(*v, "0|1"));
    options.validation = options.validation || v->value == "1";
  }
  for (auto [name, target, least] : {std::tuple{"XUN_DEVICE_MEMORY_LIMIT", &options.memory_limit, uint64_t{1}},
                                     std::tuple{"XUN_MAX_BINDING_BYTES", &options.vulkan.max_binding_bytes, uint64_t{1}}}) {
    if (const auto v = variable(name)) {
      auto parsed = number(*v, least);
      if (!parsed) return std::unexpected(parsed.error());
      *target = *parsed;
    }
  }
  for (auto [name, target] : {std::pair{"XUN_DEVICE", &options.device_index}, std::pair{"XUN_THREADS", &options.cpu.threads}}) {
    if (const auto v = variable(name)) {
      auto parsed = number(*v, name == std::string("XUN_THREADS") ? 1 : 0);
      if (!parsed || *parsed > 1u << 16) return std::unexpected(unknown(*v, "a device number or thread count"));
      *target = static_cast<uint32_t>(*parsed);
    }
  }
  if (const auto v = variable("XUN_SPLIT_K")) {
    auto parsed = number(*v, 1);
    if (!parsed || *parsed > 64) return std::unexpected(unknown(*v, "a number of slices from 1 to 64"));
    options.vulkan.split_k = static_cast<uint32_t>(*parsed);
  }
  std::optional<CpuKernels> cpu_kernels;
  const std::pair<const char*, CpuKernels> cpu_choices[] = {{"fast", CpuKernels::fast}, {"reference", CpuKernels::reference}};
  if (auto chosen = choose("XUN_CPU_KERNELS", cpu_kernels, cpu_choices); !chosen) return std::unexpected(chosen.error());
  if (cpu_kernels) options.cpu.kernels = *cpu_kernels;

  const std::pair<const char*, VulkanNorms> norms[] = {{"workgroup", VulkanNorms::workgroup}, {"per-row", VulkanNorms::per_row}};
  const std::pair<const char*, VulkanMatmul> matmuls[] = {{"tiled", VulkanMatmul::tiled},
                                                          {"lanes", VulkanMatmul::lanes},
                                                          {"coopmat", VulkanMatmul::coopmat},
                                                          {"coopmat-emulated", VulkanMatmul::coopmat_emulated}};
  const std::pair<const char*, uint32_t> tiles[] = {{"64", 64u}, {"128", 128u}};
  const std::pair<const char*, VulkanTileSize> coopmat_tiles[] = {
      {"small", VulkanTileSize::small}, {"medium", VulkanTileSize::medium}, {"large", VulkanTileSize::large}};
  const std::pair<const char*, VulkanAttention> attentions[] = {
      {"workgroup", VulkanAttention::workgroup},
      {"rows", VulkanAttention::rows},
      {"lanes", VulkanAttention::lanes},
      {"flash", VulkanAttention::flash},
      {"flash-coopmat", VulkanAttention::flash_coopmat},
      {"flash-coopmat-emulated", VulkanAttention::flash_coopmat_emulated}};
  const std::pair<const char*, bool> switches[] = {{"on", true}, {"off", false}};
  VulkanKernelOptions& k = options.vulkan;
  for (const Result<void>& chosen :
       {choose("XUN_KERNELS", k.norms, norms), choose("XUN_MATMUL", k.matmul, matmuls),
        choose("XUN_MATMUL_TILE", k.matmul_tile, tiles), choose("XUN_MATMUL_F16_TILES", k.matmul_f16_tiles, switches),
        choose("XUN_COOPMAT_TILE", k.coopmat_tile, coopmat_tiles),
        choose("XUN_ATTENTION", k.attention, attentions),
        choose("XUN_INTEGER_DOT", k.integer_dot, switches)})
    if (!chosen) return std::unexpected(chosen.error());
  return options;
}

}  // namespace xun
