#version 450
#extension GL_GOOGLE_include_directive : require
// In place on the fused QKV buffer [tokens, (q_heads + 2 kv_heads) * head_dim]: each Q and K
// head is RMS-normalised with q_norm / k_norm (before RoPE, as Qwen3 does), then rotated with
// NEOX-style RoPE (element j pairs with j + head_dim/2). V heads are left alone.
// Workgroup (head, token); cos/sin come from a table the host computes in double precision.
#define PUSH_QK_NORM_ROPE
#include "push_constants.h"

layout(local_size_x_id = 0) in;  // power of two, default 64

layout(std430, binding = 0) buffer Qkv { float qkv[]; };
layout(std430, binding = 1) readonly buffer QNorm { float q_norm[]; };
layout(std430, binding = 2) readonly buffer KNorm { float k_norm[]; };
layout(std430, binding = 3) readonly buffer Positions { uint positions[]; };
// [position, head_dim / 2] pairs (cos, sin)
layout(std430, binding = 4) readonly buffer RopeTable { vec2 rope[]; };

shared float reduce_scratch[gl_WorkGroupSize.x];
shared float head[512];
#include "reduce.glsl"

void main() {
  const uint h = gl_WorkGroupID.x, token = gl_WorkGroupID.y;
  if (h >= pc.q_heads + pc.kv_heads || token >= pc.tokens) return;
  const bool is_query = h < pc.q_heads;
  const uint base = token * pc.row_stride + h * pc.head_dim;
  const uint half_dim = pc.head_dim / 2u;

  float squares = 0.0;
  for (uint i = gl_LocalInvocationID.x; i < pc.head_dim; i += gl_WorkGroupSize.x) {
    const float v = qkv[base + i];
    head[i] = v;
    squares += v * v;
  }
  const float inverse_rms = inversesqrt(workgroup_sum(squares) / float(pc.head_dim) + pc.eps);
  for (uint i = gl_LocalInvocationID.x; i < pc.head_dim; i += gl_WorkGroupSize.x)
    head[i] *= inverse_rms * (is_query ? q_norm[i] : k_norm[i]);
  barrier();

  const uint table = positions[token] * half_dim;
  for (uint j = gl_LocalInvocationID.x; j < half_dim; j += gl_WorkGroupSize.x) {
    const vec2 cs = rope[table + j];
    const float a = head[j], b = head[j + half_dim];
    qkv[base + j] = a * cs.x - b * cs.y;
    qkv[base + j + half_dim] = b * cs.x + a * cs.y;
  }
}
