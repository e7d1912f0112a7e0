#version 450
#extension GL_GOOGLE_include_directive : require
#extension GL_EXT_control_flow_attributes : require
// Causal attention for packed variable-length sequences, flash-attention style: one workgroup
// per (KV head, query token) serves every query head that shares the KV head (grouped-query
// attention: each key and value row is read once for the group). It walks the keys in blocks
// of gl_WorkGroupSize.x, an invocation per key, keeping a running max and sum per head (online
// softmax), so no score matrix is ever stored. A token's keys are its shared prefix (if any:
// reranking's prompt and query, computed once for all documents) followed by its own sequence
// up to itself. Query head h = kv_head * GROUP + g.
#define PUSH_ATTENTION
#include "push_constants.h"

layout(local_size_x_id = 0) in;  // power of two, default 64; HEAD_DIM <= 4 * it
layout(constant_id = 1) const uint HEAD_DIM = 128;  // equals pc.head_dim
layout(constant_id = 2) const uint GROUP = 1;       // query heads per KV head: pc.q_heads / pc.kv_heads

layout(std430, binding = 0) readonly buffer Qkv { float qkv[]; };       // [tokens, row_stride]
layout(std430, binding = 1) readonly buffer SequenceStart { uint sequence_start[]; };  // [tokens]
layout(std430, binding = 2) readonly buffer SharedPrefix { uvec2 shared_prefix[]; };   // [tokens] (first, count)
layout(std430, binding = 3) readonly buffer QueryTokens { uint query_tokens[]; };      // [queries]
layout(std430, binding = 4) writeonly buffer Output { float y[]; };     // [queries, q_heads * head_dim]

shared float reduce_scratch[gl_WorkGroupSize.x];
shared float query[GROUP * HEAD_DIM];
shared float probabilities[GROUP * gl_WorkGroupSize.x];  // [head of the group][key of the block]
#include "reduce.glsl"

const uint MAX_DIMS_PER_INVOCATION = 4;

void main() {
  const uint kv_head = gl_WorkGroupID.x, q = gl_WorkGroupID.y;
  if (kv_head >= pc.kv_heads || q >= pc.queries) return;
  const uint id = gl_LocalInvocationID.x, width = gl_WorkGroupSize.x;
  const uint token = query_tokens[q];
  const uint first = sequence_start[token];
  const uvec2 prefix = shared_prefix[token];
  const uint key_count = prefix.y + token + 1u - first;
  const uint k_offset = (pc.q_heads + kv_head) * HEAD_DIM;
  const uint v_offset = (pc.q_heads + pc.kv_heads + kv_head) * HEAD_DIM;

  for (uint i = id; i < GROUP * HEAD_DIM; i += width)
    query[i] = qkv[token * pc.row_stride + kv_head * GROUP * HEAD_DIM + i] * pc.scale;
  barrier();

  float running_max[GROUP], running_sum[GROUP], acc[GROUP][MAX_DIMS_PER_INVOCATION];
  [[unroll]] for (uint g = 0; g < GROUP; ++g) {
    running_max[g] = -1.0 / 0.0;
    running_sum[g] = 0.0;
    for (uint d = 0; d < MAX_DIMS_PER_INVOCATION; ++d) acc[g][d] = 0.0;
  }

  // Keys are numbered 0 .. key_count-1 across the prefix and the own sequence.
  for (uint block = 0; block < key_count; block += width) {
    const uint key = block + id;
    const uint key_token = key < prefix.y ? prefix.x + key : first + (key - prefix.y);
    float score[GROUP];
    [[unroll]] for (uint g = 0; g < GROUP; ++g) score[g] = key < key_count ? 0.0 : -1.0 / 0.0;
    if (key < key_count) {
      const uint k_base = key_token * pc.row_stride + k_offset;
      for (uint i = 0; i < HEAD_DIM; ++i) {
        const float k = qkv[k_base + i];
        [[unroll]] for (uint g = 0; g < GROUP; ++g) score[g] += query[g * HEAD_DIM + i] * k;
      }
    }
    float correction[GROUP];
    [[unroll]] for (uint g = 0; g < GROUP; ++g) {
      const float new_max = max(running_max[g], workgroup_max(score[g]));
      const float p = key < key_count ? exp(score[g] - new_max) : 0.0;
      probabilities[g * width + id] = p;
      const float block_sum = workgroup_sum(p);  // its barriers also publish `probabilities`
      correction[g] = exp(running_max[g] - new_max);
      running_sum[g] = running_sum[g] * correction[g] + block_sum;
      running_max[g] = new_max;
    }

    const uint keys_here = min(width, key_count - block);
    for (uint d = 0; d < MAX_DIMS_PER_INVOCATION; ++d) {
      const uint dim = id + d * width;
      if (dim >= HEAD_DIM) break;
      float sum[GROUP];
      [[unroll]] for (uint g = 0; g < GROUP; ++g) sum[g] = 0.0;
      for (uint c = 0; c < keys_here; ++c) {
        const uint k = block + c;
        const uint t = k < prefix.y ? prefix.x + k : first + (k - prefix.y);
        const float v = qkv[t * pc.row_stride + v_offset + dim];
        [[unroll]] for (uint g = 0; g < GROUP; ++g) sum[g] += probabilities[g * width + c] * v;
      }
      [[unroll]] for (uint g = 0; g < GROUP; ++g) acc[g][d] = acc[g][d] * correction[g] + sum[g];
    }
    barrier();  // `probabilities` is rewritten by the next block
  }

  [[unroll]] for (uint g = 0; g < GROUP; ++g) {
    const uint out_base = q * pc.q_heads * HEAD_DIM + (kv_head * GROUP + g) * HEAD_DIM;
    for (uint d = 0; d < MAX_DIMS_PER_INVOCATION; ++d) {
      const uint dim = id + d * width;
      if (dim < HEAD_DIM) y[out_base + dim] = acc[g][d] / running_sum[g];
    }
  }
}
