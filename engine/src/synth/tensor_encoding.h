// Float values in a model file's storage types, as the files store them: F32, F16 and BF16
// little-endian; Q8_0 in ggml's 34-byte blocks (fp16 scale d = max|x| / 127, then 32 int8
// q = round(x / d): ggml's reference quantisation). Used by the synthetic models and the
// kernel benchmark.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "model/model_files.h"

namespace xun::synth {

// Appends `values` encoded as `dtype`; Q8_0 needs a multiple of 32 values.
void append_encoded(std::vector<std::byte>& out, std::span<const float> values, model::DType dtype);

}  // namespace xun::synth
