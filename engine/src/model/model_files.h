// A model's files opened and checked: configuration, tensor views into the mapped files, and
// the tokenizer data. Nothing here touches the GPU.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "tokenizer/tokenizer_data.h"
#include "util/mapped_file.h"
#include "xun/engine.h"
#include "xun/error.h"

namespace xun::model {

enum class DType { f32, f16, bf16, q8_0 };
std::string_view to_string(DType dtype);

// Q8_0 as ggml stores it: blocks of 32 values along the row, each 2 bytes fp16 scale + 32 int8.
inline constexpr uint32_t q8_0_block_values = 32;
inline constexpr uint32_t q8_0_block_bytes = 34;

// Bytes a tensor of this dtype and shape (Hugging Face order) occupies. Fails on a shape whose
// size overflows 64 bits, or for Q8_0 when the rows (last dimension) are not whole blocks.
Result<uint64_t> tensor_byte_size(DType dtype, std::span<const uint64_t> shape);
// "[151669, 16]", the way errors show shapes.
std::string format_shape(std::span<const uint64_t> shape);

struct ModelConfig {
  uint32_t vocab_size = 0;
  uint32_t hidden_size = 0;
  uint32_t intermediate_size = 0;
  uint32_t num_layers = 0;
  uint32_t num_heads = 0;
  uint32_t num_kv_heads = 0;
  uint32_t head_dim = 0;
  uint32_t max_position_embeddings = 0;
  float rms_norm_eps = 1e-6f;
  float rope_theta = 1e6f;
  bool tie_word_embeddings = false;
};

// A tensor inside a mapped file. shape is in Hugging Face order, outermost first: a linear
// weight is [out_features, in_features], rows contiguous (GGUF's ne reversed).
struct TensorView {
  std::string name;                        // canonical name, see below
  DType dtype = DType::f32;
  std::vector<uint64_t> shape;
  std::span<const std::byte> bytes;        // exactly the tensor's bytes, checked inside the file
  uint64_t elements() const;
};

using util::MappedFile;  // the views point into these maps, kept alive by ModelFiles

struct ModelFiles {
  std::filesystem::path path;              // the directory or .gguf the user named
  std::string format;                      // "safetensors" or "gguf"
  ModelKind kind = ModelKind::embedding;   // reranker: Qwen3ForCausalLM or GGUF pooling RANK
  ModelConfig config;
  // Canonical names, without any "model." prefix, in Hugging Face spelling:
  //   embed_tokens.weight, layers.N.{input_layernorm, post_attention_layernorm}.weight,
  //   layers.N.self_attn.{q,k,v,o}_proj.weight, layers.N.self_attn.{q,k}_norm.weight,
  //   layers.N.mlp.{gate,up,down}_proj.weight, norm.weight,
  //   and at most one head: lm_head.weight [vocab, hidden] or cls.output.weight [2, hidden]
  //   (rows "yes", "no"). Every tensor's shape has been checked against config.
  std::map<std::string, TensorView> tensors;
  tok::TokenizerData tokenizer;
  std::vector<std::shared_ptr<const MappedFile>> mapped_files;
  // Stable id of these exact weights and the config numbers that shape the computation: 32 hex
  // digits (XXH3-128). Caches of embeddings and scores are keyed by it. Empty when opened
  // without OpenOptions::fingerprint.
  std::string fingerprint;
  const TensorView* find(const std::string& name) const;
};

struct OpenOptions {
  // Hash every weight byte into ModelFiles::fingerprint. Off, the weights' places and sizes are
  // still checked against the headers but their bytes are never read, and fingerprint stays
  // empty: what looking at a model without loading it needs (hashing an 8B model reads 16 GB).
  bool fingerprint = true;
};

// Opens a Hugging Face directory or a .gguf file. Every offset, size and count is checked
// before use; errors name the file and the problem.
Result<ModelFiles> open_model(const std::filesystem::path& path, const OpenOptions& options = {});

}  // namespace xun::model
