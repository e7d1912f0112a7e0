#version 450
#extension GL_GOOGLE_include_directive : require
#extension GL_EXT_control_flow_attributes : require
#extension GL_EXT_spirv_intrinsics : require
// Y (+)= X * W^T for Q8_0 weights with X quantised to 8 bits too (quantize_q8.comp): each pair
// of 32-value blocks contributes d_x * d_w * sum(q_x * q_w), the integer sum taken four
// products at a time by the packed integer dot product (SPV_KHR_integer_dot_product), which
// GPUs with int8 dot units run at several times their f32 rate. The tiling is matmul.comp's:
// a 16x16 workgroup computes a 64x64 tile, one 32-value block of X and W per step staged in
// shared memory, each invocation a 4x4 block of outputs strided by 16.
#define PUSH_MATMUL
#include "push_constants.h"

layout(local_size_x = 16, local_size_y = 16) in;

layout(std430, binding = 0) readonly buffer Input { uint x_blocks[]; };  // [rows, inner / 32, 9]
layout(std430, binding = 1) readonly buffer Weights { uint weights[]; };  // [cols, inner / 32, 9]
layout(std430, binding = 2) buffer Output { float y[]; };

// OpSDot (4450) on two words of four signed 8-bit values (PackedVectorFormat4x8Bit = 0);
// capabilities DotProductInput4x8BitPacked (6018) and DotProduct (6019).
spirv_instruction(extensions = ["SPV_KHR_integer_dot_product"], capabilities = [6018, 6019], id = 4450)
int dot_4x8(int a, int b, spirv_literal int packed_format);

const uint TILE = 64;
const uint WORDS = 9;  // a block: the scale, then 8 words of int8
shared uint x_tile[TILE][WORDS];
shared uint w_tile[TILE][WORDS];

void main() {
  const uint tx = gl_LocalInvocationID.x, ty = gl_LocalInvocationID.y;
  const uint thread = ty * 16u + tx;
  const uint col0 = gl_WorkGroupID.x * TILE, row0 = gl_WorkGroupID.y * TILE;
  const uint blocks = pc.inner / 32u;

  float acc[4][4];
  [[unroll]] for (uint i = 0; i < 4; ++i)
    [[unroll]] for (uint j = 0; j < 4; ++j) acc[i][j] = 0.0;

  for (uint block = 0; block < blocks; ++block) {
    for (uint linear = thread; linear < TILE * WORDS; linear += 256u) {
      const uint r = linear / WORDS, word = linear % WORDS;
      const uint row = row0 + r, col = col0 + r;
      x_tile[r][word] = row < pc.rows ? x_blocks[(row * blocks + block) * WORDS + word] : 0u;
      w_tile[r][word] = col < pc.cols ? weights[(col * blocks + block) * WORDS + word] : 0u;
    }
    barrier();
    [[unroll]] for (uint i = 0; i < 4; ++i) {
      const uint r = ty + 16u * i;
      [[unroll]] for (uint j = 0; j < 4; ++j) {
        const uint c = tx + 16u * j;
        int sum = 0;
        [[unroll]] for (uint word = 1; word < WORDS; ++word)
          sum += dot_4x8(int(x_tile[r][word]), int(w_tile[c][word]), 0);
        acc[i][j] += float(sum) * uintBitsToFloat(x_tile[r][0]) * uintBitsToFloat(w_tile[c][0]);
      }
    }
    barrier();
  }

  [[unroll]] for (uint i = 0; i < 4; ++i) {
    const uint row = row0 + ty + 16u * i;
    if (row >= pc.rows) continue;
    [[unroll]] for (uint j = 0; j < 4; ++j) {
      const uint col = col0 + tx + 16u * j;
      if (col >= pc.cols) continue;
      const uint at = row * pc.y_stride + pc.y_offset + col;
      y[at] = (pc.accumulate != 0u ? y[at] : 0.0) + acc[i][j];
    }
  }
}
