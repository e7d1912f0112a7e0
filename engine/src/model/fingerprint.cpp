#include "model/fingerprint.h"

#include <xxhash.h>

#include <array>
#include <cstdio>
#include <memory>

namespace xun::model {
namespace {

// Bump when the hashed layout changes, so that old caches stop matching.
constexpr std::string_view layout_tag = "xun-fingerprint-v1";

class Hasher {
 public:
  Hasher() : state_(XXH3_createState(), &XXH3_freeState) { XXH3_128bits_reset(state_.get()); }

  void bytes(const void* data, size_t size) { XXH3_128bits_update(state_.get(), data, size); }
  void text(std::string_view value) {
    number(value.size());  // length first: "ab"+"c" and "a"+"bc" must differ
    bytes(value.data(), value.size());
  }
  void number(uint64_t value) { bytes(&value, sizeof value); }  // little-endian everywhere we run
  void real(float value) { bytes(&value, sizeof value); }

  std::string hex() const {
    XXH128_canonical_t canonical;  // big-endian bytes: the same hex on every machine
    XXH128_canonicalFromHash(&canonical, XXH3_128bits_digest(state_.get()));
    std::string out;
    for (const unsigned char byte : canonical.digest) {
      std::array<char, 3> digits{};
      std::snprintf(digits.data(), digits.size(), "%02x", byte);
      out += digits.data();
    }
    return out;
  }

 private:
  std::unique_ptr<XXH3_state_t, decltype(&XXH3_freeState)> state_;
};

}  // namespace

std::string compute_fingerprint(const ModelFiles& model) {
  Hasher hash;
  hash.text(layout_tag);
  hash.number(model.kind == ModelKind::reranker ? 1 : 0);
  const ModelConfig& c = model.config;
  for (const uint64_t value : {c.vocab_size, c.hidden_size, c.intermediate_size, c.num_layers,
                               c.num_heads, c.num_kv_heads, c.head_dim})
    hash.number(value);
  hash.real(c.rms_norm_eps);
  hash.real(c.rope_theta);
  hash.number(c.tie_word_embeddings ? 1 : 0);
  hash.number(model.tensors.size());
  for (const auto& [name, tensor] : model.tensors) {  // std::map: name order, stable
    hash.text(name);
    hash.text(to_string(tensor.dtype));
    hash.number(tensor.shape.size());
    for (const uint64_t dim : tensor.shape) hash.number(dim);
    hash.number(tensor.bytes.size());
    hash.bytes(tensor.bytes.data(), tensor.bytes.size());
  }
  return hash.hex();
}

}  // namespace xun::model
