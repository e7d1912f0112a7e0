#version 450
#extension GL_GOOGLE_include_directive : require
#extension GL_EXT_control_flow_attributes : require
// Quantises activations to 8 bits for the integer-dot-product matmul, as llama.cpp does for
// Q8_0 weights: each block of 32 values of a row becomes a scale d = max|x| / 127 and 32
// int8 q = round(x / d), laid out like the repacked weights (weights.glsl): the scale as f32
// bits, then 8 words of 4 int8. One invocation per block: no barriers, fine on any device.
#define PUSH_QUANTIZE
#include "push_constants.h"

layout(local_size_x = 64) in;

layout(std430, binding = 0) readonly buffer Input { float x[]; };       // [rows, inner]
layout(std430, binding = 1) writeonly buffer Output { uint blocks[]; };  // [rows, inner / 32, 9]

void main() {
  const uint per_row = pc.inner / 32u;
  const uint item = gl_GlobalInvocationID.x;
  if (item >= pc.rows * per_row) return;
  const uint base = (item / per_row) * pc.inner + (item % per_row) * 32u;
  float amax = 0.0;
  [[unroll]] for (uint i = 0; i < 32u; ++i) amax = max(amax, abs(x[base + i]));
  const float d = amax / 127.0;
  const float inverse = d > 0.0 ? 1.0 / d : 0.0;
  blocks[item * 9u] = floatBitsToUint(d);
  [[unroll]] for (uint w = 0; w < 8u; ++w) {
    uint word = 0u;
    [[unroll]] for (uint i = 0; i < 4u; ++i) {
      const int q = clamp(int(round(x[base + 4u * w + i] * inverse)), -127, 127);
      word |= (uint(q) & 0xffu) << (8u * i);
    }
    blocks[item * 9u + 1u + w] = word;
  }
}
