// Reads tensors on the host: whole norm vectors, single embedding rows, weight bytes repacked
// for the GPU. Works for every stored type.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "model/model_files.h"

namespace xun::qwen3 {

// A 16-bit value at any byte offset of a mapped file (F16/BF16 elements, Q8_0 block scales).
uint16_t read_u16(const std::byte* p);
// Bytes one row of a matrix takes as stored (Q8_0: 34-byte blocks of 32 values).
uint64_t row_bytes(const model::TensorView& tensor);
// Row `row` of a 2-D tensor (or the whole of a 1-D one when row == 0) as floats.
void decode_row(const model::TensorView& tensor, uint64_t row, std::span<float> out);
std::vector<float> decode_vector(const model::TensorView& tensor);

// Appends rows [first, first + count) of a matrix in the layout the matmul shaders read
// (weights.glsl): F32/F16/BF16 bytes as stored; Q8_0 repacked into 36-byte blocks
// (f32 scale, 32 int8) so that every block starts on a word.
void append_gpu_rows(const model::TensorView& tensor, uint64_t first, uint64_t count, std::vector<std::byte>& out);

}  // namespace xun::qwen3
