// float16 for the in-memory search vectors: the engine's conversions (round to nearest even),
// used for the few values converted outside the SIMD kernels and on CPUs without F16C.
#pragma once

#include "xun/half.h"

namespace xun::core {

using xun::util::float_to_half;
using xun::util::half_to_float;

}  // namespace xun::core
