#include "model/model_validation.h"

#include <cmath>
#include <cstdio>
#include <set>
#include <vector>

namespace xun::model {
namespace {

std::string in_quotes(std::string_view name) { return "'" + std::string(name) + "'"; }

std::string format_real(float value) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", static_cast<double>(value));
  return text;
}

// A field must lie in [min, max]; the bounds are far beyond any real Qwen3 yet keep every
// product of two of them (heads x head_dim, vocab x hidden) well inside 64 bits.
Result<void> check_range(uint64_t value, uint64_t min, uint64_t max, std::string_view field,
                         const std::string& source) {
  if (value >= min && value <= max) return {};
  return fail(source + ": " + std::string(field) + " is " + std::to_string(value) + ", expected " +
              std::to_string(min) + " to " + std::to_string(max));
}

struct ExpectedTensor {
  std::string name;
  std::vector<uint64_t> shape;
  std::string formula;  // the shape in config field names, for the error
};

std::vector<ExpectedTensor> required_tensors(const ModelConfig& c, const ConfigFieldNames& n) {
  const uint64_t q_rows = uint64_t{c.num_heads} * c.head_dim;
  const uint64_t kv_rows = uint64_t{c.num_kv_heads} * c.head_dim;
  const auto dims = [](std::string_view a, std::string_view b) {
    return "[" + std::string(a) + ", " + std::string(b) + "]";
  };
  const auto product = [](std::string_view a, std::string_view b) {
    return std::string(a) + " x " + std::string(b);
  };
  const std::string hidden = "[" + std::string(n.hidden_size) + "]";
  const std::string head = "[" + std::string(n.head_dim) + "]";
  const std::string q_formula = product(n.num_heads, n.head_dim);
  const std::string kv_formula = product(n.num_kv_heads, n.head_dim);

  std::vector<ExpectedTensor> expected;
  expected.push_back(
      {"embed_tokens.weight", {c.vocab_size, c.hidden_size}, dims(n.vocab_size, n.hidden_size)});
  for (uint32_t layer = 0; layer < c.num_layers; ++layer) {
    const std::string p = "layers." + std::to_string(layer) + ".";
    expected.push_back({p + "input_layernorm.weight", {c.hidden_size}, hidden});
    expected.push_back(
        {p + "self_attn.q_proj.weight", {q_rows, c.hidden_size}, dims(q_formula, n.hidden_size)});
    expected.push_back(
        {p + "self_attn.k_proj.weight", {kv_rows, c.hidden_size}, dims(kv_formula, n.hidden_size)});
    expected.push_back(
        {p + "self_attn.v_proj.weight", {kv_rows, c.hidden_size}, dims(kv_formula, n.hidden_size)});
    expected.push_back(
        {p + "self_attn.o_proj.weight", {c.hidden_size, q_rows}, dims(n.hidden_size, q_formula)});
    expected.push_back({p + "self_attn.q_norm.weight", {c.head_dim}, head});
    expected.push_back({p + "self_attn.k_norm.weight", {c.head_dim}, head});
    expected.push_back({p + "post_attention_layernorm.weight", {c.hidden_size}, hidden});
    expected.push_back({p + "mlp.gate_proj.weight",
                        {c.intermediate_size, c.hidden_size},
                        dims(n.intermediate_size, n.hidden_size)});
    expected.push_back({p + "mlp.up_proj.weight",
                        {c.intermediate_size, c.hidden_size},
                        dims(n.intermediate_size, n.hidden_size)});
    expected.push_back({p + "mlp.down_proj.weight",
                        {c.hidden_size, c.intermediate_size},
                        dims(n.hidden_size, n.intermediate_size)});
  }
  expected.push_back({"norm.weight", {c.hidden_size}, hidden});
  return expected;
}

std::string label_of(const TensorCheck& check, const std::string& name) {
  const auto it = check.labels.find(name);
  return it == check.labels.end() ? in_quotes(name) : it->second;
}

Result<void> check_shape(const TensorCheck& check, const ExpectedTensor& expected,
                         const TensorView& tensor) {
  if (tensor.shape == expected.shape) return {};
  std::string described = expected.name;
  if (const auto label = label_of(check, expected.name); label != in_quotes(expected.name))
    described += " (" + label + ")";
  return fail(check.config_source + ": " + expected.formula + " = " + format_shape(expected.shape) +
              ", but " + described + " has shape " + format_shape(tensor.shape));
}

Result<void> check_head(const TensorCheck& check) {
  const auto& c = check.config;
  const auto& n = check.names;
  const TensorView* lm_head = nullptr;
  const TensorView* classifier = nullptr;
  if (auto it = check.tensors.find("lm_head.weight"); it != check.tensors.end())
    lm_head = &it->second;
  if (auto it = check.tensors.find("cls.output.weight"); it != check.tensors.end())
    classifier = &it->second;
  if (lm_head && classifier)
    return fail(check.weights_source +
                ": has both lm_head.weight and cls.output.weight; a model has at most one head");
  if (lm_head) {
    ExpectedTensor expected{
        "lm_head.weight",
        {c.vocab_size, c.hidden_size},
        "[" + std::string(n.vocab_size) + ", " + std::string(n.hidden_size) + "]"};
    if (auto ok = check_shape(check, expected, *lm_head); !ok) return ok;
  }
  if (classifier) {
    ExpectedTensor expected{"cls.output.weight",
                            {2, c.hidden_size},
                            "[2 (yes, no), " + std::string(n.hidden_size) + "]"};
    if (auto ok = check_shape(check, expected, *classifier); !ok) return ok;
  }
  if (check.kind == ModelKind::reranker && !lm_head && !classifier && !c.tie_word_embeddings)
    return fail(check.weights_source +
                ": a reranker needs lm_head.weight (or tied word embeddings), and there is none");
  return {};
}

}  // namespace

Result<void> validate_config(const ModelConfig& c, const ConfigFieldNames& n,
                             const std::string& source) {
  const std::pair<uint64_t, std::string_view> sizes[] = {
      {c.vocab_size, n.vocab_size},
      {c.hidden_size, n.hidden_size},
      {c.intermediate_size, n.intermediate_size},
      {c.num_layers, n.num_layers},
      {c.num_heads, n.num_heads},
      {c.num_kv_heads, n.num_kv_heads},
      {c.head_dim, n.head_dim},
      {c.max_position_embeddings, n.max_position_embeddings}};
  const uint64_t maxima[] = {INT32_MAX, 1u << 16, 1u << 20, 1024, 1024, 1024, 1024, 1u << 24};
  for (size_t i = 0; i < std::size(sizes); ++i)
    if (auto ok = check_range(sizes[i].first, 1, maxima[i], sizes[i].second, source); !ok)
      return ok;
  if (c.num_heads % c.num_kv_heads != 0)
    return fail(source + ": " + std::string(n.num_heads) + " (" + std::to_string(c.num_heads) +
                ") is not a multiple of " + std::string(n.num_kv_heads) + " (" +
                std::to_string(c.num_kv_heads) + ")");
  if (c.head_dim % 2 != 0)
    return fail(source + ": " + std::string(n.head_dim) + " is " + std::to_string(c.head_dim) +
                ", but rotary embeddings need an even head size");
  if (!std::isfinite(c.rms_norm_eps) || c.rms_norm_eps <= 0 || c.rms_norm_eps >= 1)
    return fail(source + ": " + std::string(n.rms_norm_eps) + " is " + format_real(c.rms_norm_eps) +
                ", expected a small positive number");
  if (!std::isfinite(c.rope_theta) || c.rope_theta <= 0)
    return fail(source + ": " + std::string(n.rope_theta) + " is " + format_real(c.rope_theta) +
                ", expected a positive number");
  return {};
}

Result<void> validate_tensors(const TensorCheck& check) {
  std::set<std::string> known = {"lm_head.weight", "cls.output.weight"};
  for (const auto& expected : required_tensors(check.config, check.names)) {
    const auto it = check.tensors.find(expected.name);
    if (it == check.tensors.end())
      return fail(check.weights_source + ": tensor " + expected.name + " is missing (" +
                  std::string(check.names.num_layers) + " is " +
                  std::to_string(check.config.num_layers) + ")");
    if (auto ok = check_shape(check, expected, it->second); !ok) return ok;
    known.insert(expected.name);
  }
  if (auto ok = check_head(check); !ok) return ok;
  for (const auto& [name, tensor] : check.tensors)
    if (!known.contains(name))
      return fail(check.weights_source + ": unexpected tensor " + label_of(check, name) +
                  ", not part of a Qwen3 model (" + std::string(check.names.num_layers) + " is " +
                  std::to_string(check.config.num_layers) + ")");
  return {};
}

Result<void> validate_tokenizer_ids(const tok::TokenizerData& tokenizer, uint32_t vocab_size,
                                    const std::string& source) {
  std::set<size_t> added_ids;
  for (const auto& added : tokenizer.added_tokens) {
    if (added.id < 0)
      return fail(source + ": added token " + in_quotes(added.content) + " has negative id " +
                  std::to_string(added.id));
    added_ids.insert(static_cast<size_t>(added.id));
  }
  for (size_t id = tokenizer.tokens.size(); id-- > vocab_size;)
    if (!tokenizer.tokens[id].empty() && !added_ids.contains(id))
      return fail(source + ": the tokenizer has token id " + std::to_string(id) +
                  ", but the model's embedding table has only " + std::to_string(vocab_size) +
                  " rows");
  return {};
}

}  // namespace xun::model
