#version 450
#extension GL_GOOGLE_include_directive : require
// Causal attention for packed variable-length sequences, flash-attention style: one workgroup
// per (query head, query token) walks its keys in blocks of gl_WorkGroupSize.x, keeping a
// running max and sum (online softmax), so no score matrix is ever stored. A token's keys are
// its shared prefix (if any: reranking's prompt and query, computed once for all documents)
// followed by its own sequence up to itself. Query head h reads KV head h / (q_heads / kv_heads).
#define PUSH_ATTENTION
#include "push_constants.h"

layout(local_size_x_id = 0) in;  // power of two, default 64; head_dim <= 4 * it and <= 512

layout(std430, binding = 0) readonly buffer Qkv { float qkv[]; };       // [tokens, row_stride]
layout(std430, binding = 1) readonly buffer SequenceStart { uint sequence_start[]; };  // [tokens]
layout(std430, binding = 2) readonly buffer SharedPrefix { uvec2 shared_prefix[]; };   // [tokens] (first, count)
layout(std430, binding = 3) readonly buffer QueryTokens { uint query_tokens[]; };      // [queries]
layout(std430, binding = 4) writeonly buffer Output { float y[]; };     // [queries, q_heads * head_dim]

shared float reduce_scratch[gl_WorkGroupSize.x];
shared float query[512];
shared float probabilities[gl_WorkGroupSize.x];
#include "reduce.glsl"

const uint MAX_DIMS_PER_INVOCATION = 4;

void main() {
  const uint h = gl_WorkGroupID.x, q = gl_WorkGroupID.y;
  if (h >= pc.q_heads || q >= pc.queries) return;
  const uint id = gl_LocalInvocationID.x, width = gl_WorkGroupSize.x;
  const uint token = query_tokens[q];
  const uint first = sequence_start[token];
  const uvec2 prefix = shared_prefix[token];
  const uint key_count = prefix.y + token + 1u - first;
  const uint kv_head = h / (pc.q_heads / pc.kv_heads);
  const uint k_offset = (pc.q_heads + kv_head) * pc.head_dim;
  const uint v_offset = (pc.q_heads + pc.kv_heads + kv_head) * pc.head_dim;

  for (uint i = id; i < pc.head_dim; i += width) query[i] = qkv[token * pc.row_stride + h * pc.head_dim + i] * pc.scale;
  barrier();

  float running_max = -1.0 / 0.0;
  float running_sum = 0.0;
  float acc[MAX_DIMS_PER_INVOCATION];
  for (uint d = 0; d < MAX_DIMS_PER_INVOCATION; ++d) acc[d] = 0.0;

  // Keys are numbered 0 .. key_count-1 across the prefix and the own sequence.
  for (uint block = 0; block < key_count; block += width) {
    const uint key = block + id;
    const uint key_token = key < prefix.y ? prefix.x + key : first + (key - prefix.y);
    float score = -1.0 / 0.0;
    if (key < key_count) {
      score = 0.0;
      const uint k_base = key_token * pc.row_stride + k_offset;
      for (uint i = 0; i < pc.head_dim; ++i) score += query[i] * qkv[k_base + i];
    }
    const float block_max = workgroup_max(score);
    const float new_max = max(running_max, block_max);
    const float p = key < key_count ? exp(score - new_max) : 0.0;
    probabilities[id] = p;
    const float block_sum = workgroup_sum(p);  // its barriers also publish `probabilities`
    const float correction = exp(running_max - new_max);
    running_sum = running_sum * correction + block_sum;
    running_max = new_max;

    const uint keys_here = min(width, key_count - block);
    for (uint d = 0; d < MAX_DIMS_PER_INVOCATION; ++d) {
      const uint dim = id + d * width;
      if (dim >= pc.head_dim) break;
      float sum = 0.0;
      for (uint c = 0; c < keys_here; ++c) {
        const uint k = block + c;
        const uint t = k < prefix.y ? prefix.x + k : first + (k - prefix.y);
        sum += probabilities[c] * qkv[t * pc.row_stride + v_offset + dim];
      }
      acc[d] = acc[d] * correction + sum;
    }
    barrier();  // `probabilities` is rewritten by the next block
  }

  const uint out_base = q * pc.q_heads * pc.head_dim + h * pc.head_dim;
  for (uint d = 0; d < MAX_DIMS_PER_INVOCATION; ++d) {
    const uint dim = id + d * width;
    if (dim < pc.head_dim) y[out_base + dim] = acc[d] / running_sum;
  }
}
