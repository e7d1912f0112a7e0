#version 450
#extension GL_GOOGLE_include_directive : require
#extension GL_EXT_control_flow_attributes : require
// The same attention as attention.comp, one invocation per (query token, query head): no shared
// memory and no barriers, the softmax kept online in registers. The plain kernel for CPU
// devices (lavapipe), where barriers are expensive and invocations run as SIMD lanes; on a GPU
// the workgroup kernel is faster. Same push constants and bindings as attention.comp.
//
// The head size is a specialization constant so that the loops over it are unrolled: lavapipe
// gives each invocation a budget of 65535 loop iterations in all, and without unrolling a
// 128-wide head would exhaust it after about 400 keys, silently ending the loop early.
#define PUSH_ATTENTION
#include "push_constants.h"

layout(local_size_x_id = 0) in;  // default 64

layout(std430, binding = 0) readonly buffer Qkv { float qkv[]; };
layout(std430, binding = 1) readonly buffer SequenceStart { uint sequence_start[]; };
layout(std430, binding = 2) readonly buffer SharedPrefix { uvec2 shared_prefix[]; };
layout(std430, binding = 3) readonly buffer QueryTokens { uint query_tokens[]; };
layout(std430, binding = 4) writeonly buffer Output { float y[]; };

layout(constant_id = 1) const uint HEAD_DIM = 128;  // equals pc.head_dim; a multiple of 4
const uint QUADS = HEAD_DIM / 4;

void main() {
  const uint item = gl_GlobalInvocationID.x;
  const uint q = item / pc.q_heads, h = item % pc.q_heads;
  if (q >= pc.queries) return;
  const uint token = query_tokens[q];
  const uint first = sequence_start[token];
  const uvec2 prefix = shared_prefix[token];
  const uint key_count = prefix.y + token + 1u - first;
  const uint kv_head = h / (pc.q_heads / pc.kv_heads);
  const uint q_base = token * pc.row_stride + h * pc.head_dim;
  const uint k_offset = (pc.q_heads + kv_head) * pc.head_dim;
  const uint v_offset = (pc.q_heads + pc.kv_heads + kv_head) * pc.head_dim;

  vec4 acc[QUADS];
  [[unroll]] for (uint d = 0; d < QUADS; ++d) acc[d] = vec4(0.0);
  float running_max = -1.0 / 0.0, running_sum = 0.0;
  for (uint key = 0; key < key_count; ++key) {
    const uint t = key < prefix.y ? prefix.x + key : first + (key - prefix.y);
    float score = 0.0;
    [[unroll]] for (uint d = 0; d < HEAD_DIM; ++d) score += qkv[q_base + d] * qkv[t * pc.row_stride + k_offset + d];
    score *= pc.scale;
    const float new_max = max(running_max, score);
    const float correction = exp(running_max - new_max);
    const float p = exp(score - new_max);
    running_sum = running_sum * correction + p;
    running_max = new_max;
    const uint v_base = t * pc.row_stride + v_offset;
    [[unroll]] for (uint d = 0; d < QUADS; ++d) {
      const vec4 v = vec4(qkv[v_base + 4u * d], qkv[v_base + 4u * d + 1u], qkv[v_base + 4u * d + 2u], qkv[v_base + 4u * d + 3u]);
      acc[d] = acc[d] * correction + p * v;
    }
  }
  const uint out_base = q * pc.q_heads * pc.head_dim + h * pc.head_dim;
  [[unroll]] for (uint d = 0; d < QUADS; ++d) {
    const vec4 out_value = acc[d] / running_sum;
    y[out_base + 4u * d] = out_value.x;
    y[out_base + 4u * d + 1u] = out_value.y;
    y[out_base + 4u * d + 2u] = out_value.z;
    y[out_base + 4u * d + 3u] = out_value.w;
  }
}
