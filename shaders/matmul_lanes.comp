#version 450
#extension GL_GOOGLE_include_directive : require
#extension GL_EXT_control_flow_attributes : require
#extension GL_KHR_shader_subgroup_arithmetic : require
// The same product as matmul.comp, for CPU devices (lavapipe), where invocations are the SIMD
// lanes of a vector and a barrier costs a switch between coroutines. One subgroup per
// workgroup, so no shared memory and no barrier; each workgroup computes a BLOCK_ROWS x
// BLOCK_COLS block of Y. Its lanes split the inner dimension in groups of four elements: lane
// l reads elements 4l..4l+3, 4(l + width).. of each row of X and W (one wide load per lane:
// such a device pays per load and lane more than per byte), and subgroupAdd folds the lanes'
// partial sums at the end. Each X element read is used BLOCK_COLS times and each weight
// BLOCK_ROWS times from registers. Workgroups walk the rows fastest, so neighbouring
// workgroups reuse one block of weights from the cache. Needs inner % 4 == 0 (ops.cpp falls
// back to matmul.comp otherwise).
#define PUSH_MATMUL
#include "push_constants.h"

layout(local_size_x_id = 0) in;  // the device's subgroup size
layout(constant_id = 1) const uint BLOCK_ROWS = 16;
layout(constant_id = 2) const uint BLOCK_COLS = 16;

layout(std430, binding = 0) readonly buffer Input { vec4 x[]; };
layout(std430, binding = 1) readonly buffer Weights { uint weights[]; };
layout(std430, binding = 2) buffer Output { float y[]; };

#include "weights.glsl"

void main() {
  const uint lane = gl_LocalInvocationID.x, width = gl_WorkGroupSize.x;
  const uint row0 = gl_WorkGroupID.x * BLOCK_ROWS, col0 = gl_WorkGroupID.y * BLOCK_COLS;
  const uint quads = pc.inner / 4u;
  // Rows and columns past the edge re-read the last one (no branch in the loop) and are not
  // written.
  uint x_base[BLOCK_ROWS], w_base[BLOCK_COLS];
  [[unroll]] for (uint r = 0; r < BLOCK_ROWS; ++r) x_base[r] = min(row0 + r, pc.rows - 1u) * quads;
  [[unroll]] for (uint c = 0; c < BLOCK_COLS; ++c) w_base[c] = min(col0 + c, pc.cols - 1u) * quads;

  float acc[BLOCK_ROWS][BLOCK_COLS];
  [[unroll]] for (uint r = 0; r < BLOCK_ROWS; ++r)
    [[unroll]] for (uint c = 0; c < BLOCK_COLS; ++c) acc[r][c] = 0.0;

  for (uint k = lane; k < quads; k += width) {
    vec4 a[BLOCK_ROWS];
    [[unroll]] for (uint r = 0; r < BLOCK_ROWS; ++r) a[r] = x[x_base[r] + k];
    [[unroll]] for (uint c = 0; c < BLOCK_COLS; ++c) {
      const vec4 w = load_weight4(w_base[c] + k);
      [[unroll]] for (uint r = 0; r < BLOCK_ROWS; ++r) acc[r][c] += dot(a[r], w);
    }
  }

  [[unroll]] for (uint r = 0; r < BLOCK_ROWS; ++r) {
    [[unroll]] for (uint c = 0; c < BLOCK_COLS; ++c) {
      const float total = subgroupAdd(acc[r][c]);
      const uint row = row0 + r, col = col0 + c;
      if (lane == 0u && row < pc.rows && col < pc.cols) {
        const uint at = row * pc.y_stride + pc.y_offset + col;
        y[at] = (pc.accumulate != 0u ? y[at] : 0.0) + total;
      }
    }
  }
}
