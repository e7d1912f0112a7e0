#include "api/model_info.h"

#include <set>

#include "api/prompts.h"

namespace xun {
namespace {

// The types of the layer matrices, e.g. "f16" or "q8_0+f16" for a mixed file.
std::string weight_type_summary(const model::ModelFiles& files) {
  std::set<std::string> types;
  for (const auto& [name, tensor] : files.tensors)
    if (tensor.shape.size() == 2 && name.starts_with("layers.")) types.insert(std::string(model::to_string(tensor.dtype)));
  std::string summary;
  for (auto it = types.rbegin(); it != types.rend(); ++it) summary += (summary.empty() ? "" : "+") + *it;
  return summary;
}

uint64_t parameter_bytes(const model::ModelFiles& files) {
  uint64_t total = 0;
  for (const auto& [name, tensor] : files.tensors) total += tensor.bytes.size();
  return total;
}

}  // namespace

Result<void> check_supported(const model::ModelFiles& files) {
  const uint32_t head_dim = files.config.head_dim;
  if (head_dim % 4 != 0 || head_dim > 256)
    return fail(files.path.string() + ": head_dim " + std::to_string(head_dim) +
                " is not supported (the engine handles head sizes that are multiples of 4, up to 256)");
  return {};
}

Result<std::unique_ptr<tok::BpeTokenizer>> create_tokenizer(model::ModelFiles& files) {
  // The tokenizer tables move into the tokenizer; ModelFiles keeps no second copy.
  auto tokenizer = tok::BpeTokenizer::create(std::move(files.tokenizer));
  if (!tokenizer) return std::unexpected(in_context(files.path.string(), tokenizer.error()));
  if (!(*tokenizer)->token_id(prompts::end_of_text))
    return fail(files.path.string() + ": the tokenizer has no <|endoftext|> token");
  // Added tokens may lie past the embedding table (validate_tokenizer_ids says why), but not the
  // ones every prompt holds: else each embedding or rerank would fail on an id, not on the model.
  for (const std::string_view piece :
       {prompts::end_of_text, prompts::reranker_prefix, prompts::reranker_suffix}) {
    auto ids = (*tokenizer)->encode(piece);
    if (!ids) return std::unexpected(in_context(files.path.string(), ids.error()));
    for (const int32_t id : *ids)
      if (id < 0 || static_cast<uint64_t>(id) >= files.config.vocab_size)
        return fail(files.path.string() + ": the tokenizer gives the prompt's token '" +
                    (*tokenizer)->decode(std::span(&id, 1)) + "' id " + std::to_string(id) +
                    ", past the " + std::to_string(files.config.vocab_size) +
                    " rows of the embedding table");
  }
  return tokenizer;
}

ModelInfo describe_model(const model::ModelFiles& files) {
  const model::ModelConfig& c = files.config;
  ModelInfo info;
  info.path = files.path;
  info.kind = files.kind;
  info.format = files.format;
  info.weight_type = weight_type_summary(files);
  info.vocab_size = c.vocab_size;
  info.hidden_size = c.hidden_size;
  info.intermediate_size = c.intermediate_size;
  info.layers = c.num_layers;
  info.heads = c.num_heads;
  info.kv_heads = c.num_kv_heads;
  info.head_dim = c.head_dim;
  info.max_context = c.max_position_embeddings;
  info.parameter_bytes = parameter_bytes(files);
  info.fingerprint = files.fingerprint;
  return info;
}

}  // namespace xun
