#include "api/qwen3_model.h"

#include <cmath>
#include <map>

#include "api/model_info.h"
#include "api/prompts.h"

namespace xun {
namespace {

std::string input_error(size_t index, const std::string& problem) {
  return "input " + std::to_string(index + 1) + ": " + problem;
}

// The first `dimension` values, scaled to unit length. A vector with a NaN or an infinity, or all
// zeros, has no direction: it is what corrupt weights compute, and stored in an index it would
// rank as garbage, so it is an error (naming the model and the input) rather than a result.
Result<std::vector<float>> normalized_prefix(std::span<const float> vector, size_t dimension,
                                             const std::filesystem::path& model, size_t index) {
  std::vector<float> out(vector.begin(), vector.begin() + static_cast<std::ptrdiff_t>(dimension));
  double norm = 0;
  for (float v : out) norm += static_cast<double>(v) * v;
  norm = std::sqrt(norm);
  if (!std::isfinite(norm))
    return fail(model.string() + ": " + input_error(index, "the model computed an embedding with NaN or infinite "
                                                           "values; its weights may be corrupt"));
  if (norm == 0)
    return fail(model.string() + ": " + input_error(index, "the model computed an all-zero embedding; its weights "
                                                           "may be corrupt"));
  for (float& v : out) v = static_cast<float>(v / norm);
  return out;
}

}  // namespace

Result<std::unique_ptr<Model>> Qwen3Model::load(const std::filesystem::path& path, const ForwardFactory& make_forward,
                                                std::shared_ptr<std::mutex> compute_lock) {
  std::unique_ptr<Qwen3Model> self(new Qwen3Model());
  self->forward_mutex_ = std::move(compute_lock);
  auto files = model::open_model(path);
  if (!files) return std::unexpected(files.error());
  self->files_ = std::make_unique<model::ModelFiles>(std::move(*files));
  const model::ModelFiles& f = *self->files_;
  if (auto supported = check_supported(f); !supported) return std::unexpected(supported.error());

  auto tokenizer = create_tokenizer(*self->files_);
  if (!tokenizer) return std::unexpected(tokenizer.error());
  self->tokenizer_ = std::move(*tokenizer);
  self->end_of_text_id_ = *self->tokenizer_->token_id(prompts::end_of_text);  // create_tokenizer checked
  const int32_t yes = self->tokenizer_->token_id(prompts::yes_token).value_or(-1);
  const int32_t no = self->tokenizer_->token_id(prompts::no_token).value_or(-1);
  for (auto [ids, text] : {std::pair{&self->reranker_prefix_ids_, prompts::reranker_prefix},
                           std::pair{&self->reranker_suffix_ids_, prompts::reranker_suffix}}) {
    auto encoded = self->tokenizer_->encode(text);
    if (!encoded) return std::unexpected(in_context(path.string(), encoded.error()));
    *ids = std::move(*encoded);
  }

  auto forward = make_forward(f, yes, no);
  if (!forward) return std::unexpected(in_context(path.string(), forward.error()));
  self->forward_ = std::move(*forward);

  self->info_ = describe_model(f);
  self->info_.max_context = std::min(self->info_.max_context, self->forward_->token_limit());
  return std::unique_ptr<Model>(std::move(self));
}

// What users and documents say, inside the prompts' plain-text part: no added token is matched
// there (a document holding "<|im_end|>" cannot close the reranker's template); the templates'
// own control tokens are encoded apart (load) and appended as ids.
Result<std::vector<int32_t>> Qwen3Model::encode(std::string_view text, size_t input_index) const {
  auto ids = tokenizer_->encode_text(text);
  if (!ids) return fail(input_error(input_index, ids.error().message));
  return ids;
}

Result<void> Qwen3Model::check_sequence(std::span<const int32_t> prefix, std::span<const int32_t> sequence,
                                        size_t input_index) const {
  const size_t length = prefix.size() + sequence.size();
  if (length == 0) return fail(input_error(input_index, "no tokens to compute"));
  if (length > info_.max_context)
    return fail(input_error(input_index, std::to_string(length) + " tokens is longer than the context of " +
                                             std::to_string(info_.max_context) +
                                             " tokens (ask for truncation to cut it)"));
  for (std::span<const int32_t> part : {prefix, sequence})
    for (int32_t id : part)
      if (id < 0 || static_cast<uint32_t>(id) >= info_.vocab_size)
        return fail(input_error(input_index, "token id " + std::to_string(id) + " is outside the vocabulary (0 to " +
                                                 std::to_string(info_.vocab_size - 1) + ")"));
  return {};
}

namespace {

std::vector<std::vector<int32_t>> members_of(std::span<const std::vector<int32_t>> sequences,
                                             const std::vector<size_t>& batch) {
  std::vector<std::vector<int32_t>> members;
  members.reserve(batch.size());
  for (size_t index : batch) members.push_back(sequences[index]);
  return members;
}

void append(qwen3::ForwardResult& all, const qwen3::ForwardResult& part) {
  all.hidden.insert(all.hidden.end(), part.hidden.begin(), part.hidden.end());
  all.logits.insert(all.logits.end(), part.logits.begin(), part.logits.end());
}

}  // namespace

Result<qwen3::ForwardResult> Qwen3Model::run(std::span<const std::vector<int32_t>> sequences, bool with_head) {
  for (size_t i = 0; i < sequences.size(); ++i)
    if (auto checked = check_sequence({}, sequences[i], i); !checked) return std::unexpected(checked.error());
  std::lock_guard lock(*forward_mutex_);
  return run_in_batches(sequences, {}, with_head);
}

Result<qwen3::ForwardResult> Qwen3Model::run_shared(std::span<const int32_t> prefix,
                                                    std::span<const std::vector<int32_t>> continuations,
                                                    bool with_head) {
  std::lock_guard lock(*forward_mutex_);
  return run_in_batches(continuations, prefix, with_head);
}

// Packs the sequences (each after `prefix`, when given) into batches of at most the forward
// pass's token limit. When the device has no room for a batch, the forward pass lowers the
// limit and the rest, from that batch on, is planned again in smaller batches.
Result<qwen3::ForwardResult> Qwen3Model::run_in_batches(std::span<const std::vector<int32_t>> sequences,
                                                        std::span<const int32_t> prefix, bool with_head) {
  auto plan = [&](size_t first) {
    const uint32_t limit = forward_->max_batch_tokens();
    const uint32_t budget = limit > prefix.size() ? limit - static_cast<uint32_t>(prefix.size()) : 1;
    std::vector<std::vector<size_t>> batches = qwen3::plan_batches(sequences.subspan(first), budget);
    for (auto& batch : batches)
      for (size_t& index : batch) index += first;
    return batches;
  };
  qwen3::ForwardResult all;
  std::vector<std::vector<size_t>> batches = plan(0);
  size_t b = 0;
  while (b < batches.size()) {
    const std::vector<std::vector<int32_t>> members = members_of(sequences, batches[b]);
    const uint32_t limit = forward_->max_batch_tokens();
    auto result = forward_->run(prefix.empty() ? qwen3::pack(members) : qwen3::pack_with_shared_prefix(prefix, members),
                                with_head);
    if (!result) {
      // Out of memory with more than one sequence: the limit went down; plan the rest again.
      const bool smaller = forward_->max_batch_tokens() < limit && batches[b].size() > 1;
      if (result.error().kind != ErrorKind::out_of_memory || !smaller) return std::unexpected(result.error());
      batches = plan(batches[b].front());
      b = 0;
      continue;
    }
    append(all, *result);
    ++b;
  }
  return all;
}

Result<std::vector<std::vector<float>>> Qwen3Model::embed_ids(std::span<const std::vector<int32_t>> sequences,
                                                              std::optional<uint32_t> dimension) {
  const uint32_t hidden = info_.hidden_size;
  const uint32_t wanted = dimension.value_or(hidden);
  if (dimension && (*dimension > hidden || *dimension < std::min<uint32_t>(32, hidden)))
    return fail("dimension " + std::to_string(*dimension) + " is outside 32.." + std::to_string(hidden) +
                " for this model (hidden size " + std::to_string(hidden) + ")");
  auto result = run(sequences, false);
  if (!result) return std::unexpected(result.error());
  std::vector<std::vector<float>> embeddings;
  embeddings.reserve(sequences.size());
  for (size_t i = 0; i < sequences.size(); ++i) {
    auto embedding = normalized_prefix(std::span(result->hidden).subspan(i * hidden, hidden), wanted, info_.path, i);
    if (!embedding) return std::unexpected(embedding.error());
    embeddings.push_back(std::move(*embedding));
  }
  return embeddings;
}

Result<std::vector<RerankScore>> Qwen3Model::score_ids(std::span<const std::vector<int32_t>> sequences) {
  if (!forward_->has_head())
    return fail(info_.path.string() + ": this model has no language-model head (lm_head or cls.output), so it "
                                      "cannot rerank; use a Qwen3-Reranker model");
  auto result = run(sequences, true);
  if (!result) return std::unexpected(result.error());
  return scores_from_logits(result->logits);
}

Result<std::vector<RerankScore>> Qwen3Model::scores_from_logits(std::span<const float> logits) const {
  std::vector<RerankScore> scores(logits.size() / 2);
  for (size_t i = 0; i < scores.size(); ++i) {
    RerankScore& score = scores[i];
    score.logit_yes = logits[2 * i];
    score.logit_no = logits[2 * i + 1];
    // A NaN or infinite logit makes a meaningless score (corrupt weights compute them).
    if (!std::isfinite(score.logit_yes) || !std::isfinite(score.logit_no))
      return fail(info_.path.string() + ": the model computed a NaN or infinite relevance logit; its weights "
                                        "may be corrupt");
    // softmax over (yes, no) = sigmoid(yes - no), computed in double so it stays exact near 0.5
    score.score = static_cast<float>(1.0 / (1.0 + std::exp(static_cast<double>(score.logit_no) - score.logit_yes)));
  }
  return scores;
}

Result<std::vector<std::vector<float>>> Qwen3Model::embed(std::span<const EmbedRequest> requests,
                                                          const EmbedOptions& options) {
  std::vector<std::vector<int32_t>> sequences;
  sequences.reserve(requests.size());
  for (size_t i = 0; i < requests.size(); ++i) {
    const EmbedRequest& request = requests[i];
    auto ids = request.instruction ? encode(prompts::embedding_query(*request.instruction, request.text), i)
                                   : encode(request.text, i);
    if (!ids) return std::unexpected(ids.error());
    if (options.truncate && ids->size() + 1 > info_.max_context) ids->resize(info_.max_context - 1);
    ids->push_back(end_of_text_id_);
    sequences.push_back(std::move(*ids));
  }
  return embed_ids(sequences, options.dimension);
}

Result<std::vector<RerankScore>> Qwen3Model::rerank_sharing_prefixes(std::span<const RerankRequest> requests,
                                                                     const RerankOptions& options) {
  if (!forward_->has_head())
    return fail(info_.path.string() + ": this model has no language-model head (lm_head or cls.output), so it "
                                      "cannot rerank; use a Qwen3-Reranker model");
  // Requests with the same instruction and query share one prefix, in order of first appearance.
  std::vector<std::vector<size_t>> groups;
  std::map<std::pair<std::string_view, std::string_view>, size_t> group_of;
  for (size_t i = 0; i < requests.size(); ++i) {
    const auto key = std::pair<std::string_view, std::string_view>(requests[i].instruction, requests[i].query);
    const auto [it, inserted] = group_of.try_emplace(key, groups.size());
    if (inserted) groups.emplace_back();
    groups[it->second].push_back(i);
  }
  std::vector<RerankScore> scores(requests.size());
  for (const std::vector<size_t>& group : groups) {
    const RerankRequest& first = requests[group.front()];
    auto head = encode(prompts::reranker_shared_head(first.instruction, first.query), group.front());
    if (!head) return std::unexpected(head.error());
    std::vector<int32_t> prefix = reranker_prefix_ids_;
    prefix.insert(prefix.end(), head->begin(), head->end());
    std::vector<std::vector<int32_t>> documents;
    for (size_t index : group) {
      auto document = encode(prompts::reranker_document_part(requests[index].document), index);
      if (!document) return std::unexpected(document.error());
      const size_t fixed = prefix.size() + reranker_suffix_ids_.size();
      if (options.truncate && document->size() + fixed > info_.max_context)
        document->resize(info_.max_context > fixed ? info_.max_context - fixed : 0);
      document->insert(document->end(), reranker_suffix_ids_.begin(), reranker_suffix_ids_.end());
      // Checked as the whole prompt it stands for, under the caller's input number.
      if (auto checked = check_sequence(prefix, *document, index); !checked) return std::unexpected(checked.error());
      documents.push_back(std::move(*document));
    }
    auto result = run_shared(prefix, documents, true);
    if (!result) return std::unexpected(result.error());
    auto group_scores = scores_from_logits(result->logits);
    if (!group_scores) return std::unexpected(group_scores.error());
    for (size_t j = 0; j < group.size(); ++j) scores[group[j]] = (*group_scores)[j];
  }
  return scores;
}

Result<std::vector<RerankScore>> Qwen3Model::rerank(std::span<const RerankRequest> requests,
                                                    const RerankOptions& options) {
  if (options.share_prefix) return rerank_sharing_prefixes(requests, options);
  const size_t fixed = reranker_prefix_ids_.size() + reranker_suffix_ids_.size();
  std::vector<std::vector<int32_t>> sequences;
  sequences.reserve(requests.size());
  for (size_t i = 0; i < requests.size(); ++i) {
    const RerankRequest& request = requests[i];
    auto middle = encode(prompts::reranker_middle(request.instruction, request.query, request.document), i);
    if (!middle) return std::unexpected(middle.error());
    // Like the official code, a long pair is cut at the end of the middle part (the document).
    if (options.truncate && middle->size() + fixed > info_.max_context)
      middle->resize(info_.max_context > fixed ? info_.max_context - fixed : 0);
    std::vector<int32_t> ids = reranker_prefix_ids_;
    ids.insert(ids.end(), middle->begin(), middle->end());
    ids.insert(ids.end(), reranker_suffix_ids_.begin(), reranker_suffix_ids_.end());
    sequences.push_back(std::move(ids));
  }
  return score_ids(sequences);
}

Result<void> Qwen3Model::set_profiling(bool enabled) {
  std::lock_guard lock(*forward_mutex_);
  return forward_->set_profiling(enabled);
}

std::vector<KernelTiming> Qwen3Model::kernel_timings() const {
  std::lock_guard lock(*forward_mutex_);
  std::vector<KernelTiming> timings;
  for (const auto& [kernel, time] : forward_->operation_times()) timings.push_back({kernel, time.milliseconds, time.dispatches});
  return timings;
}

void Qwen3Model::clear_kernel_timings() {
  std::lock_guard lock(*forward_mutex_);
  forward_->clear_operation_times();
}

std::vector<std::string> Qwen3Model::execution_paths() const { return forward_->execution_paths(); }

}  // namespace xun
