#include "model/tensor_names.h"

#include <array>
#include <utility>

namespace xun::model {
namespace {

// (GGUF suffix after "blk.N.", Hugging Face suffix after "layers.N.")
constexpr std::array<std::pair<std::string_view, std::string_view>, 11> layer_suffixes{{
    {"attn_norm.weight", "input_layernorm.weight"},
    {"attn_q.weight", "self_attn.q_proj.weight"},
    {"attn_k.weight", "self_attn.k_proj.weight"},
    {"attn_v.weight", "self_attn.v_proj.weight"},
    {"attn_output.weight", "self_attn.o_proj.weight"},
    {"attn_q_norm.weight", "self_attn.q_norm.weight"},
    {"attn_k_norm.weight", "self_attn.k_norm.weight"},
    {"ffn_norm.weight", "post_attention_layernorm.weight"},
    {"ffn_gate.weight", "mlp.gate_proj.weight"},
    {"ffn_up.weight", "mlp.up_proj.weight"},
    {"ffn_down.weight", "mlp.down_proj.weight"},
}};

constexpr std::array<std::pair<std::string_view, std::string_view>, 4> global_names{{
    {"token_embd.weight", "embed_tokens.weight"},
    {"output_norm.weight", "norm.weight"},
    {"output.weight", "lm_head.weight"},
    {"cls.output.weight", "cls.output.weight"},
}};

// A layer index as llama.cpp writes it: decimal, no sign, no leading zero, no absurd length.
bool is_layer_index(std::string_view digits) {
  if (digits.empty() || digits.size() > 6) return false;
  if (digits.size() > 1 && digits.front() == '0') return false;
  for (const char c : digits)
    if (c < '0' || c > '9') return false;
  return true;
}

}  // namespace

std::string strip_model_prefix(std::string_view name) {
  constexpr std::string_view prefix = "model.";
  if (name.starts_with(prefix)) name.remove_prefix(prefix.size());
  return std::string(name);
}

std::optional<std::string> canonical_from_gguf(std::string_view name) {
  for (const auto& [gguf, canonical] : global_names)
    if (name == gguf) return std::string(canonical);
  constexpr std::string_view block = "blk.";
  if (!name.starts_with(block)) return std::nullopt;
  name.remove_prefix(block.size());
  const size_t dot = name.find('.');
  if (dot == std::string_view::npos || !is_layer_index(name.substr(0, dot))) return std::nullopt;
  const std::string_view index = name.substr(0, dot);
  const std::string_view suffix = name.substr(dot + 1);
  for (const auto& [gguf, canonical] : layer_suffixes)
    if (suffix == gguf) return "layers." + std::string(index) + "." + std::string(canonical);
  return std::nullopt;
}

bool is_ignorable_tensor(std::string_view canonical_name) {
  return canonical_name.ends_with("rotary_emb.inv_freq");
}

}  // namespace xun::model
