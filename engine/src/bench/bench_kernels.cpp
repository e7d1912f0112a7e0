// xun-bench-kernels: times the forward pass's matmul and attention kernels alone, on the
// 0.6B model's shapes (or any), with random data, and prints milliseconds and GFLOP/s per
// kernel variant. It answers "which kernel is faster on this device" without a whole model:
// the numbers behind the defaults in qwen3/kernels.cpp and cpu/.
//
//   xun-bench-kernels [--device N] [--rows N] [--repeats N]
//                     [--matmul tiled|lanes|coopmat|coopmat-emulated] [--tile 64|128] [--f16-tiles on|off]
//                     [--coopmat-tile small|medium|large]
//                     [--attention workgroup|rows|lanes|flash|flash-coopmat|flash-coopmat-emulated]
//                     [--type f16|q8_0|bf16|f32]
// Without --matmul: tiled, lanes and (where the device has matrix units) coopmat.
//   xun-bench-kernels --backend cpu [--threads N] [--rows N] [--repeats N] [--type ...]
#include <algorithm>
#include <cmath>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "bench/bench_cpu_kernels.h"
#include "forward/host_tensor.h"
#include "qwen3/kernels.h"
#include "qwen3/ops.h"
#include "synth/random_weights.h"
#include "synth/tensor_encoding.h"
#include "vk/open_device.h"
#include "vk/sequence.h"

using namespace xun;

namespace {

struct Options {
  bool cpu = false;                 // --backend cpu: the CPU backend's kernels instead
  std::optional<uint32_t> threads;
  std::optional<uint32_t> device;
  uint32_t rows = 512;
  uint32_t repeats = 3;
  std::vector<qwen3::MatmulKernel> matmuls = {qwen3::MatmulKernel::tiled, qwen3::MatmulKernel::lanes,
                                              qwen3::MatmulKernel::coopmat};
  std::vector<std::string> dtypes = {"f16", "q8_0", "bf16", "f32"};
  std::optional<uint32_t> tile;  // the tiled matmul's; unset: the device's choice
  std::optional<bool> f16_tiles;  // the tiled matmul's; unset: the device's choice
  std::optional<qwen3::TileSize> coopmat_tile;  // unset: by each product's shape
  std::vector<qwen3::AttentionKernel> attentions = {qwen3::AttentionKernel::workgroup, qwen3::AttentionKernel::rows,
                                                    qwen3::AttentionKernel::lanes, qwen3::AttentionKernel::flash,
                                                    qwen3::AttentionKernel::flash_coopmat};
};

[[noreturn]] void usage(const char* problem) {
  std::fprintf(stderr, "xun-bench-kernels: %s\nusage: xun-bench-kernels [--device N] [--rows N] [--repeats N] "
                       "[--matmul tiled|lanes|coopmat|coopmat-emulated] [--tile 64|128] [--f16-tiles on|off] [--coopmat-tile small|medium|large]\n"
                       "                         [--attention workgroup|rows|lanes|flash|flash-coopmat|flash-coopmat-emulated] [--type f16|q8_0|bf16|f32]\n"
                       "       xun-bench-kernels --backend cpu [--threads N] [--rows N] [--repeats N] [--type ...]\n", problem);
  std::exit(2);
}

Options parse(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    if (i + 1 >= argc) usage(("missing value after " + flag).c_str());
    const std::string value = argv[++i];
    if (flag == "--backend") {
      if (value != "cpu" && value != "vulkan") usage("--backend takes cpu or vulkan");
      options.cpu = value == "cpu";
    } else if (flag == "--threads") options.threads = std::max<uint32_t>(1, static_cast<uint32_t>(std::stoul(value)));
    else if (flag == "--device") options.device = static_cast<uint32_t>(std::stoul(value));
    else if (flag == "--rows") options.rows = static_cast<uint32_t>(std::stoul(value));
    else if (flag == "--repeats") options.repeats = std::max<uint32_t>(1, static_cast<uint32_t>(std::stoul(value)));
    else if (flag == "--matmul") {
      auto kernel = qwen3::parse_matmul_kernel(value);
      if (!kernel) usage("--matmul takes tiled, lanes, coopmat or coopmat-emulated");
      options.matmuls = {*kernel};
    } else if (flag == "--attention") {
      auto kernel = qwen3::parse_attention_kernel(value);
      if (!kernel) usage("--attention takes workgroup, rows, lanes, flash, flash-coopmat or flash-coopmat-emulated");
      options.attentions = {*kernel};
    } else if (flag == "--tile") {
      if (value != "64" && value != "128") usage("--tile takes 64 or 128");
      options.tile = static_cast<uint32_t>(std::stoul(value));
    } else if (flag == "--f16-tiles") {
      if (value != "on" && value != "off") usage("--f16-tiles takes on or off");
      options.f16_tiles = value == "on";
    } else if (flag == "--coopmat-tile") {
      const qwen3::TileSize sizes[] = {qwen3::TileSize::small, qwen3::TileSize::medium, qwen3::TileSize::large};
      for (qwen3::TileSize size : sizes)
        if (value == qwen3::to_string(size)) options.coopmat_tile = size;
      if (!options.coopmat_tile) usage("--coopmat-tile takes small, medium or large");
    } else if (flag == "--type") options.dtypes = {value};
    else usage(("unknown option " + flag).c_str());
  }
  return options;
}

model::DType dtype_named(const std::string& name) {
  if (name == "f32") return model::DType::f32;
  if (name == "f16") return model::DType::f16;
  if (name == "bf16") return model::DType::bf16;
  if (name == "q8_0") return model::DType::q8_0;
  usage(("unknown type " + name).c_str());
}

// Random weights (the synthetic models' values) stored as `dtype`, then repacked for the GPU.
std::vector<std::byte> random_weights(model::DType dtype, uint32_t rows, uint32_t cols, uint32_t tensor_index) {
  std::vector<float> values(size_t{rows} * cols);
  synth::fill_weights(values, 7, tensor_index, synth::WeightKind::matrix);
  std::vector<std::byte> stored;
  synth::append_encoded(stored, values, dtype);
  model::TensorView view;
  view.dtype = dtype;
  view.shape = {rows, cols};
  view.bytes = stored;
  std::vector<std::byte> gpu;
  qwen3::append_gpu_rows(view, 0, rows, gpu);
  return gpu;
}

template <class T>
T check(Result<T> result) {
  if (!result) {
    std::fprintf(stderr, "xun-bench-kernels: %s\n", result.error().message.c_str());
    std::exit(1);
  }
  if constexpr (!std::is_void_v<T>) return std::move(*result);
}

// The median wall time of `repeats` submissions of what `record` records, after one to warm up.
template <class Record>
double median_ms(vk::Sequence& sequence, uint32_t repeats, Record&& record) {
  std::vector<double> times;
  for (uint32_t run = 0; run <= repeats; ++run) {
    check(sequence.begin());
    const auto start = std::chrono::steady_clock::now();
    check(record());
    check(sequence.submit_and_wait());
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    if (run > 0) times.push_back(ms);
  }
  std::sort(times.begin(), times.end());
  return times[times.size() / 2];
}

// Causal attention over the 0.6B model's heads (16 query heads, 8 KV heads of 128) for packed
// sequences of 512 tokens, every token a query, with each attention kernel.
void time_attention(const std::shared_ptr<vk::Device>& device, vk::Sequence& sequence, const Options& options,
                    std::mt19937& generator) {
  const uint32_t q_heads = 16, kv_heads = 8, head_dim = 128, length = 512;
  const uint32_t tokens = std::max(length, options.rows / length * length);
  const uint32_t stride = (q_heads + 2 * kv_heads) * head_dim;
  std::vector<uint32_t> starts(tokens), prefixes(2 * size_t{tokens}, 0), queries(tokens);
  for (uint32_t t = 0; t < tokens; ++t) {
    starts[t] = t / length * length;
    queries[t] = t;
  }
  std::normal_distribution<float> normal(0.0f, 1.0f);
  std::vector<float> qkv(size_t{tokens} * stride);
  for (float& v : qkv) v = normal(generator);
  auto buffer_with = [&](std::span<const std::byte> bytes) {
    auto buffer = check(vk::Buffer::create(device, bytes.size(), vk::MemoryUse::device));
    check(vk::upload_bytes(device, buffer, 0, bytes));
    return buffer;
  };
  const vk::Buffer qkv_buffer = buffer_with(std::as_bytes(std::span(qkv)));
  const vk::Buffer start_buffer = buffer_with(std::as_bytes(std::span(starts)));
  const vk::Buffer prefix_buffer = buffer_with(std::as_bytes(std::span(prefixes)));
  const vk::Buffer query_buffer = buffer_with(std::as_bytes(std::span(queries)));
  auto out = check(vk::Buffer::create(device, uint64_t{tokens} * q_heads * head_dim * 4, vk::MemoryUse::device));
  const shaders::AttentionPush push{tokens, q_heads, kv_heads, head_dim, stride, 1.0f / std::sqrt(float(head_dim))};
  // Scores and weighted values: 2 * 2 * head_dim flops per (query head, query, key) pair.
  const double flop = 4.0 * head_dim * q_heads * (tokens / length) * (length * (length + 1.0) / 2);
  for (auto kernel : options.attentions) {
    auto kernels = qwen3::Kernels::create(*device, {head_dim, q_heads / kv_heads}, {.attention = kernel});
    if (!kernels) {
      std::printf("attention %-13s skipped: %s\n", qwen3::to_string(kernel), kernels.error().message.c_str());
      continue;
    }
    const double median = median_ms(sequence, options.repeats, [&] {
      return qwen3::ops::attention(sequence, *kernels, qkv_buffer, start_buffer, prefix_buffer, query_buffer, out, push);
    });
    std::printf("attention %-13s %u sequences of %u tokens, 16/8 heads of 128  %9.2f ms  %8.2f GFLOP/s\n",
                qwen3::to_string(kernel), tokens / length, length, median, flop / median / 1e6);
  }
}

}  // namespace

int main(int argc, char** argv) {
  const Options options = parse(argc, argv);
  if (options.cpu) {
    bench::CpuKernelBenchmark cpu{.rows = options.rows, .repeats = options.repeats, .threads = options.threads, .dtypes = {}};
    for (const std::string& name : options.dtypes) cpu.dtypes.push_back(dtype_named(name));
    bench::time_cpu_kernels(cpu);
    return 0;
  }
  EngineOptions engine_options;
  engine_options.device_index = options.device;
  auto device = check(vk::open_device(engine_options));
  std::printf("device: %s (%s), subgroup size %u\n", device->info().name.c_str(), device->info().driver.c_str(),
              device->info().features.subgroup_size);
  auto sequence = check(vk::Sequence::create(device));
  std::mt19937 generator(7);

  // The 0.6B model's four projections: (output features, input features).
  const struct { const char* name; uint32_t cols, inner; } shapes[] = {
      {"qkv", 4096, 1024}, {"attn_output", 1024, 2048}, {"gate_up", 6144, 1024}, {"down", 1024, 3072}};
  const uint32_t rows = options.rows;
  auto x = check(vk::Buffer::create(device, uint64_t{rows} * 3072 * 4, vk::MemoryUse::device));
  auto y = check(vk::Buffer::create(device, uint64_t{rows} * 6144 * 4, vk::MemoryUse::device));
  {
    std::normal_distribution<float> normal(0.0f, 1.0f);
    std::vector<float> values(size_t{rows} * 3072);
    for (float& v : values) v = normal(generator);
    check(vk::upload_bytes(device, x, 0, std::as_bytes(std::span(values))));
  }
  auto scratch = check(vk::Buffer::create(device, qwen3::ops::quantized_bytes(rows, 3072), vk::MemoryUse::device));
  for (const std::string& type_name : options.dtypes) {
    const model::DType dtype = dtype_named(type_name);
    // Each matmul kernel asked for; for Q8_0 also the integer-dot path (activations quantised
    // to 8 bits, timed with the quantisation) where the device has the instructions.
    std::vector<std::pair<std::string, qwen3::KernelChoice>> variants;
    for (qwen3::MatmulKernel matmul : options.matmuls)
      variants.push_back({qwen3::to_string(matmul), {.matmul = matmul,
                                                     .matmul_tile = options.tile,
                                                     .matmul_f16_tiles = options.f16_tiles,
                                                     .coopmat_tile = options.coopmat_tile,
                                                     .integer_dot = false}});
    if (dtype == model::DType::q8_0 && device->info().features.integer_dot_product_supported)
      variants.push_back({"int-dot", {.matmul = qwen3::MatmulKernel::tiled, .integer_dot = true}});
    for (auto& [label, choice] : variants) {
      auto created = qwen3::Kernels::create(*device, {128, 2}, choice);
      if (!created) {
        std::printf("matmul %-7s skipped: %s\n", label.c_str(), created.error().message.c_str());
        continue;
      }
      const qwen3::Kernels& kernels = *created;
      std::string name = label == "tiled" ? "tiled" + std::to_string(kernels.matmul_tile) : label;
      if (label == "tiled" && kernels.matmul_f16_tiles) name += "-f16";
      if (kernels.coop_tile) name += std::string("-") + qwen3::to_string(*kernels.coop_tile);
      double total_ms = 0, total_flop = 0;
      uint32_t tensor_index = 0;
      for (const auto& shape : shapes) {
        const std::vector<std::byte> bytes = random_weights(dtype, shape.cols, shape.inner, tensor_index++);
        auto buffer = check(vk::Buffer::create(device, bytes.size(), vk::MemoryUse::device));
        check(vk::upload_bytes(device, buffer, 0, bytes));
        const qwen3::GpuMatrix w{std::move(buffer), dtype, shape.cols, shape.inner};
        const double median = median_ms(sequence, options.repeats, [&] {
          return qwen3::ops::matmul(sequence, kernels, x, w, y, rows, false, shape.cols, 0, &scratch);
        });
        const double flop = 2.0 * rows * shape.cols * shape.inner;
        total_ms += median;
        total_flop += flop;
        std::printf("matmul %-7s %-5s %-12s %5ux%5ux%5u  %9.2f ms  %8.2f GFLOP/s\n", name.c_str(),
                    type_name.c_str(), shape.name, rows, shape.cols, shape.inner, median, flop / median / 1e6);
      }
      std::printf("matmul %-7s %-5s %-12s %27s  %9.2f ms  %8.2f GFLOP/s\n", name.c_str(), type_name.c_str(),
                  "all four", "", total_ms, total_flop / total_ms / 1e6);
    }
  }
  time_attention(device, sequence, options, generator);
  const auto messages = device->instance().validation_messages();
  for (const std::string& message : messages) std::fprintf(stderr, "validation: %s\n", message.c_str());
  return messages.empty() ? 0 : 1;
}
