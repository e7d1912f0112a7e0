#include "cpu/cpu_info.h"

#include <unistd.h>

#include <fstream>
#include <set>
#include <string>
#include <thread>
#include <utility>

#include "cpu/blas.h"

namespace xun::cpu {
namespace {

std::string processor_name() {
  std::ifstream cpuinfo("/proc/cpuinfo");
  std::string line;
  while (std::getline(cpuinfo, line)) {
    // x86: "model name"; ARM: "Model" or nothing useful.
    if (line.starts_with("model name") || line.starts_with("Model")) {
      const size_t colon = line.find(':');
      if (colon != std::string::npos && colon + 2 <= line.size()) return line.substr(colon + 2);
    }
  }
  return "CPU";
}

std::string read_first_line(const std::string& path) {
  std::ifstream file(path);
  std::string line;
  std::getline(file, line);
  return line;
}

std::vector<std::string> simd_features() {
  std::vector<std::string> features;
#if defined(__x86_64__) && defined(__GNUC__)
  __builtin_cpu_init();
  // The ones that decide the kernels of the backend and of BLIS, oldest first.
  if (__builtin_cpu_supports("sse4.2")) features.push_back("sse4.2");
  if (__builtin_cpu_supports("avx")) features.push_back("avx");
  if (__builtin_cpu_supports("avx2")) features.push_back("avx2");
  if (__builtin_cpu_supports("fma")) features.push_back("fma");
  if (__builtin_cpu_supports("f16c")) features.push_back("f16c");
  if (__builtin_cpu_supports("avx512f")) features.push_back("avx512f");
  if (__builtin_cpu_supports("avx512bw")) features.push_back("avx512bw");
  if (__builtin_cpu_supports("avx512vnni")) features.push_back("avx512_vnni");
  if (__builtin_cpu_supports("avx512bf16")) features.push_back("avx512_bf16");
#elif defined(__aarch64__)
  features.push_back("neon");
#endif
  return features;
}

}  // namespace

uint32_t physical_cores() {
  std::set<std::pair<std::string, std::string>> cores;  // (package, core) pairs
  const long processors = sysconf(_SC_NPROCESSORS_ONLN);
  for (long i = 0; i < processors; ++i) {
    const std::string topology = "/sys/devices/system/cpu/cpu" + std::to_string(i) + "/topology/";
    const std::string package = read_first_line(topology + "physical_package_id");
    const std::string core = read_first_line(topology + "core_id");
    if (!core.empty()) cores.emplace(package, core);
  }
  if (!cores.empty()) return static_cast<uint32_t>(cores.size());
  return std::max(1u, std::thread::hardware_concurrency());
}

DeviceInfo describe_cpu(uint32_t index) {
  DeviceInfo info;
  info.index = index;
  info.backend = Backend::cpu;
  info.name = processor_name();
  info.type = DeviceType::cpu;
  info.driver = "Xun CPU backend, " + blas_description();
  const long pages = sysconf(_SC_PHYS_PAGES), page_size = sysconf(_SC_PAGESIZE);
  if (pages > 0 && page_size > 0) info.device_local_bytes = static_cast<uint64_t>(pages) * static_cast<uint64_t>(page_size);
  info.cpu.physical_cores = physical_cores();
  info.cpu.logical_processors = std::max(1u, std::thread::hardware_concurrency());
  info.cpu.simd = simd_features();
  return info;
}

}  // namespace xun::cpu
