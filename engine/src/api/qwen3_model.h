// The public Model: prompts, tokenization, context limits and batching around the forward pass
// of either backend, once for both.
#pragma once

#include <functional>
#include <memory>
#include <mutex>

#include "forward/forward_pass.h"
#include "model/model_files.h"
#include "tokenizer/bpe_tokenizer.h"
#include "xun/engine.h"

namespace xun {

class Qwen3Model final : public Model {
 public:
  // Makes the backend's forward pass for opened model files (kept alive by the model) and the
  // ids of the reranker's "yes" and "no" tokens (-1 where the vocabulary lacks them).
  using ForwardFactory = std::function<Result<std::unique_ptr<qwen3::ForwardPass>>(
      const model::ModelFiles& files, int32_t yes_id, int32_t no_id)>;
  // `compute_lock` serialises this model's forward passes, and those of every model given the
  // same lock (the CPU backend's models share the processor).
  static Result<std::unique_ptr<Model>> load(const std::filesystem::path& path, const ForwardFactory& make_forward,
                                             std::shared_ptr<std::mutex> compute_lock);

  const ModelInfo& info() const override { return info_; }
  const Tokenizer& tokenizer() const override { return *tokenizer_; }
  Result<std::vector<std::vector<float>>> embed(std::span<const EmbedRequest> requests,
                                                const EmbedOptions& options) override;
  Result<std::vector<RerankScore>> rerank(std::span<const RerankRequest> requests,
                                          const RerankOptions& options) override;
  Result<std::vector<std::vector<float>>> embed_ids(std::span<const std::vector<int32_t>> sequences,
                                                    std::optional<uint32_t> dimension) override;
  Result<std::vector<RerankScore>> score_ids(std::span<const std::vector<int32_t>> sequences) override;
  Result<void> set_profiling(bool enabled) override;
  std::vector<KernelTiming> kernel_timings() const override;
  void clear_kernel_timings() override;
  std::vector<std::string> execution_paths() const override;

 private:
  Qwen3Model() = default;
  Result<std::vector<int32_t>> encode(std::string_view text, size_t input_index) const;
  // Runs the forward pass over any number of sequences, batch by batch, in input order.
  Result<qwen3::ForwardResult> run(std::span<const std::vector<int32_t>> sequences, bool with_head);
  // The same for continuations of one shared prefix (computed once per batch); the caller has
  // checked them with check_sequence.
  Result<qwen3::ForwardResult> run_in_batches(std::span<const std::vector<int32_t>> sequences,
                                              std::span<const int32_t> prefix, bool with_head);
  Result<qwen3::ForwardResult> run_shared(std::span<const int32_t> prefix,
                                          std::span<const std::vector<int32_t>> continuations, bool with_head);
  Result<std::vector<RerankScore>> rerank_sharing_prefixes(std::span<const RerankRequest> requests,
                                                           const RerankOptions& options);
  Result<std::vector<RerankScore>> scores_from_logits(std::span<const float> logits) const;
  // A sequence (after a shared prefix, if any) must be non-empty, fit the context and hold
  // known ids; errors name the caller's input number.
  Result<void> check_sequence(std::span<const int32_t> prefix, std::span<const int32_t> sequence,
                              size_t input_index) const;

  std::unique_ptr<model::ModelFiles> files_;  // heap-held: the forward pass keeps a reference
  std::unique_ptr<tok::BpeTokenizer> tokenizer_;
  std::unique_ptr<qwen3::ForwardPass> forward_;
  std::shared_ptr<std::mutex> forward_mutex_;  // guards forward_
  ModelInfo info_;
  int32_t end_of_text_id_ = -1;
  std::vector<int32_t> reranker_prefix_ids_;
  std::vector<int32_t> reranker_suffix_ids_;
};

}  // namespace xun
