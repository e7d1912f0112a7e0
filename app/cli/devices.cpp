// `xun devices [--json]`: the Vulkan devices and the CPU backend, with the engine's default marked.
#include <algorithm>
#include <array>
#include <iomanip>
#include <sstream>
#include <string>
#include <vector>

#include "commands.h"
#include "model_session.h"
#include "output.h"
#include "xun/engine.h"

namespace xun::cli {
namespace {

nlohmann::ordered_json device_object(const DeviceInfo& device, bool is_default) {
  const DeviceFeatures& features = device.features;
  nlohmann::ordered_json object = {
      {"index", device.index},
      {"backend", std::string(to_string(device.backend))},
      {"name", device.name},
      {"type", std::string(to_string(device.type))},
      {"driver", device.driver},
      {"api_version", device.api_version},
      {"memory_bytes", device.device_local_bytes},
      {"default", is_default},
  };
  if (device.backend == Backend::cpu) {
    object["cpu"] = {{"physical_cores", device.cpu.physical_cores},
                     {"logical_processors", device.cpu.logical_processors},
                     {"simd", device.cpu.simd}};
    return object;
  }
  object["features"] =
       {
           {"shader_float16", features.shader_float16},
           {"storage_16bit", features.storage_16bit},
           {"storage_8bit", features.storage_8bit},
           {"integer_dot_product", features.integer_dot_product},
           {"vulkan_memory_model", features.vulkan_memory_model},
           {"cooperative_matrix", features.cooperative_matrix},
           {"integer_dot_product_supported", features.integer_dot_product_supported},
           {"subgroup_arithmetic", features.subgroup_arithmetic},
           {"full_subgroups", features.full_subgroups},
           {"subgroup_size", features.subgroup_size},
           {"max_storage_buffer_range", features.max_storage_buffer_range},
           {"max_shared_memory", features.max_shared_memory},
           {"cooperative_matrix_shapes", [&] {
              nlohmann::ordered_json shapes = nlohmann::ordered_json::array();
              for (const CooperativeMatrixShape& s : features.cooperative_matrix_shapes)
                shapes.push_back({{"m", s.m}, {"n", s.n}, {"k", s.k}, {"a", s.a_type}, {"b", s.b_type},
                                  {"c", s.c_type}, {"result", s.result_type}, {"scope", s.scope},
                                  {"saturating", s.saturating}});
              return shapes;
            }()},
       };
  object["kernels"] = device.kernels;
  return object;
}

// What a person wants to know of the CPU backend: cores and vector units.
std::string cpu_summary(const DeviceInfo& device) {
  std::string summary = std::to_string(device.cpu.physical_cores) + " cores";
  for (const std::string& feature : device.cpu.simd)
    if (feature.starts_with("avx")) summary += " " + feature;
  return summary + "; " + device.driver;
}

std::string gibibytes(uint64_t bytes) {
  std::ostringstream out;
  out << std::fixed << std::setprecision(1) << bytes / double(1ull << 30) << " GiB";
  return out.str();
}

// A table for people: '*' marks the default device.
std::string device_table(const std::vector<DeviceInfo>& devices, uint32_t default_index) {
  using Row = std::array<std::string, 8>;  // mark, index, name, backend, type, memory, Vulkan, driver
  std::vector<Row> rows{{"", "#", "name", "backend", "type", "memory", "Vulkan", "driver"}};
  for (const DeviceInfo& device : devices) {
    const bool cpu = device.backend == Backend::cpu;
    rows.push_back({device.index == default_index ? "*" : "", std::to_string(device.index), device.name,
                    std::string(to_string(device.backend)), std::string(to_string(device.type)),
                    gibibytes(device.device_local_bytes), cpu ? "-" : device.api_version,
                    cpu ? cpu_summary(device) : device.driver});
  }
  std::array<size_t, 8> widths{};
  for (const Row& row : rows)
    for (size_t column = 0; column < row.size(); ++column)
      widths[column] = std::max(widths[column], row[column].size());
  std::ostringstream table;
  for (const Row& row : rows) {
    for (size_t column = 0; column + 1 < row.size(); ++column) {
      const bool numeric = column == 1 || column == 5;
      table << (numeric ? std::right : std::left) << std::setw(int(widths[column])) << row[column]
            << "  ";
    }
    table << row.back() << '\n';
  }
  // Under the table, each Vulkan device's kernels (for Qwen3-0.6B's heads).
  for (const DeviceInfo& device : devices) {
    if (device.kernels.empty()) continue;
    table << "\n" << device.index << ": " << device.name << ", kernels for Qwen3-0.6B's heads:\n";
    for (const std::string& line : device.kernels) table << "  " << line << '\n';
  }
  return table.str();
}

}  // namespace

int run_devices(const Arguments& arguments) {
  auto devices = Engine::list_devices();
  if (!devices) {
    print_error(devices.error().message);
    return kExitFailure;
  }
  // The default is whichever device the engine picks when none is named.
  auto engine = Engine::create(EngineOptions{});
  if (!engine) {
    print_error("cannot start the engine on the default device: " + engine.error().message);
    return kExitFailure;
  }
  const uint32_t default_index = (*engine)->device().index;

  Result<void> written;
  if (arguments.json) {
    std::vector<nlohmann::ordered_json> lines;
    for (const DeviceInfo& device : *devices)
      lines.push_back(device_object(device, device.index == default_index));
    written = write_json_lines(lines);
  } else {
    written = write_text(device_table(*devices, default_index));
  }
  if (!written) print_error(written.error().message);
  return finish_with_validation(**engine, written ? kExitOk : kExitFailure);
}

}  // namespace xun::cli
