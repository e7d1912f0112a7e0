// The native CPU backend's Qwen3 forward pass (prefill only) over one packed batch: BLIS
// products on weight panels converted from their stored type, blocked attention, vectorised
// norms, RoPE and SwiGLU, all on the engine's threads. Activations live in buffers that grow to
// the largest batch and are reused by every layer and batch.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

#include "cpu/attention.h"
#include "cpu/cpu_weights.h"
#include "cpu/matmul.h"
#include "cpu/memory_account.h"
#include "forward/forward_pass.h"
#include "model/model_files.h"

namespace xun::cpu {

struct CpuForwardOptions {
  uint32_t threads = 1;
  bool reference = false;        // the double-precision reference operations instead of BLIS
  std::string device_name;       // for messages
};

class CpuForward final : public qwen3::ForwardPass {
 public:
  // `files` must outlive the forward pass (the weights stay in its mapped files).
  static Result<std::unique_ptr<CpuForward>> create(const model::ModelFiles& files, int32_t yes_id, int32_t no_id,
                                                    const CpuForwardOptions& options,
                                                    std::shared_ptr<MemoryAccount> memory);
  ~CpuForward() override;

  uint32_t token_limit() const override { return token_limit_; }
  uint32_t max_batch_tokens() const override { return max_batch_tokens_; }
  bool has_head() const override { return weights_.yes_no_head.has_value(); }
  Result<qwen3::ForwardResult> run(const qwen3::PackedBatch& batch, bool with_head) override;
  Result<void> set_profiling(bool enabled) override;
  std::map<std::string, qwen3::OperationTime> operation_times() const override { return times_; }
  void clear_operation_times() override { times_.clear(); }
  std::vector<std::string> execution_paths() const override;

 private:
  struct Activations;
  CpuForward(const model::ModelFiles& files, CpuWeights weights, const CpuForwardOptions& options,
             std::shared_ptr<MemoryAccount> memory);
  Result<void> reserve(uint32_t tokens, uint32_t sequences, uint32_t positions);
  void forward(const qwen3::PackedBatch& batch);
  // Runs one operation, adding its wall time under `name` while profiling.
  template <class Operation>
  void timed(std::string_view name, Operation&& operation);

  const model::ModelFiles& files_;
  CpuWeights weights_;
  CpuForwardOptions options_;
  std::shared_ptr<MemoryAccount> memory_;
  Matmul matmul_;
  Attention attention_;
  std::unique_ptr<Activations> activations_;
  uint32_t token_limit_ = 0;
  uint32_t max_batch_tokens_ = 0;
  uint64_t counted_scratch_ = 0;  // the products' panels, held in memory_
  bool profiling_ = false;
  std::map<std::string, qwen3::OperationTime> times_;
};

}  // namespace xun::cpu
