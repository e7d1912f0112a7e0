// xun-bench-kernels --backend cpu: the CPU backend's products and attention on the 0.6B
// model's shapes, beside the BLAS library's own sgemm on the same shapes with f32 matrices
// (what the backend's products are measured against: they convert the stored weights a panel
// at a time, the library's own run has them in f32 already).
#include "bench/bench_cpu_kernels.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "cpu/attention.h"
#include "cpu/blas.h"
#include "cpu/cpu_info.h"
#include "cpu/matmul.h"
#include "forward/batch.h"
#include "synth/random_weights.h"
#include "synth/tensor_encoding.h"

namespace xun::bench {
namespace {

template <class Work>
double median_ms(uint32_t repeats, Work&& work) {
  std::vector<double> times;
  for (uint32_t run = 0; run <= repeats; ++run) {  // the first run warms up
    const auto start = std::chrono::steady_clock::now();
    work();
    if (run > 0) times.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
  }
  std::sort(times.begin(), times.end());
  return times[times.size() / 2];
}

}  // namespace

void time_cpu_kernels(const CpuKernelBenchmark& options) {
  const uint32_t threads = options.threads.value_or(cpu::physical_cores());
  const uint32_t rows = options.rows;
  std::printf("CPU backend: %s, %u threads, %s\n", cpu::describe_cpu(0).name.c_str(), threads,
              cpu::blas_description().c_str());
  const struct { const char* name; uint32_t cols, inner; } shapes[] = {
      {"qkv", 4096, 1024}, {"attn_output", 1024, 2048}, {"gate_up", 6144, 1024}, {"down", 1024, 3072}};
  std::mt19937 generator(7);
  std::normal_distribution<float> normal(0.0f, 1.0f);
  std::vector<float> x(size_t{rows} * 3072), y(size_t{rows} * 6144);
  for (float& v : x) v = normal(generator);
  cpu::Matmul matmul(threads, 3072, false);

  // The library's own rate: sgemm on f32 matrices, on its own threads.
  double library_ms = 0, flop_all = 0;
  std::vector<std::vector<float>> f32_weights;
  for (const auto& shape : shapes) {
    std::vector<float>& w = f32_weights.emplace_back(size_t{shape.cols} * shape.inner);
    synth::fill_weights(w, 7, static_cast<uint32_t>(f32_weights.size()), synth::WeightKind::matrix);
    const double ms = median_ms(options.repeats, [&] {
      cpu::sgemm_nt(rows, shape.cols, shape.inner, 1.0f, x.data(), shape.inner, w.data(), shape.inner, false, y.data(),
                    shape.cols, threads);
    });
    const double flop = 2.0 * rows * shape.cols * shape.inner;
    library_ms += ms;
    flop_all += flop;
    std::printf("matmul library-sgemm f32   %-12s %5ux%5ux%5u  %9.2f ms  %8.2f GFLOP/s\n", shape.name, rows, shape.cols,
                shape.inner, ms, flop / ms / 1e6);
  }
  const double library_rate = flop_all / library_ms / 1e6;
  std::printf("matmul library-sgemm f32   %-12s %17s  %9.2f ms  %8.2f GFLOP/s\n", "all four", "", library_ms, library_rate);

  for (const model::DType dtype : options.dtypes) {
    const std::string type_name(model::to_string(dtype));
    double total_ms = 0;
    for (size_t s = 0; s < std::size(shapes); ++s) {
      const auto& shape = shapes[s];
      std::vector<std::byte> stored;
      synth::append_encoded(stored, f32_weights[s], dtype);
      model::TensorView view{"w", dtype, {shape.cols, shape.inner}, stored};
      const cpu::WeightRows parts[] = {{&view, 0, shape.cols}};
      const double ms = median_ms(options.repeats, [&] {
        matmul.multiply(x.data(), shape.inner, rows, parts, y.data(), shape.cols, false);
      });
      total_ms += ms;
      std::printf("matmul backend panels %-5s %-12s %5ux%5ux%5u  %9.2f ms  %8.2f GFLOP/s\n", type_name.c_str(),
                  shape.name, rows, shape.cols, shape.inner, ms, 2.0 * rows * shape.cols * shape.inner / ms / 1e6);
    }
    const double rate = flop_all / total_ms / 1e6;
    std::printf("matmul backend panels %-5s %-12s %17s  %9.2f ms  %8.2f GFLOP/s  (%.0f%% of the library's sgemm)\n",
                type_name.c_str(), "all four", "", total_ms, rate, 100 * rate / library_rate);
  }

  // Attention: one 512-token sequence, 16 query heads and 8 KV heads of 128 (0.6B).
  const cpu::AttentionShape shape{16, 8, 128};
  const std::vector<int32_t> tokens(512, 1);
  const qwen3::PackedBatch batch = qwen3::pack(std::vector<std::vector<int32_t>>{tokens});
  std::vector<float> qkv(tokens.size() * shape.qkv_width()), out(tokens.size() * shape.q_heads * shape.head_dim);
  for (float& v : qkv) v = normal(generator);
  std::vector<uint32_t> queries(tokens.size());
  for (uint32_t i = 0; i < queries.size(); ++i) queries[i] = i;
  cpu::Attention attention(threads, false);
  const double ms = median_ms(options.repeats, [&] { attention.run(qkv.data(), batch, queries, shape, out.data()); });
  // Causal: about half of the 512 x 512 scores, two products of head size each.
  const double flop = 4.0 * shape.q_heads * shape.head_dim * 512.0 * 513.0 / 2;
  std::printf("attention cpu blocks  512 tokens, 16/8 heads of 128  %9.2f ms  %8.2f GFLOP/s\n", ms, flop / ms / 1e6);
}

}  // namespace xun::bench
