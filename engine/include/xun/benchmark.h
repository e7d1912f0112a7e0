// The engine benchmark: fixed, deterministic workloads timed on a loaded model.
#pragma once

#include <string>
#include <vector>

#include "xun/engine.h"

namespace xun {

struct BenchmarkOptions {
  uint32_t warmup = 1;       // untimed runs of each workload first
  uint32_t repeats = 5;      // timed runs; the report gives median, min and max
  // Fraction of the standard workload's document counts (64 embeddings, 100 rerank pairs);
  // < 1 keeps a CPU device's run short. Document lengths never change.
  double scale = 1.0;
};

struct Spread {
  double median = 0;
  double min = 0;
  double max = 0;
};

struct WorkloadResult {
  // "embed_512", "embed_mixed", "rerank_300", "rerank_300_no_prefix_sharing"
  std::string name;
  uint32_t items = 0;        // documents or pairs per run
  uint64_t tokens = 0;       // tokens per run (prompt formats included)
  Spread seconds;            // wall time per run
  Spread throughput;         // tokens/s for embedding, pairs/s for reranking
  std::string unit;          // "tokens/s" or "pairs/s"
};

struct BenchmarkReport {
  DeviceInfo device;
  ModelInfo model;
  BenchmarkOptions options;
  std::vector<WorkloadResult> workloads;
  // rerank_300 against rerank_300_no_prefix_sharing (the same pairs with
  // RerankOptions::share_prefix off): median pairs/s with sharing over median pairs/s without,
  // and the largest |score| difference between the two (the scores must agree, ~1e-6).
  double prefix_sharing_speedup = 0;
  double max_score_difference = 0;
  // Time per forward pass of the embed_512 workload, by kernel (GPU timestamps; wall time on
  // the CPU backend), "forward" being the whole pass.
  std::vector<KernelTiming> kernels_per_forward;
  uint32_t profiled_forwards = 0;
  uint64_t peak_device_bytes = 0;   // what the engine held: device memory, or the CPU's activations
  uint64_t peak_process_bytes = 0;  // peak resident memory of the whole process (mapped weights included)
  std::vector<std::string> execution_paths;
};

Result<BenchmarkReport> run_benchmark(Engine& engine, Model& model, const BenchmarkOptions& options);
std::string to_json(const BenchmarkReport& report);

}  // namespace xun
