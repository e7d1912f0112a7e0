// xun::write_synthetic_model: random weights in the exact Qwen3-Embedding layout, written as
// llama.cpp's converter writes GGUF or as the hub's safetensors directories are laid out.
#include "xun/synthetic_model.h"

#include <cstring>
#include <fstream>

#include <nlohmann/json.hpp>

#include "synth/gguf_writer.h"
#include "synth/random_weights.h"
#include "synth/tensor_encoding.h"
#include "synth/shapes.h"
#include "tokenizer/tokenizer_json.h"
#include "xun/half.h"

namespace xun {
namespace {

using synth::WeightKind;

struct PlannedTensor {
  std::string hf_name;
  std::string gguf_name;
  std::vector<uint64_t> shape;  // Hugging Face order: [out, in]
  WeightKind kind;
  uint64_t elements() const {
    uint64_t n = 1;
    for (uint64_t d : shape) n *= d;
    return n;
  }
};

// The fixtures' order: embeddings, each layer's tensors, the final norm.
std::vector<PlannedTensor> plan_tensors(const model::ModelConfig& c) {
  const uint64_t q = uint64_t{c.num_heads} * c.head_dim, kv = uint64_t{c.num_kv_heads} * c.head_dim;
  std::vector<PlannedTensor> plan{{"embed_tokens.weight", "token_embd.weight", {c.vocab_size, c.hidden_size}, WeightKind::matrix}};
  for (uint32_t l = 0; l < c.num_layers; ++l) {
    const std::string hf = "layers." + std::to_string(l) + ".", gg = "blk." + std::to_string(l) + ".";
    const auto add = [&](const char* hf_suffix, const char* gguf_suffix, std::vector<uint64_t> shape, WeightKind kind) {
      plan.push_back({hf + hf_suffix, gg + gguf_suffix, std::move(shape), kind});
    };
    add("self_attn.q_proj.weight", "attn_q.weight", {q, c.hidden_size}, WeightKind::matrix);
    add("self_attn.k_proj.weight", "attn_k.weight", {kv, c.hidden_size}, WeightKind::matrix);
    add("self_attn.v_proj.weight", "attn_v.weight", {kv, c.hidden_size}, WeightKind::matrix);
    add("self_attn.o_proj.weight", "attn_output.weight", {c.hidden_size, q}, WeightKind::matrix);
    add("self_attn.q_norm.weight", "attn_q_norm.weight", {c.head_dim}, WeightKind::norm);
    add("self_attn.k_norm.weight", "attn_k_norm.weight", {c.head_dim}, WeightKind::norm);
    add("mlp.gate_proj.weight", "ffn_gate.weight", {c.intermediate_size, c.hidden_size}, WeightKind::matrix);
    add("mlp.up_proj.weight", "ffn_up.weight", {c.intermediate_size, c.hidden_size}, WeightKind::matrix);
    add("mlp.down_proj.weight", "ffn_down.weight", {c.hidden_size, c.intermediate_size}, WeightKind::matrix);
    add("input_layernorm.weight", "attn_norm.weight", {c.hidden_size}, WeightKind::norm);
    add("post_attention_layernorm.weight", "ffn_norm.weight", {c.hidden_size}, WeightKind::norm);
  }
  plan.push_back({"norm.weight", "output_norm.weight", {c.hidden_size}, WeightKind::norm});
  return plan;
}

std::vector<float> values_of(const PlannedTensor& tensor, uint64_t seed, uint32_t index) {
  std::vector<float> values(tensor.elements());
  synth::fill_weights(values, seed, index, tensor.kind);
  return values;
}

Result<void> write_gguf(const SyntheticModelOptions& options, const model::ModelConfig& c,
                        const tok::TokenizerData& tokenizer) {
  const bool q8 = options.format == "gguf-q8_0";
  synth::GgufWriter gguf;
  gguf.add_string("general.architecture", "qwen3");
  gguf.add_string("general.type", "model");
  gguf.add_string("general.name", "xun-synthetic-qwen3-embedding-" + options.shape);
  gguf.add_u32("general.file_type", q8 ? 7 : 1);
  gguf.add_u32("general.quantization_version", 2);
  gguf.add_u32("qwen3.block_count", c.num_layers);
  gguf.add_u32("qwen3.context_length", c.max_position_embeddings);
  gguf.add_u32("qwen3.embedding_length", c.hidden_size);
  gguf.add_u32("qwen3.feed_forward_length", c.intermediate_size);
  gguf.add_u32("qwen3.attention.head_count", c.num_heads);
  gguf.add_u32("qwen3.attention.head_count_kv", c.num_kv_heads);
  gguf.add_f32("qwen3.rope.freq_base", c.rope_theta);
  gguf.add_f32("qwen3.attention.layer_norm_rms_epsilon", c.rms_norm_eps);
  gguf.add_u32("qwen3.attention.key_length", c.head_dim);
  gguf.add_u32("qwen3.attention.value_length", c.head_dim);
  gguf.add_u32("qwen3.pooling_type", 3);  // LAST, as Qwen's embedding GGUFs
  gguf.add_string("tokenizer.ggml.model", "gpt2");
  gguf.add_string("tokenizer.ggml.pre", "qwen2");
  std::vector<std::string> tokens = tokenizer.tokens;
  tokens.resize(c.vocab_size);
  std::vector<int32_t> types(tokens.size(), 1);  // normal
  for (const tok::AddedToken& added : tokenizer.added_tokens) {
    if (added.id < 0 || static_cast<size_t>(added.id) >= tokens.size()) continue;
    tokens[added.id] = added.content;
    const bool control = added.special || (added.content.starts_with("<|") && added.content.ends_with("|>"));
    types[added.id] = control ? 3 : 4;
  }
  for (size_t i = 0; i < tokens.size(); ++i)
    if (tokens[i].empty()) {  // unused ids: llama.cpp wants a unique string for each
      tokens[i] = "[PAD" + std::to_string(i) + "]";
      types[i] = 5;  // unused
    }
  std::vector<std::string> merges;
  merges.reserve(tokenizer.merges.size());
  for (const auto& [left, right] : tokenizer.merges) merges.push_back(left + " " + right);
  gguf.add_strings("tokenizer.ggml.tokens", tokens);
  gguf.add_i32s("tokenizer.ggml.token_type", types);
  gguf.add_strings("tokenizer.ggml.merges", merges);
  gguf.add_u32("tokenizer.ggml.bos_token_id", 151643);
  gguf.add_u32("tokenizer.ggml.eos_token_id", 151643);
  gguf.add_u32("tokenizer.ggml.padding_token_id", 151643);
  gguf.add_bool("tokenizer.ggml.add_bos_token", false);
  gguf.add_bool("tokenizer.ggml.add_eos_token", true);

  const std::vector<PlannedTensor> plan = plan_tensors(c);
  for (uint32_t index = 0; index < plan.size(); ++index) {
    const PlannedTensor& tensor = plan[index];
    std::vector<uint64_t> ne(tensor.shape.rbegin(), tensor.shape.rend());
    model::DType dtype = model::DType::f32;
    if (tensor.shape.size() == 2) dtype = q8 && ne[0] % 32 == 0 ? model::DType::q8_0 : model::DType::f16;
    const synth::GgmlType type = dtype == model::DType::q8_0 ? synth::GgmlType::q8_0
                                 : dtype == model::DType::f16 ? synth::GgmlType::f16
                                                              : synth::GgmlType::f32;
    const uint64_t seed = options.seed;
    gguf.add_tensor(tensor.gguf_name, ne, type, [tensor, type, dtype, seed, index](std::vector<std::byte>& out) {
      const std::vector<float> values = values_of(tensor, seed, index);
      out.reserve(synth::ggml_bytes(type, values.size()));
      synth::append_encoded(out, values, dtype);
    });
  }
  return gguf.write(options.output);
}

Result<void> write_safetensors_directory(const SyntheticModelOptions& options, const model::ModelConfig& c) {
  std::error_code error;
  std::filesystem::create_directories(options.output, error);
  if (error) return fail(options.output.string() + ": cannot create the directory: " + error.message());

  const std::vector<PlannedTensor> plan = plan_tensors(c);
  nlohmann::ordered_json header;
  header["__metadata__"] = {{"format", "pt"}};
  uint64_t offset = 0;
  for (const PlannedTensor& tensor : plan) {
    header[tensor.hf_name] = {{"dtype", "BF16"}, {"shape", tensor.shape}, {"data_offsets", {offset, offset + 2 * tensor.elements()}}};
    offset += 2 * tensor.elements();
  }
  std::string header_text = header.dump();
  header_text.resize((header_text.size() + 7) / 8 * 8, ' ');  // data starts 8-byte aligned

  const std::filesystem::path weights = options.output / "model.safetensors";
  std::ofstream out(weights, std::ios::binary | std::ios::trunc);
  if (!out) return fail(weights.string() + ": cannot create the file");
  const uint64_t header_size = header_text.size();
  out.write(reinterpret_cast<const char*>(&header_size), 8);
  out.write(header_text.data(), static_cast<std::streamsize>(header_text.size()));
  std::vector<std::byte> bf16;
  for (uint32_t index = 0; index < plan.size(); ++index) {
    bf16.clear();
    synth::append_encoded(bf16, values_of(plan[index], options.seed, index), model::DType::bf16);
    out.write(reinterpret_cast<const char*>(bf16.data()), static_cast<std::streamsize>(bf16.size()));
    if (!out) return fail(weights.string() + ": write failed (disk full?)");
  }
  out.close();

  const nlohmann::ordered_json config = {
      {"architectures", {"Qwen3Model"}}, {"model_type", "qwen3"}, {"vocab_size", c.vocab_size},
      {"hidden_size", c.hidden_size}, {"intermediate_size", c.intermediate_size},
      {"num_hidden_layers", c.num_layers}, {"num_attention_heads", c.num_heads},
      {"num_key_value_heads", c.num_kv_heads}, {"head_dim", c.head_dim},
      {"max_position_embeddings", c.max_position_embeddings}, {"rms_norm_eps", c.rms_norm_eps},
      {"rope_theta", c.rope_theta}, {"tie_word_embeddings", c.tie_word_embeddings},
      {"hidden_act", "silu"}, {"torch_dtype", "bfloat16"}};
  std::ofstream(options.output / "config.json") << config.dump(2) << "\n";
  std::filesystem::copy_file(options.tokenizer_json, options.output / "tokenizer.json",
                             std::filesystem::copy_options::overwrite_existing, error);
  if (error) return fail(options.tokenizer_json.string() + ": cannot copy: " + error.message());
  return {};
}

}  // namespace

Result<void> write_synthetic_model(const SyntheticModelOptions& options) {
  const auto config = synth::shape_config(options.shape);
  if (!config) return fail("unknown shape '" + options.shape + "' (tiny, 0.6b, 4b, 8b)");
  if (options.tokenizer_json.empty())
    return fail("a synthetic model needs a Qwen3 tokenizer.json for its vocabulary (--tokenizer)");
  if (options.format == "safetensors-bf16") return write_safetensors_directory(options, *config);
  if (options.format != "gguf-f16" && options.format != "gguf-q8_0")
    return fail("unknown format '" + options.format + "' (gguf-f16, gguf-q8_0, safetensors-bf16)");
  auto tokenizer = tok::read_tokenizer_json(options.tokenizer_json);
  if (!tokenizer) return std::unexpected(tokenizer.error());
  return write_gguf(options, *config, *tokenizer);
}

}  // namespace xun
