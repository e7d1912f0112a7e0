// The engine's compute shaders, compiled to SPIR-V at build time and embedded in the binary.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace xun::shaders {

struct Shader {
  std::string_view name;  // file stem plus variant suffix, e.g. "matmul_f16"
  std::span<const uint32_t> words;
};

std::span<const Shader> all();
std::optional<std::span<const uint32_t>> find(std::string_view name);

}  // namespace xun::shaders
