// The Vulkan backend's Qwen3 forward pass (prefill only) over one packed batch, recorded into
// one command buffer and submitted once. Returns, per sequence, the final-norm hidden state of
// its last token and, when asked, the "yes"/"no" logits.
#pragma once

#include <memory>
#include <span>
#include <vector>

#include "model/model_files.h"
#include "forward/batch.h"
#include "forward/forward_pass.h"
#include "qwen3/kernels.h"
#include "qwen3/weights.h"
#include "vk/sequence.h"

namespace xun::qwen3 {

class VulkanForward final : public ForwardPass {
 public:
  // `files` must outlive the Forward (embedding rows are read from its mapped file).
  static Result<std::unique_ptr<VulkanForward>> create(std::shared_ptr<const vk::Device> device,
                                                 const model::ModelFiles& files, ModelWeights weights,
                                                 const KernelChoice& choice = {});

  ~VulkanForward() override;

  // The most tokens one batch may hold on this device (binding range and dispatch limits);
  // lowered when a batch's activations did not fit in the device's memory.
  uint32_t max_batch_tokens() const override { return max_batch_tokens_; }
  uint32_t token_limit() const override { return token_limit_; }
  bool has_head() const override { return weights_.yes_no_head.has_value(); }
  const ModelWeights& weights() const { return weights_; }

  // GPU time per kernel from timestamp queries, plus "forward": the host's wall time per batch.
  Result<void> set_profiling(bool enabled) override;
  std::map<std::string, OperationTime> operation_times() const override;
  void clear_operation_times() override;
  std::vector<std::string> execution_paths() const override;

  Result<ForwardResult> run(const PackedBatch& batch, bool with_head) override;

 private:
  struct Activations;
  VulkanForward(std::shared_ptr<const vk::Device> device, const model::ModelFiles& files, ModelWeights weights,
          Kernels kernels, vk::Sequence sequence);
  Result<void> reserve(uint32_t tokens, uint32_t outputs, uint32_t positions);
  Result<void> upload_inputs(const PackedBatch& batch);
  Result<void> record(const PackedBatch& batch, bool with_head);
  uint64_t matmul_scratch_bytes(uint64_t tokens) const;
  uint32_t widest_input() const;  // the largest inner dimension of any matmul
  struct TokenBuffer;
  std::vector<TokenBuffer> token_buffers(uint64_t tokens) const;  // each buffer with a row per token
  void release_token_buffers();

  std::shared_ptr<const vk::Device> device_;
  const model::ModelFiles& files_;
  ModelWeights weights_;
  Kernels kernels_;
  vk::Sequence sequence_;
  std::unique_ptr<Activations> activations_;
  uint32_t token_limit_ = 0;       // what the bindings and dispatch limits allow
  uint32_t max_batch_tokens_ = 0;  // what batches are planned at: lowered after running out of memory
  bool profiling_ = false;
  OperationTime forwards_;         // while profiling
};

}  // namespace xun::qwen3
