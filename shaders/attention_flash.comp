#version 450
#extension GL_GOOGLE_include_directive : require
#extension GL_EXT_control_flow_attributes : require
#ifdef FLASH_COOP
#extension GL_KHR_shader_subgroup_basic : require
#extension GL_KHR_shader_subgroup_arithmetic : require
#endif
// The attention of attention.comp (same bindings, push constants and results), tiled as flash
// attention: a workgroup takes Q_BLOCK consecutive entries of the query list and one KV head,
// so its ROWS = Q_BLOCK x GROUP rows (query-major: row r is entry r / GROUP, head
// kv_head * GROUP + r % GROUP) share every key and value row it reads. Keys come in tiles of
// KEYS consecutive tokens staged in shared memory; each row keeps a running max and sum
// (online softmax) and its output is rescaled by the correction whenever the max grows.
//
// A tile starts at the next key some query of the block sees (its shared prefix or its own
// sequence up to itself), so the keys between a rerank prefix and a document, and those past
// the block's last query, are never read. Inside a tile each (row, key) is masked on its own:
// a block may span sequences (a list of last tokens has one query per sequence).
//
// Two variants:
//   - scalar (default): f32 throughout, scores and P * V by plain loops (GPUs without matrix
//     units);
//   - FLASH_COOP: Q K^T and P V on cooperative matrices (coop.glsl; with COOP_EMULATED by plain
//     code), Q, K, V and P staged as f16. f16 stops at 65504, so each Q row and K row, and each
//     dimension of a V tile, is scaled by the power of two that brings its largest magnitude
//     to [2^13, 2^14) (exact: only exponents change) and the f32 results are unscaled. The
//     softmax and the output accumulators stay f32: P V of each tile goes through a fresh
//     accumulator and is added to the lanes' outputs with the row's correction.
#define PUSH_ATTENTION
#include "push_constants.h"

layout(local_size_x_id = 0) in;
layout(constant_id = 1) const uint HEAD_DIM = 128;  // equals pc.head_dim
layout(constant_id = 2) const uint GROUP = 1;       // query heads per KV head
layout(constant_id = 3) const uint Q_BLOCK = 8;     // entries of the query list per workgroup
layout(constant_id = 4) const uint KEYS = 16;       // keys per tile

layout(std430, binding = 0) readonly buffer Qkv { float qkv[]; };       // [tokens, row_stride]
layout(std430, binding = 1) readonly buffer SequenceStart { uint sequence_start[]; };  // [tokens]
layout(std430, binding = 2) readonly buffer SharedPrefix { uvec2 shared_prefix[]; };   // [tokens] (first, count)
layout(std430, binding = 3) readonly buffer QueryTokens { uint query_tokens[]; };      // [queries]
layout(std430, binding = 4) writeonly buffer Output { float y[]; };     // [queries, q_heads * head_dim]

const uint WIDTH = gl_WorkGroupSize.x;
const uint ROWS = Q_BLOCK * GROUP;
const uint NONE = 0xffffffffu;

#ifndef FLASH_COOP
const uint ROW_SLOTS = ROWS;
const uint STRIDE = HEAD_DIM + 1u;  // floats per staged Q or K row: rows start in different banks
shared float q_stage[ROWS * STRIDE];  // pre-multiplied by pc.scale
shared float k_stage[KEYS * STRIDE];
shared float v_stage[KEYS * HEAD_DIM];
shared float scores[ROWS * KEYS];     // the tile's scores, then its probabilities
const uint OUTPUTS = (ROWS * HEAD_DIM + WIDTH - 1u) / WIDTH;  // an invocation's: id + j * WIDTH of [rows][dims]
#else
layout(constant_id = 5) const uint SUBGROUP = 32;
layout(constant_id = 6) const uint COOP_M = 16;
layout(constant_id = 7) const uint COOP_N = 16;
layout(constant_id = 8) const uint COOP_K = 16;
#include "coop.glsl"

const uint SUBGROUPS = WIDTH / SUBGROUP;
const uint ROW_SLOTS = (ROWS + COOP_M - 1u) / COOP_M * COOP_M;  // padding rows are zeros
const uint QKV_STRIDE = HEAD_DIM + 8u;  // halves per staged row: 16-byte aligned, off the bank period
const uint P_STRIDE = KEYS + 8u;
shared float16_t q_stage[ROW_SLOTS * QKV_STRIDE];
shared float16_t k_stage[KEYS * QKV_STRIDE];
shared float16_t v_stage[KEYS * QKV_STRIDE];  // [key][dim]: B of P * V, row-major
shared float16_t p_stage[ROW_SLOTS * P_STRIDE];
shared float scores[ROW_SLOTS * KEYS];        // scaled, as the accumulators leave them
shared float q_unscale[ROW_SLOTS], k_unscale[KEYS], v_unscale[HEAD_DIM];
shared float out_stage[SUBGROUPS * COOP_M * COOP_N];

const uint STAGE_ELEMENTS = (COOP_M * COOP_N + SUBGROUP - 1u) / SUBGROUP;  // per lane
const uint SCORE_FRAGS_N = KEYS / COOP_N, OUT_FRAGS_N = HEAD_DIM / COOP_N;
const uint SCORE_FRAGS = (ROW_SLOTS / COOP_M) * SCORE_FRAGS_N;
const uint OUT_FRAGS = (ROW_SLOTS / COOP_M) * OUT_FRAGS_N;
const uint OUT_FRAGS_PER_SUBGROUP = (OUT_FRAGS + SUBGROUPS - 1u) / SUBGROUPS;

// The power of two that brings `largest` into [2^13, 2^14).
float f16_scale(float largest) {
  int exponent;  // largest = f * 2^exponent, 0.5 <= f < 1
  frexp(largest, exponent);
  return largest > 0.0 && !isinf(largest) ? exp2(float(clamp(14 - exponent, -120, 120))) : 1.0;
}

// max |qkv[base + d] * factor| over the row, for every lane of the subgroup.
float row_largest(uint base, float factor, bool valid) {
  float largest = 0.0;
  if (valid)
    for (uint d = gl_SubgroupInvocationID; d < HEAD_DIM; d += SUBGROUP) largest = max(largest, abs(qkv[base + d] * factor));
  return subgroupMax(largest);
}
#endif

// The block's queries; an entry past the list sees nothing (own range empty, no prefix).
shared uint query_token[Q_BLOCK];
shared uint query_first[Q_BLOCK];
shared uvec2 query_prefix[Q_BLOCK];
shared float row_max[ROW_SLOTS], row_sum[ROW_SLOTS], row_correction[ROW_SLOTS];

bool sees(uint entry, uint key) {
  const uvec2 prefix = query_prefix[entry];
  return (key >= prefix.x && key - prefix.x < prefix.y) || (key >= query_first[entry] && key <= query_token[entry]);
}

// The first key at or after `from` that some query of the block sees; NONE past the last.
uint next_key(uint from) {
  uint next = NONE;
  for (uint i = 0; i < Q_BLOCK; ++i) {
    const uvec2 prefix = query_prefix[i];
    if (prefix.y > 0u && prefix.x + prefix.y > from) next = min(next, max(from, prefix.x));
    if (query_first[i] <= query_token[i] && query_token[i] >= from) next = min(next, max(from, query_first[i]));
  }
  return next;
}

void main() {
  const uint kv_head = gl_WorkGroupID.x, q0 = gl_WorkGroupID.y * Q_BLOCK;
  if (kv_head >= pc.kv_heads) return;
  const uint id = gl_LocalInvocationIndex;
  const uint k_offset = (pc.q_heads + kv_head) * HEAD_DIM;
  const uint v_offset = (pc.q_heads + pc.kv_heads + kv_head) * HEAD_DIM;

  for (uint i = id; i < Q_BLOCK; i += WIDTH) {
    const bool listed = q0 + i < pc.queries;
    const uint token = listed ? query_tokens[q0 + i] : 0u;
    query_token[i] = token;
    query_first[i] = listed ? sequence_start[token] : 1u;
    query_prefix[i] = listed ? shared_prefix[token] : uvec2(0u);
  }
  for (uint r = id; r < ROW_SLOTS; r += WIDTH) {
    row_max[r] = -1.0 / 0.0;
    row_sum[r] = 0.0;
  }
  barrier();
  // Tokens up to `last_key` exist (some query is there or after): the rest of a tile is zeros.
  uint last_key = 0u;
  for (uint i = 0; i < Q_BLOCK; ++i) {
    if (query_first[i] <= query_token[i]) last_key = max(last_key, query_token[i]);
    if (query_prefix[i].y > 0u) last_key = max(last_key, query_prefix[i].x + query_prefix[i].y - 1u);
  }

#ifndef FLASH_COOP
  for (uint i = id; i < ROWS * HEAD_DIM; i += WIDTH) {
    const uint r = i / HEAD_DIM, d = i % HEAD_DIM, entry = r / GROUP;
    const uint at = query_token[entry] * pc.row_stride + (kv_head * GROUP + r % GROUP) * HEAD_DIM + d;
    q_stage[r * STRIDE + d] = q0 + entry < pc.queries ? qkv[at] * pc.scale : 0.0;
  }
  float acc[OUTPUTS];
  [[unroll]] for (uint j = 0; j < OUTPUTS; ++j) acc[j] = 0.0;
#else
  const uint subgroup = gl_SubgroupID, lane = gl_SubgroupInvocationID;
  for (uint r = subgroup; r < ROW_SLOTS; r += SUBGROUPS) {
    const uint entry = r / GROUP;
    const bool valid = r < ROWS && q0 + entry < pc.queries;
    const uint base = valid ? query_token[entry] * pc.row_stride + (kv_head * GROUP + r % GROUP) * HEAD_DIM : 0u;
    const float scale = f16_scale(row_largest(base, pc.scale, valid));
    for (uint d = lane; d < HEAD_DIM; d += SUBGROUP)
      q_stage[r * QKV_STRIDE + d] = valid ? to_f16_finite(qkv[base + d] * pc.scale * scale) : float16_t(0.0);
    if (subgroupElect()) q_unscale[r] = 1.0 / scale;
  }
  // The subgroup's output fragments: f = subgroup + j * SUBGROUPS, lane elements as staged.
  float acc[OUT_FRAGS_PER_SUBGROUP * STAGE_ELEMENTS];
  [[unroll]] for (uint j = 0; j < OUT_FRAGS_PER_SUBGROUP * STAGE_ELEMENTS; ++j) acc[j] = 0.0;
  const uint stage = subgroup * COOP_M * COOP_N;
#endif

  for (uint k0 = next_key(0u); k0 != NONE; k0 = next_key(k0 + KEYS)) {
#ifndef FLASH_COOP
    for (uint i = id; i < KEYS * HEAD_DIM; i += WIDTH) {
      const uint c = i / HEAD_DIM, d = i % HEAD_DIM, key = k0 + c;
      float k = 0.0, v = 0.0;
      if (key <= last_key) {  // a branch, not a select: past the last token may be past the buffer
        k = qkv[key * pc.row_stride + k_offset + d];
        v = qkv[key * pc.row_stride + v_offset + d];
      }
      k_stage[c * STRIDE + d] = k;
      v_stage[c * HEAD_DIM + d] = v;
    }
    barrier();
    for (uint i = id; i < ROWS * KEYS; i += WIDTH) {
      const uint r = i / KEYS, c = i % KEYS;
      float dot = 0.0;
      for (uint d = 0; d < HEAD_DIM; ++d) dot += q_stage[r * STRIDE + d] * k_stage[c * STRIDE + d];
      scores[i] = dot;
    }
#else
    for (uint c = subgroup; c < KEYS; c += SUBGROUPS) {
      const uint key = k0 + c;
      const bool valid = key <= last_key;
      const uint base = valid ? key * pc.row_stride + k_offset : 0u;
      const float scale = f16_scale(row_largest(base, 1.0, valid));
      for (uint d = lane; d < HEAD_DIM; d += SUBGROUP)
        k_stage[c * QKV_STRIDE + d] = valid ? to_f16_finite(qkv[base + d] * scale) : float16_t(0.0);
      if (subgroupElect()) k_unscale[c] = 1.0 / scale;
    }
    // V by dimension: P * V sums over keys, so a scale may vary along a row but not down a column.
    for (uint d = id; d < HEAD_DIM; d += WIDTH) {
      float largest = 0.0;
      for (uint c = 0; c < KEYS && k0 + c <= last_key; ++c)
        largest = max(largest, abs(qkv[(k0 + c) * pc.row_stride + v_offset + d]));
      const float scale = f16_scale(largest);
      for (uint c = 0; c < KEYS; ++c) {
        float v = 0.0;
        if (k0 + c <= last_key) v = qkv[(k0 + c) * pc.row_stride + v_offset + d] * scale;
        v_stage[c * QKV_STRIDE + d] = to_f16_finite(v);
      }
      v_unscale[d] = 1.0 / scale;
    }
    barrier();
    for (uint f = subgroup; f < SCORE_FRAGS; f += SUBGROUPS) {
      const uint row0 = (f / SCORE_FRAGS_N) * COOP_M, key0 = (f % SCORE_FRAGS_N) * COOP_N;
      COOP_ACC(s, 1);
      COOP_A(a, 1);
      COOP_B(b, 1);
      for (uint kk = 0; kk < HEAD_DIM; kk += COOP_K) {
        COOP_LOAD_A(a[0], q_stage, row0 * QKV_STRIDE + kk, QKV_STRIDE);
        COOP_LOAD_B(b[0], k_stage, key0 * QKV_STRIDE + kk, QKV_STRIDE);
        COOP_MUL_ADD(s, 0, a[0], b[0], q_stage, QKV_STRIDE, k_stage, QKV_STRIDE);
      }
      COOP_STORE(s, 0, scores, row0 * KEYS + key0, KEYS);
    }
#endif
    barrier();

    // Online softmax, an invocation per row.
    for (uint r = id; r < ROW_SLOTS; r += WIDTH) {
      const uint entry = r / GROUP;
      const bool real_row = r < ROWS;
#ifndef FLASH_COOP
#define SCORE(c) scores[r * KEYS + (c)]
#else
#define SCORE(c) (scores[r * KEYS + (c)] * q_unscale[r] * k_unscale[c])
#endif
      float tile_max = -1.0 / 0.0;
      for (uint c = 0; c < KEYS; ++c)
        if (real_row && sees(entry, k0 + c)) tile_max = max(tile_max, SCORE(c));
      const float old_max = row_max[r], new_max = max(old_max, tile_max);
      // Until a row sees a key its max stays -inf, and -inf - -inf would be NaN.
      const float correction = new_max == -1.0 / 0.0 ? 1.0 : exp(old_max - new_max);
      float sum = 0.0;
      for (uint c = 0; c < KEYS; ++c) {
        const float p = real_row && sees(entry, k0 + c) ? exp(SCORE(c) - new_max) : 0.0;
#ifndef FLASH_COOP
        scores[r * KEYS + c] = p;
        sum += p;
#else
        // The sum of the rounded weights, which P V uses: the output stays their weighted mean.
        const float16_t rounded = float16_t(p);
        p_stage[r * P_STRIDE + c] = rounded;
        sum += float(rounded);
#endif
      }
#undef SCORE
      row_max[r] = new_max;
      row_sum[r] = row_sum[r] * correction + sum;
      row_correction[r] = correction;
    }
    barrier();

#ifndef FLASH_COOP
    [[unroll]] for (uint j = 0; j < OUTPUTS; ++j) {
      const uint e = id + j * WIDTH;
      if (e >= ROWS * HEAD_DIM) break;
      const uint r = e / HEAD_DIM, d = e % HEAD_DIM;
      float sum = 0.0;
      for (uint c = 0; c < KEYS; ++c) sum += scores[r * KEYS + c] * v_stage[c * HEAD_DIM + d];
      acc[j] = acc[j] * row_correction[r] + sum;
    }
#else
    [[unroll]] for (uint j = 0; j < OUT_FRAGS_PER_SUBGROUP; ++j) {
      const uint f = subgroup + j * SUBGROUPS;
      if (f >= OUT_FRAGS) break;
      const uint row0 = (f / OUT_FRAGS_N) * COOP_M, dim0 = (f % OUT_FRAGS_N) * COOP_N;
      COOP_ACC(pv, 1);
      COOP_A(a, 1);
      COOP_B(b, 1);
      for (uint kk = 0; kk < KEYS; kk += COOP_K) {
        COOP_LOAD_A(a[0], p_stage, row0 * P_STRIDE + kk, P_STRIDE);
        COOP_LOAD_B_ROW_MAJOR(b[0], v_stage, kk * QKV_STRIDE + dim0, QKV_STRIDE);
        COOP_MUL_ADD_B_ROW_MAJOR(pv, 0, a[0], b[0], p_stage, P_STRIDE, v_stage, QKV_STRIDE);
      }
      COOP_STORE(pv, 0, out_stage, stage, COOP_N);
      subgroupMemoryBarrierShared();
      subgroupBarrier();
      [[unroll]] for (uint e = 0; e < STAGE_ELEMENTS; ++e) {
        const uint element = lane + e * SUBGROUP;
        if (element >= COOP_M * COOP_N) break;
        const uint r = row0 + element / COOP_N, d = dim0 + element % COOP_N;
        const uint at = j * STAGE_ELEMENTS + e;
        acc[at] = acc[at] * row_correction[r] + out_stage[stage + element] * v_unscale[d];
      }
      subgroupMemoryBarrierShared();
      subgroupBarrier();
    }
#endif
    barrier();  // the stages are rewritten by the next tile
  }

  const uint out_row = pc.q_heads * HEAD_DIM;
#ifndef FLASH_COOP
  [[unroll]] for (uint j = 0; j < OUTPUTS; ++j) {
    const uint e = id + j * WIDTH;
    if (e >= ROWS * HEAD_DIM) break;
    const uint r = e / HEAD_DIM, d = e % HEAD_DIM, entry = r / GROUP;
    if (q0 + entry < pc.queries)
      y[(q0 + entry) * out_row + (kv_head * GROUP + r % GROUP) * HEAD_DIM + d] = acc[j] / row_sum[r];
  }
#else
  [[unroll]] for (uint j = 0; j < OUT_FRAGS_PER_SUBGROUP; ++j) {
    const uint f = subgroup + j * SUBGROUPS;
    if (f >= OUT_FRAGS) break;
    const uint row0 = (f / OUT_FRAGS_N) * COOP_M, dim0 = (f % OUT_FRAGS_N) * COOP_N;
    [[unroll]] for (uint e = 0; e < STAGE_ELEMENTS; ++e) {
      const uint element = lane + e * SUBGROUP;
      if (element >= COOP_M * COOP_N) break;
      const uint r = row0 + element / COOP_N, d = dim0 + element % COOP_N, entry = r / GROUP;
      if (r < ROWS && q0 + entry < pc.queries)
        y[(q0 + entry) * out_row + (kv_head * GROUP + r % GROUP) * HEAD_DIM + d] = acc[j * STAGE_ELEMENTS + e] / row_sum[r];
    }
  }
#endif
}
