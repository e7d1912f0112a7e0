// Checks shared by both formats once a model's config and tensors have been read: the config is
// self-consistent, every tensor a Qwen3 forward pass needs is there with the shape the config
// implies, nothing unexpected is, and the tokenizer's ids fit the embedding table.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "model/model_files.h"

namespace xun::model {

// How a format spells the config fields, so that errors use the names the user can find.
struct ConfigFieldNames {
  std::string_view vocab_size;
  std::string_view hidden_size;
  std::string_view intermediate_size;
  std::string_view num_layers;
  std::string_view num_heads;
  std::string_view num_kv_heads;
  std::string_view head_dim;
  std::string_view max_position_embeddings;
  std::string_view rms_norm_eps;
  std::string_view rope_theta;
};

inline constexpr ConfigFieldNames hf_field_names{
    .vocab_size = "vocab_size",
    .hidden_size = "hidden_size",
    .intermediate_size = "intermediate_size",
    .num_layers = "num_hidden_layers",
    .num_heads = "num_attention_heads",
    .num_kv_heads = "num_key_value_heads",
    .head_dim = "head_dim",
    .max_position_embeddings = "max_position_embeddings",
    .rms_norm_eps = "rms_norm_eps",
    .rope_theta = "rope_theta"};

inline constexpr ConfigFieldNames gguf_field_names{
    .vocab_size = "the number of tokenizer.ggml.tokens",
    .hidden_size = "qwen3.embedding_length",
    .intermediate_size = "qwen3.feed_forward_length",
    .num_layers = "qwen3.block_count",
    .num_heads = "qwen3.attention.head_count",
    .num_kv_heads = "qwen3.attention.head_count_kv",
    .head_dim = "qwen3.attention.key_length",
    .max_position_embeddings = "qwen3.context_length",
    .rms_norm_eps = "qwen3.attention.layer_norm_rms_epsilon",
    .rope_theta = "qwen3.rope.freq_base"};

// Ranges of every field and the relations between them. `source` prefixes the error.
Result<void> validate_config(const ModelConfig& config, const ConfigFieldNames& names,
                             const std::string& source);

struct TensorCheck {
  const ModelConfig& config;
  ModelKind kind;
  const std::map<std::string, TensorView>& tensors;  // canonical names
  // canonical name -> how the user sees it, e.g. "'model.norm.weight' in model.safetensors";
  // names missing here are shown as they are.
  const std::map<std::string, std::string>& labels;
  const ConfigFieldNames& names;
  std::string config_source;   // prefix of shape errors: config.json, or the .gguf
  std::string weights_source;  // prefix of missing/unexpected errors: the weights file or index
};

Result<void> validate_tensors(const TensorCheck& check);

// Every token of the base vocabulary must be a row of embed_tokens. Added tokens may lie beyond
// the table: Qwen3-Embedding-4B and -8B have 151665 rows, yet their tokenizer adds tokens up to
// id 151668. So whoever looks ids up must still check them against vocab_size.
Result<void> validate_tokenizer_ids(const tok::TokenizerData& tokenizer, uint32_t vocab_size,
                                    const std::string& source);

}  // namespace xun::model
