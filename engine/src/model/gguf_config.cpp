#include "model/gguf_config.h"

#include "model/model_validation.h"

namespace xun::model {
namespace {

// Reads qwen3.* counts; the first problem is kept, reads after it return placeholders so that
// the caller checks once.
class ConfigKeys {
 public:
  explicit ConfigKeys(const GgufFile& gguf) : gguf_(gguf) {}

  uint32_t count(std::string_view key, std::optional<uint64_t> fallback = {}) {
    auto value = fallback ? unsigned_or(gguf_, key, *fallback) : require_unsigned(gguf_, key);
    if (!value) {
      note(value.error());
      return 0;
    }
    if (*value > UINT32_MAX) {
      note(Error{gguf_.where() + std::string(key) + " is " + std::to_string(*value) +
                 ", too large"});
      return 0;
    }
    return static_cast<uint32_t>(*value);
  }

  float real(std::string_view key, std::optional<double> fallback = {}) {
    auto value = fallback ? float_or(gguf_, key, *fallback) : require_float(gguf_, key);
    if (!value) {
      note(value.error());
      return 0.0f;
    }
    return static_cast<float>(*value);
  }

  void note(Error error) {
    if (!error_) error_ = std::move(error);
  }
  const std::optional<Error>& error() const { return error_; }

 private:
  const GgufFile& gguf_;
  std::optional<Error> error_;
};

Result<void> check_architecture(const GgufFile& gguf) {
  auto architecture = require_string(gguf, "general.architecture");
  if (!architecture) return std::unexpected(architecture.error());
  if (*architecture != "qwen3")
    return fail(gguf.where() + "general.architecture is '" + *architecture +
                "'; Xun reads Qwen3 models ('qwen3')");
  return {};
}

Result<uint32_t> token_count(const GgufFile& gguf) {
  auto tokens = require_array(gguf, "tokenizer.ggml.tokens", GgufType::string);
  if (!tokens) return std::unexpected(tokens.error());
  const uint64_t count = (*tokens)->size;
  auto declared = unsigned_or(gguf, "qwen3.vocab_size", count);
  if (!declared) return std::unexpected(declared.error());
  if (*declared != count)
    return fail(gguf.where() + "qwen3.vocab_size is " + std::to_string(*declared) + " but " +
                "tokenizer.ggml.tokens has " + std::to_string(count) + " tokens");
  if (count > INT32_MAX) return fail(gguf.where() + "tokenizer.ggml.tokens is too long");
  return static_cast<uint32_t>(count);
}

}  // namespace

Result<ModelConfig> read_gguf_config(const GgufFile& gguf) {
  if (auto ok = check_architecture(gguf); !ok) return std::unexpected(ok.error());
  ModelConfig c;
  auto vocab = token_count(gguf);
  if (!vocab) return std::unexpected(vocab.error());
  c.vocab_size = *vocab;

  ConfigKeys keys(gguf);
  c.num_layers = keys.count("qwen3.block_count");
  c.max_position_embeddings = keys.count("qwen3.context_length");
  c.hidden_size = keys.count("qwen3.embedding_length");
  c.intermediate_size = keys.count("qwen3.feed_forward_length");
  c.num_heads = keys.count("qwen3.attention.head_count");
  c.num_kv_heads = keys.count("qwen3.attention.head_count_kv", c.num_heads);
  if (gguf.find("qwen3.attention.key_length") == nullptr && c.num_heads != 0 &&
      c.hidden_size % c.num_heads != 0)
    keys.note(Error{gguf.where() + "qwen3.attention.key_length is missing and " +
                    "qwen3.embedding_length is not a multiple of qwen3.attention.head_count"});
  c.head_dim =
      keys.count("qwen3.attention.key_length", c.num_heads == 0 ? 0 : c.hidden_size / c.num_heads);
  // Qwen3 has one head size for keys and values; a file saying otherwise is another model.
  if (const uint32_t value_length = keys.count("qwen3.attention.value_length", c.head_dim);
      value_length != c.head_dim && !keys.error())
    keys.note(Error{gguf.where() + "qwen3.attention.value_length (" + std::to_string(value_length) +
                    ") differs from the key length (" + std::to_string(c.head_dim) + ")"});
  c.rope_theta = keys.real("qwen3.rope.freq_base", 10000.0);  // llama.cpp's default too
  c.rms_norm_eps = keys.real("qwen3.attention.layer_norm_rms_epsilon");
  if (keys.error()) return std::unexpected(*keys.error());
  if (auto ok = validate_config(c, gguf_field_names, gguf.file->path().string()); !ok)
    return std::unexpected(ok.error());
  return c;
}

}  // namespace xun::model
