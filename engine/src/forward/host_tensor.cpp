#include "forward/host_tensor.h"

#include <cstring>

#include "xun/half.h"

namespace xun::qwen3 {
namespace {

uint64_t row_length(const model::TensorView& tensor) { return tensor.shape.back(); }

}  // namespace

uint16_t read_u16(const std::byte* p) {
  uint16_t v;
  std::memcpy(&v, p, 2);
  return v;
}

uint64_t row_bytes(const model::TensorView& tensor) {
  const uint64_t n = row_length(tensor);
  switch (tensor.dtype) {
    case model::DType::f32: return n * 4;
    case model::DType::f16:
    case model::DType::bf16: return n * 2;
    case model::DType::q8_0: return n / model::q8_0_block_values * model::q8_0_block_bytes;
  }
  return 0;
}

void decode_row(const model::TensorView& tensor, uint64_t row, std::span<float> out) {
  const uint64_t n = row_length(tensor);
  const std::byte* p = tensor.bytes.data() + row * row_bytes(tensor);
  switch (tensor.dtype) {
    case model::DType::f32:
      std::memcpy(out.data(), p, n * 4);
      break;
    case model::DType::f16:
      for (uint64_t i = 0; i < n; ++i) out[i] = util::half_to_float(read_u16(p + 2 * i));
      break;
    case model::DType::bf16:
      for (uint64_t i = 0; i < n; ++i) out[i] = util::bf16_to_float(read_u16(p + 2 * i));
      break;
    case model::DType::q8_0:
      for (uint64_t block = 0; block < n / model::q8_0_block_values; ++block) {
        const std::byte* b = p + block * model::q8_0_block_bytes;
        const float scale = util::half_to_float(read_u16(b));
        for (uint32_t i = 0; i < model::q8_0_block_values; ++i)
          out[block * model::q8_0_block_values + i] = scale * static_cast<float>(static_cast<int8_t>(b[2 + i]));
      }
      break;
  }
}

std::vector<float> decode_vector(const model::TensorView& tensor) {
  std::vector<float> values(tensor.elements());
  const uint64_t rows = tensor.shape.size() == 1 ? 1 : tensor.elements() / row_length(tensor);
  for (uint64_t r = 0; r < rows; ++r)
    decode_row(tensor, r, std::span<float>(values).subspan(r * row_length(tensor), row_length(tensor)));
  return values;
}

void append_gpu_rows(const model::TensorView& tensor, uint64_t first, uint64_t count, std::vector<std::byte>& out) {
  const uint64_t bytes = row_bytes(tensor);
  const std::byte* begin = tensor.bytes.data() + first * bytes;
  if (tensor.dtype != model::DType::q8_0) {
    out.insert(out.end(), begin, begin + count * bytes);
    return;
  }
  const uint64_t blocks = count * row_length(tensor) / model::q8_0_block_values;
  for (uint64_t block = 0; block < blocks; ++block) {
    const std::byte* b = begin + block * model::q8_0_block_bytes;
    const float scale = util::half_to_float(read_u16(b));
    const size_t at = out.size();
    out.resize(at + 36);
    std::memcpy(out.data() + at, &scale, 4);
    std::memcpy(out.data() + at + 4, b + 2, 32);
  }
}

}  // namespace xun::qwen3
