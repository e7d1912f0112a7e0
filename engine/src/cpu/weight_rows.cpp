#include "cpu/weight_rows.h"

#include <cstring>

#include "cpu/simd.h"
#include "forward/host_tensor.h"
#include "xun/half.h"

#if XUN_X86_DISPATCH
#include <immintrin.h>
#endif

namespace xun::cpu {
namespace {

using qwen3::read_u16;

// F16 -> f32 by the processor's conversion instructions where it has them (F16C, AVX-512):
// the compiler does not vectorise the bit manipulation of half_to_float.
#if XUN_X86_DISPATCH
// GCC 12 warns inside its own _mm512_cvtph_ps (an intentionally undefined pass-through value).
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
__attribute__((target("avx512f"))) void f16_to_f32_avx512(const std::byte* in, float* out, uint64_t n) {
  uint64_t i = 0;
  for (; i + 16 <= n; i += 16)
    _mm512_storeu_ps(out + i, _mm512_cvtph_ps(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(in + 2 * i))));
  for (; i < n; ++i) out[i] = util::half_to_float(read_u16(in + 2 * i));
}
#pragma GCC diagnostic pop

__attribute__((target("avx,f16c"))) void f16_to_f32_f16c(const std::byte* in, float* out, uint64_t n) {
  uint64_t i = 0;
  for (; i + 8 <= n; i += 8)
    _mm256_storeu_ps(out + i, _mm256_cvtph_ps(_mm_loadu_si128(reinterpret_cast<const __m128i*>(in + 2 * i))));
  for (; i < n; ++i) out[i] = util::half_to_float(read_u16(in + 2 * i));
}
#endif

void f16_to_f32(const std::byte* in, float* out, uint64_t n) {
#if XUN_X86_DISPATCH
  static const bool avx512 = __builtin_cpu_supports("avx512f");
  static const bool f16c = __builtin_cpu_supports("f16c") && __builtin_cpu_supports("avx");
  if (avx512) return f16_to_f32_avx512(in, out, n);
  if (f16c) return f16_to_f32_f16c(in, out, n);
#endif
  for (uint64_t i = 0; i < n; ++i) out[i] = util::half_to_float(read_u16(in + 2 * i));
}

// The mapped bytes may sit at any offset, hence the byte-wise reads (still vector loads).
XUN_SIMD_CLONES void bf16_to_f32(const std::byte* __restrict in, float* __restrict out, uint64_t n) {
  for (uint64_t i = 0; i < n; ++i) {
    uint16_t half;
    std::memcpy(&half, in + 2 * i, 2);
    const uint32_t bits = static_cast<uint32_t>(half) << 16;  // bf16 is f32's high half
    std::memcpy(out + i, &bits, 4);
  }
}

XUN_SIMD_CLONES void q8_0_block_to_f32(const int8_t* __restrict q, float scale, float* __restrict out) {
  for (uint32_t i = 0; i < model::q8_0_block_values; ++i) out[i] = scale * static_cast<float>(q[i]);
}

}  // namespace

void decode_rows(const WeightRows& w, uint64_t first, uint32_t rows, float* out) {
  const model::TensorView& t = *w.tensor;
  const uint64_t cols = t.shape.back();
  const uint64_t n = rows * cols;
  const std::byte* in = t.bytes.data() + (w.first + first) * qwen3::row_bytes(t);
  switch (t.dtype) {
    case model::DType::f32:
      std::memcpy(out, in, n * 4);
      break;
    case model::DType::f16:
      f16_to_f32(in, out, n);
      break;
    case model::DType::bf16:
      bf16_to_f32(in, out, n);
      break;
    case model::DType::q8_0:
      for (uint64_t block = 0; block < n / model::q8_0_block_values; ++block) {
        const std::byte* b = in + block * model::q8_0_block_bytes;
        q8_0_block_to_f32(reinterpret_cast<const int8_t*>(b + 2), util::half_to_float(read_u16(b)),
                          out + block * model::q8_0_block_values);
      }
      break;
  }
}

}  // namespace xun::cpu
