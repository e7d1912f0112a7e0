#include "model/hf_config.h"

#include <optional>

#include "model/json_file.h"
#include "model/model_validation.h"

namespace xun::model {
namespace {

using nlohmann::json;

// Reads fields of config.json. The first problem is kept (and reported naming the file and the
// field); after it, reads return placeholders so the caller can check once at the end.
class ConfigFields {
 public:
  ConfigFields(const json& object, std::string source)
      : object_(object), source_(std::move(source)) {}

  // A count; `fallback` when the field is absent or null (Qwen3Config's own default).
  uint32_t count(const char* name, std::optional<uint32_t> fallback = {}) {
    const json* value = find(name);
    if (value == nullptr) {
      if (!fallback) note(std::string(name) + " is missing");
      return fallback.value_or(0);
    }
    if (!value->is_number_unsigned() || value->get<uint64_t>() > UINT32_MAX) {
      note(std::string(name) + " is " + value->dump() + ", expected a whole number");
      return 0;
    }
    return static_cast<uint32_t>(value->get<uint64_t>());
  }

  float number(const char* name, float fallback) {
    const json* value = find(name);
    if (value == nullptr) return fallback;
    if (!value->is_number()) {
      note(std::string(name) + " is " + value->dump() + ", expected a number");
      return fallback;
    }
    return value->get<float>();
  }

  bool flag(const char* name, bool fallback) {
    const json* value = find(name);
    if (value == nullptr) return fallback;
    if (!value->is_boolean()) {
      note(std::string(name) + " is " + value->dump() + ", expected true or false");
      return fallback;
    }
    return value->get<bool>();
  }

  const json* find(const char* name) const {
    const auto it = object_.find(name);
    return it == object_.end() || it->is_null() ? nullptr : &*it;
  }

  void note(std::string problem) {
    if (!error_) error_ = Error{source_ + ": " + std::move(problem)};
  }
  const std::optional<Error>& error() const { return error_; }

 private:
  const json& object_;
  std::string source_;
  std::optional<Error> error_;
};

ModelKind read_kind(ConfigFields& fields) {
  if (const json* type = fields.find("model_type");
      type != nullptr && (!type->is_string() || type->get_ref<const std::string&>() != "qwen3"))
    fields.note("model_type is " + type->dump() + "; Xun reads Qwen3 models (\"qwen3\")");
  const json* architectures = fields.find("architectures");
  if (architectures == nullptr) return ModelKind::embedding;
  if (!architectures->is_array()) {
    fields.note("architectures is not a list");
    return ModelKind::embedding;
  }
  for (const json& name : *architectures)
    if (name.is_string() && name.get_ref<const std::string&>() == "Qwen3ForCausalLM")
      return ModelKind::reranker;  // Qwen3-Reranker: a causal LM scored on "yes" and "no"
  return ModelKind::embedding;
}

// Qwen3Config fields that would change the forward pass: Xun computes SiLU, no attention bias,
// full attention. Another value is another model, which would silently give other numbers.
void check_forward_fields(ConfigFields& fields) {
  if (const json* act = fields.find("hidden_act");
      act != nullptr && (!act->is_string() || act->get_ref<const std::string&>() != "silu"))
    fields.note("hidden_act is " + act->dump() + "; Qwen3 models use \"silu\"");
  if (const json* bias = fields.find("attention_bias"); bias != nullptr && *bias != json(false))
    fields.note("attention_bias is " + bias->dump() + "; Xun computes Qwen3 without biases");
  if (const json* sliding = fields.find("use_sliding_window");
      sliding != nullptr && *sliding != json(false))
    fields.note("use_sliding_window is " + sliding->dump() + "; Xun computes full attention");
}

ModelConfig read_sizes(ConfigFields& fields) {
  ModelConfig c;
  c.vocab_size = fields.count("vocab_size");
  c.hidden_size = fields.count("hidden_size");
  c.intermediate_size = fields.count("intermediate_size");
  c.num_layers = fields.count("num_hidden_layers");
  c.num_heads = fields.count("num_attention_heads");
  c.num_kv_heads = fields.count("num_key_value_heads", c.num_heads);
  if (fields.find("head_dim") == nullptr && c.num_heads != 0 && c.hidden_size % c.num_heads != 0)
    fields.note("head_dim is missing and hidden_size (" + std::to_string(c.hidden_size) +
                ") is not a multiple of num_attention_heads (" + std::to_string(c.num_heads) + ")");
  c.head_dim = fields.count("head_dim", c.num_heads == 0 ? 0 : c.hidden_size / c.num_heads);
  c.max_position_embeddings = fields.count("max_position_embeddings", 32768);
  c.rms_norm_eps = fields.number("rms_norm_eps", 1e-6f);
  c.rope_theta = fields.number("rope_theta", 10000.0f);
  c.tie_word_embeddings = fields.flag("tie_word_embeddings", false);
  return c;
}

Result<HfConfig> parse_config(const json& object, const std::string& source) {
  if (!object.is_object()) return fail(source + ": not a JSON object");
  ConfigFields fields(object, source);
  HfConfig result;
  result.kind = read_kind(fields);
  // The forward pass implements plain RoPE; a scaled variant would silently give other numbers.
  if (const json* scaling = fields.find("rope_scaling"))
    fields.note("rope_scaling " + scaling->dump() + " is not supported");
  check_forward_fields(fields);
  result.config = read_sizes(fields);
  if (fields.error()) return std::unexpected(*fields.error());
  if (auto ok = validate_config(result.config, hf_field_names, source); !ok)
    return std::unexpected(ok.error());
  return result;
}

}  // namespace

Result<HfConfig> read_hf_config(const std::filesystem::path& path) {
  auto object = read_json_file(path);
  if (!object) return std::unexpected(object.error());
  try {
    return parse_config(*object, path.string());
  } catch (const std::exception& error) {  // a conversion nlohmann refuses
    return fail(path.string() + ": " + error.what());
  }
}

}  // namespace xun::model
