// Tensor names: the canonical Hugging Face spelling ModelFiles uses, and how the names found in
// checkpoints (with a "model." prefix) and in llama.cpp's GGUF files map onto it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace xun::model {

// "model.layers.0.mlp.up_proj.weight" -> "layers.0.mlp.up_proj.weight"; other names unchanged.
// Qwen3ForCausalLM checkpoints prefix everything but lm_head; Qwen3Model ones prefix nothing.
std::string strip_model_prefix(std::string_view name);

// llama.cpp's name -> canonical: "blk.3.ffn_up.weight" -> "layers.3.mlp.up_proj.weight",
// "token_embd.weight" -> "embed_tokens.weight", "output.weight" -> "lm_head.weight". nullopt
// for a name that has no place in a Qwen3 model (a bias, another architecture's tensor).
std::optional<std::string> canonical_from_gguf(std::string_view name);

// Tensors that some checkpoints carry but a Qwen3 forward pass never reads: RoPE's
// inv_freq buffer, which older transformers versions saved and which is derived from the config.
bool is_ignorable_tensor(std::string_view canonical_name);

}  // namespace xun::model
