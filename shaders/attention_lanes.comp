#version 450
#extension GL_GOOGLE_include_directive : require
#extension GL_EXT_control_flow_attributes : require
#extension GL_KHR_shader_subgroup_arithmetic : require
// The same attention as attention.comp, for CPU devices: one subgroup per workgroup (no shared
// memory, no barrier) handles one query token and one KV head with every query head that
// shares it (grouped-query attention: each key and value row is read once for the group). The
// lanes split the head: lane l holds dimensions 4l..4l+3, 4(l + width).., so one load of the
// lanes covers neighbouring addresses; subgroupAdd completes each score. The softmax is kept
// online (running max and sum) over blocks of keys, so no score matrix exists. Same push
// constants and bindings as attention.comp.
#define PUSH_ATTENTION
#include "push_constants.h"

layout(local_size_x_id = 0) in;  // the device's subgroup size
layout(constant_id = 1) const uint HEAD_DIM = 128;  // equals pc.head_dim; a multiple of 4 * width
layout(constant_id = 2) const uint GROUP = 2;       // query heads per KV head: pc.q_heads / pc.kv_heads
layout(constant_id = 3) const uint KEYS = 4;        // keys per block

layout(std430, binding = 0) readonly buffer Qkv { vec4 qkv[]; };  // [tokens, row_stride / 4]
layout(std430, binding = 1) readonly buffer SequenceStart { uint sequence_start[]; };
layout(std430, binding = 2) readonly buffer SharedPrefix { uvec2 shared_prefix[]; };
layout(std430, binding = 3) readonly buffer QueryTokens { uint query_tokens[]; };
layout(std430, binding = 4) writeonly buffer Output { vec4 y[]; };  // [queries, q_heads * head_dim / 4]

const uint WIDTH = gl_WorkGroupSize.x;
const uint QUADS = HEAD_DIM / 4u / WIDTH;  // quads of the head each lane holds

void main() {
  const uint kv_head = gl_WorkGroupID.x, q = gl_WorkGroupID.y;
  if (kv_head >= pc.kv_heads || q >= pc.queries) return;
  const uint lane = gl_LocalInvocationID.x;
  const uint token = query_tokens[q];
  const uint first = sequence_start[token];
  const uvec2 prefix = shared_prefix[token];
  const uint key_count = prefix.y + token + 1u - first;
  const uint row_quads = pc.row_stride / 4u, head_quads = HEAD_DIM / 4u;
  const uint k_quad = (pc.q_heads + kv_head) * head_quads + lane;
  const uint v_quad = (pc.q_heads + pc.kv_heads + kv_head) * head_quads + lane;

  vec4 query[GROUP][QUADS], acc[GROUP][QUADS];
  float running_max[GROUP], running_sum[GROUP];
  [[unroll]] for (uint g = 0; g < GROUP; ++g) {
    const uint q_quad = token * row_quads + (kv_head * GROUP + g) * head_quads + lane;
    [[unroll]] for (uint j = 0; j < QUADS; ++j) {
      query[g][j] = qkv[q_quad + j * WIDTH] * pc.scale;
      acc[g][j] = vec4(0.0);
    }
    running_max[g] = -1.0 / 0.0;
    running_sum[g] = 0.0;
  }

  // Keys go in blocks of KEYS (flash-attention style): one running-max update and one
  // rescaling of the accumulators per block rather than per key. Keys past the end of a block
  // re-read the last key and get probability 0.
  for (uint block = 0; block < key_count; block += KEYS) {
    uint t[KEYS];
    [[unroll]] for (uint b = 0; b < KEYS; ++b) {
      const uint key = min(block + b, key_count - 1u);
      t[b] = key < prefix.y ? prefix.x + key : first + (key - prefix.y);
    }
    float score[GROUP][KEYS];
    [[unroll]] for (uint b = 0; b < KEYS; ++b) {
      vec4 k[QUADS];
      [[unroll]] for (uint j = 0; j < QUADS; ++j) k[j] = qkv[t[b] * row_quads + k_quad + j * WIDTH];
      [[unroll]] for (uint g = 0; g < GROUP; ++g) {
        float partial = 0.0;
        [[unroll]] for (uint j = 0; j < QUADS; ++j) partial += dot(query[g][j], k[j]);
        const float total = subgroupAdd(partial);
        score[g][b] = block + b < key_count ? total : -1.0 / 0.0;
      }
    }
    [[unroll]] for (uint g = 0; g < GROUP; ++g) {
      float block_max = score[g][0];
      [[unroll]] for (uint b = 1; b < KEYS; ++b) block_max = max(block_max, score[g][b]);
      const float new_max = max(running_max[g], block_max);
      const float correction = exp(running_max[g] - new_max);
      running_max[g] = new_max;
      running_sum[g] *= correction;
      [[unroll]] for (uint j = 0; j < QUADS; ++j) acc[g][j] *= correction;
      [[unroll]] for (uint b = 0; b < KEYS; ++b) {
        score[g][b] = exp(score[g][b] - new_max);  // now the probability
        running_sum[g] += score[g][b];
      }
    }
    [[unroll]] for (uint b = 0; b < KEYS; ++b) {
      [[unroll]] for (uint j = 0; j < QUADS; ++j) {
        const vec4 v = qkv[t[b] * row_quads + v_quad + j * WIDTH];
        [[unroll]] for (uint g = 0; g < GROUP; ++g) acc[g][j] += score[g][b] * v;
      }
    }
  }

  [[unroll]] for (uint g = 0; g < GROUP; ++g) {
    const uint out_quad = q * pc.q_heads * head_quads + (kv_head * GROUP + g) * head_quads + lane;
    [[unroll]] for (uint j = 0; j < QUADS; ++j) y[out_quad + j * WIDTH] = acc[g][j] / running_sum[g];
  }
}
