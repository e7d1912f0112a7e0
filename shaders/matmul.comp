#version 450
#extension GL_GOOGLE_include_directive : require
// Y[rows, cols] (+)= X[rows, inner] * W[cols, inner]^T (into a column range of Y), f32 activations and accumulation, W
// in its stored precision (see weights.glsl). The scalar kernel for GPUs without matrix units, and the universal
// fallback (any inner, rows, cols).
//
// Each THREADS x THREADS workgroup computes a TILE x TILE tile of Y (TILE = THREADS * PER_THREAD) from TILE x STEP
// slices of X and W staged in shared memory k-major: element (r, k) at [k][r], so that the operands one invocation
// needs at one k lie side by side and come out of shared memory as vec4s.
//
// Ownership: an invocation (tx, ty) computes PER_THREAD x PER_THREAD outputs, as BLOCKS x BLOCKS blocks of 4 x 4
// (BLOCKS = PER_THREAD / 4): rows 4 * (ty + i * THREADS) + 0..3, columns 4 * (tx + j * THREADS) + 0..3. Per k it
// reads BLOCKS vec4s of X and BLOCKS of W for PER_THREAD^2 FMAs (16 at 64x64, 64 at 128x128): one shared read feeds
// 8 FMAs at tile 64, 16 at 128.
//
// Shared-memory banks: lanes with consecutive tx read consecutive vec4s of W (no two lanes of a phase on one bank),
// and the lanes that share a ty read the same vec4 of X (a broadcast). The transposing stores are conflict-free too:
// 8 consecutive lanes stage 8 consecutive rows, i.e. 8 consecutive elements of one k row of the tile. So the tiles
// need no padding.
//
// Subgroups: invocations are arranged in clusters of 32 that cover 8 x 4 (tx x ty) of the workgroup, so any subgroup
// of 8 to 64 lanes covers a compact block (8x1, 8x2, 8x4, 16x4): its lanes share few X and W vec4s per k, which
// shared memory serves as broadcasts.
//
// Global loads: with pc.inner % 4 == 0, one vec4 of X (4 consecutive k) and one load_weight4 per staged element
// group; 8 lanes fetch one quad each of 8 rows, and a subgroup of 32 reads whole 64-byte runs of 8 rows. Other
// widths (6, 10: rows the vector kernels cannot read) load the same quads element by element.
//
// F16_TILES (GPUs with fp16 arithmetic and no matrix units): the tiles are staged as float16_t, halving the shared
// memory and its bandwidth, which bounds integrated GPUs; the f16 operands are multiplied into f32 accumulators
// (exact products, f32 sums: drivers fuse the conversions into mixed-precision FMAs where the hardware has them).
// Activations reach beyond f16's 65504 (a real model's SwiGLU output does): as in matmul_coopmat.comp, each row of
// X is first scaled by the power of two that brings its largest magnitude to 2^14 (exact: only the exponent
// changes), and the results are divided by it. Small rows gain as much: their values stay out of f16's subnormals.
#ifdef F16_TILES
#extension GL_EXT_shader_explicit_arithmetic_types_float16 : require
#endif
#define PUSH_MATMUL
#include "push_constants.h"

layout(local_size_x_id = 0, local_size_y_id = 1) in;  // THREADS x THREADS, by default 16 x 16
const uint THREADS = gl_WorkGroupSize.x;              // a multiple of 8
layout(constant_id = 2) const uint PER_THREAD = 4;    // a multiple of 4
layout(constant_id = 3) const uint STEP = 16;         // a multiple of 4

layout(std430, binding = 0) readonly buffer Input { float x[]; };
// The same binding read 16 bytes at a time when rows hold a multiple of 4 (X is bound whole).
layout(std430, binding = 0) readonly buffer Input4 { vec4 x4[]; };
layout(std430, binding = 1) readonly buffer Weights { uint weights[]; };
layout(std430, binding = 2) buffer Output { float y[]; };

#include "weights.glsl"
#include "swiglu.glsl"

const uint TILE = THREADS * PER_THREAD;
const uint QUADS = TILE / 4;           // vec4s across one k row of a tile
const uint BLOCKS = PER_THREAD / 4;    // an invocation's 4-row (and 4-column) blocks
const uint STEP_QUADS = STEP / 4;

#ifdef F16_TILES
#define TILE_VEC f16vec4
shared f16vec4 x_tile[STEP * QUADS];
shared f16vec4 w_tile[STEP * QUADS];
shared uint row_max_bits[TILE];  // max |x| of the tile's rows (non-negative floats order as uints)
shared float row_scale[TILE];
float16_t to_f16_finite(float value) { return float16_t(clamp(value, -65504.0, 65504.0)); }
#else
#define TILE_VEC vec4
shared vec4 x_tile[STEP * QUADS];
shared vec4 w_tile[STEP * QUADS];
#endif

// X[row, k .. k + 3] (k a multiple of 4, k < inner), zero past the row's end; with pc.x_swiglu the SwiGLU of the
// gate/up output, computed as the tile is loaded (once per column tile: cheap on a GPU, and the [rows, inner]
// activation is never stored).
vec4 load_x4(uint row, uint k) {
  if (pc.inner % 4u == 0u) {
    if (pc.x_swiglu == 0u) return x4[(row * pc.inner + k) / 4u];
    const uint gate = (row * 2u * pc.inner + k) / 4u;
    const vec4 g = x4[gate], u = x4[gate + pc.inner / 4u];
    return vec4(swiglu(g.x, u.x), swiglu(g.y, u.y), swiglu(g.z, u.z), swiglu(g.w, u.w));
  }
  vec4 v = vec4(0.0);
  for (uint e = 0; e < 4u && k + e < pc.inner; ++e) {
    const uint base = row * (pc.x_swiglu == 0u ? 1u : 2u) * pc.inner + k + e;
    v[e] = pc.x_swiglu == 0u ? x[base] : swiglu(x[base], x[base + pc.inner]);
  }
  return v;
}

// W[col, k .. k + 3], as load_x4.
vec4 load_w4(uint col, uint k) {
  if (pc.inner % 4u == 0u) return load_weight4((col * pc.inner + k) / 4u);
  vec4 v = vec4(0.0);
  for (uint e = 0; e < 4u && k + e < pc.inner; ++e) v[e] = load_weight(col * pc.inner + k + e);
  return v;
}

// The tile row r and quad q of staged element group `linear`: 8 consecutive lanes take 8 consecutive rows (the
// conflict-free stores above), then the next quad along k.
uvec2 staged(uint linear) {
  return uvec2(linear % 8u + 8u * (linear / (8u * STEP_QUADS)), (linear / 8u) % STEP_QUADS);
}

void main() {
  const uint id = gl_LocalInvocationIndex, invocations = THREADS * THREADS;
  const uint cluster = id / 32u, clusters_x = THREADS / 8u;
  const uint tx = id % 8u + 8u * (cluster % clusters_x), ty = (id / 8u) % 4u + 4u * (cluster / clusters_x);
  const uint col0 = gl_WorkGroupID.x * TILE, row0 = gl_WorkGroupID.y * TILE;

#ifdef F16_TILES
  // The rows' scales (see the top).
  for (uint r = id; r < TILE; r += invocations) row_max_bits[r] = 0u;
  barrier();
  const uint quads = (pc.inner + 3u) / 4u;
  for (uint linear = id; linear < TILE * STEP_QUADS; linear += invocations) {
    const uint r = linear / STEP_QUADS, row = row0 + r;
    if (row >= pc.rows) continue;
    float largest = 0.0;
    for (uint q = linear % STEP_QUADS; q < quads; q += STEP_QUADS) {
      const vec4 v = abs(load_x4(row, 4u * q));
      largest = max(largest, max(max(v.x, v.y), max(v.z, v.w)));
    }
    atomicMax(row_max_bits[r], floatBitsToUint(largest));
  }
  barrier();
  for (uint r = id; r < TILE; r += invocations) {
    const float largest = uintBitsToFloat(row_max_bits[r]);
    int exponent;  // largest = f * 2^exponent, 0.5 <= f < 1
    frexp(largest, exponent);
    row_scale[r] = largest > 0.0 && !isinf(largest) ? exp2(float(clamp(14 - exponent, -120, 120))) : 1.0;
  }
  barrier();
#endif

  vec4 acc[PER_THREAD][BLOCKS];  // [row][column block]
  for (uint i = 0; i < PER_THREAD; ++i)
    for (uint j = 0; j < BLOCKS; ++j) acc[i][j] = vec4(0.0);

  for (uint k0 = 0; k0 < pc.inner; k0 += STEP) {
    for (uint linear = id; linear < TILE * STEP_QUADS; linear += invocations) {
      const uvec2 at = staged(linear);
      const uint r = at.x, k = k0 + 4u * at.y;
      const uint row = row0 + r, col = col0 + r;
      vec4 a = row < pc.rows && k < pc.inner ? load_x4(row, k) : vec4(0.0);
      const vec4 b = col < pc.cols && k < pc.inner ? load_w4(col, k) : vec4(0.0);
#ifdef F16_TILES
      a *= row_scale[r];
#endif
      for (uint e = 0; e < 4u; ++e) {
        const uint slot = (4u * at.y + e) * QUADS + r / 4u;
#ifdef F16_TILES
        x_tile[slot][r % 4u] = float16_t(a[e]);
        w_tile[slot][r % 4u] = to_f16_finite(b[e]);
#else
        x_tile[slot][r % 4u] = a[e];
        w_tile[slot][r % 4u] = b[e];
#endif
      }
    }
    barrier();
    for (uint k = 0; k < STEP; ++k) {
      vec4 a[BLOCKS], b[BLOCKS];
      for (uint i = 0; i < BLOCKS; ++i) a[i] = vec4(x_tile[k * QUADS + ty + i * THREADS]);
      for (uint j = 0; j < BLOCKS; ++j) b[j] = vec4(w_tile[k * QUADS + tx + j * THREADS]);
      for (uint i = 0; i < BLOCKS; ++i)
        for (uint ii = 0; ii < 4u; ++ii)
          for (uint j = 0; j < BLOCKS; ++j) acc[4u * i + ii][j] += a[i][ii] * b[j];
    }
    barrier();
  }

  for (uint i = 0; i < PER_THREAD; ++i) {
    const uint r = 4u * (ty + (i / 4u) * THREADS) + i % 4u, row = row0 + r;
    if (row >= pc.rows) continue;
#ifdef F16_TILES
    const float unscale = 1.0 / row_scale[r];  // a power of two: exact
#else
    const float unscale = 1.0;
#endif
    for (uint j = 0; j < BLOCKS; ++j) {
      for (uint jj = 0; jj < 4u; ++jj) {
        const uint col = col0 + 4u * (tx + j * THREADS) + jj;
        if (col >= pc.cols) continue;
        const uint at = row * pc.y_stride + pc.y_offset + col;
        const float value = acc[i][j][jj] * unscale;
        y[at] = pc.accumulate != 0u ? y[at] + value : value;
      }
    }
  }
}
