#include "synth/tensor_encoding.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>

#include "xun/half.h"

namespace xun::synth {
namespace {

template <class T>
void append(std::vector<std::byte>& out, const T& value) {
  const size_t at = out.size();
  out.resize(at + sizeof(T));
  std::memcpy(out.data() + at, &value, sizeof(T));
}

void append_q8_0(std::vector<std::byte>& out, std::span<const float> values) {
  for (size_t block = 0; block < values.size() / 32; ++block) {
    const std::span<const float> x = values.subspan(block * 32, 32);
    float amax = 0;
    for (float v : x) amax = std::max(amax, std::abs(v));
    const float d = amax / 127.0f, inverse = d != 0 ? 1.0f / d : 0.0f;
    append(out, util::float_to_half(d));
    for (float v : x) append(out, static_cast<int8_t>(std::round(v * inverse)));
  }
}

}  // namespace

void append_encoded(std::vector<std::byte>& out, std::span<const float> values, model::DType dtype) {
  switch (dtype) {
    case model::DType::q8_0: return append_q8_0(out, values);
    case model::DType::f32:
      for (float v : values) append(out, v);
      return;
    case model::DType::f16:
      for (float v : values) append(out, util::float_to_half(v));
      return;
    case model::DType::bf16:
      for (float v : values) append(out, util::float_to_bf16(v));
      return;
  }
}

}  // namespace xun::synth
