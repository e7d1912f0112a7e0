#version 450
#extension GL_GOOGLE_include_directive : require
// qk_norm_rope.comp with one invocation per (token, Q or K head): the plain kernel for CPU
// devices (no barriers, no shared memory).
#define PUSH_QK_NORM_ROPE
#include "push_constants.h"

layout(local_size_x_id = 0) in;  // default 64

layout(std430, binding = 0) buffer Qkv { float qkv[]; };
layout(std430, binding = 1) readonly buffer QNorm { float q_norm[]; };
layout(std430, binding = 2) readonly buffer KNorm { float k_norm[]; };
layout(std430, binding = 3) readonly buffer Positions { uint positions[]; };
layout(std430, binding = 4) readonly buffer RopeTable { vec2 rope[]; };

void main() {
  const uint heads = pc.q_heads + pc.kv_heads;
  const uint item = gl_GlobalInvocationID.x;
  const uint token = item / heads, h = item % heads;
  if (token >= pc.tokens) return;
  const bool is_query = h < pc.q_heads;
  const uint base = token * pc.row_stride + h * pc.head_dim;
  const uint half_dim = pc.head_dim / 2u;
  float squares = 0.0;
  for (uint i = 0; i < pc.head_dim; ++i) squares += qkv[base + i] * qkv[base + i];
  const float inverse_rms = inversesqrt(squares / float(pc.head_dim) + pc.eps);
  const uint table = positions[token] * half_dim;
  for (uint j = 0; j < half_dim; ++j) {
    const float a = qkv[base + j] * inverse_rms * (is_query ? q_norm[j] : k_norm[j]);
    const float b = qkv[base + j + half_dim] * inverse_rms * (is_query ? q_norm[j + half_dim] : k_norm[j + half_dim]);
    const vec2 cs = rope[table + j];
    qkv[base + j] = a * cs.x - b * cs.y;
    qkv[base + j + half_dim] = b * cs.x + a * cs.y;
  }
}
