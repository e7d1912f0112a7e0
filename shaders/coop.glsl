// Cooperative matrices (GL_KHR_cooperative_matrix, subgroup scope) behind a few macros, so that
// one kernel source builds two variants:
//   - real (default): coopmat<> types, coopMatLoad / coopMatMulAdd / coopMatStore on the
//     device's matrix units;
//   - emulated (COOP_EMULATED defined): the same tiling, staging and epilogues with the matrix
//     operations done by plain code, for devices and compilers without the extension (Debian 12's
//     lavapipe and glslang): how the kernels' structure is tested there.
// The includer declares, before including this file:
//   COOP_M, COOP_N, COOP_K  the device's shape (constants: specialization constants)
//   SUBGROUP                 the subgroup size the pipeline requires (the emulation's lane count)
// and multiplies only operands staged in shared float16_t arrays: A row-major (element (r, k) at
// offset + r * stride + k), B column-major (element (k, n) at offset + n * stride + k), which is
// how a tile of W[cols, inner] lies when Y = X * W^T. Strides are multiples of 8 halves (16
// bytes), which matrix loads from shared memory want.
//
//   COOP_ACC(name, count)                     count f32 accumulators, zeroed
//   COOP_A(name, count) / COOP_B(name, count) operand fragments
//   COOP_LOAD_A(frag, ARRAY, offset, stride)  / COOP_LOAD_B(...)
//   COOP_MUL_ADD(acc, f, a, b, A_ARRAY, a_stride, B_ARRAY, b_stride)   acc[f] += a * b
//   COOP_STORE(acc, f, ARRAY, offset, stride) acc[f] into a shared float array, row-major
// A B operand that lies row-major (element (k, n) at offset + k * stride + n: the V tile
// [keys][dims] of attention's P * V) is loaded and multiplied with its own pair:
//   COOP_LOAD_B_ROW_MAJOR(frag, ARRAY, offset, stride)
//   COOP_MUL_ADD_B_ROW_MAJOR(acc, f, a, b, A_ARRAY, a_stride, B_ARRAY, b_stride)
// The emulation names the operands' arrays at the multiply (a fragment is only its offset:
// GLSL has no pointers); the real variant ignores those arguments.
#ifndef XUN_COOP_GLSL
#define XUN_COOP_GLSL

#extension GL_EXT_shader_explicit_arithmetic_types_float16 : require
#extension GL_KHR_shader_subgroup_basic : require

// Loops over fragments: unrolled for matrix units (fragments live in registers); rolled in the
// emulation, where unrolling its nested loops takes a CPU device's compiler minutes.
#ifndef COOP_EMULATED
#define COOP_UNROLL [[unroll]]
#else
#define COOP_UNROLL [[dont_unroll]]
#endif

#ifndef COOP_EMULATED
#extension GL_KHR_cooperative_matrix : require
#extension GL_KHR_memory_scope_semantics : require

#define COOP_ACC_TYPE coopmat<float, gl_ScopeSubgroup, COOP_M, COOP_N, gl_MatrixUseAccumulator>
#define COOP_ACC(name, count)                                       \
  COOP_ACC_TYPE name[count];                                        \
  for (uint coop_i = 0; coop_i < count; ++coop_i) name[coop_i] = COOP_ACC_TYPE(0.0)
#define COOP_A(name, count) coopmat<float16_t, gl_ScopeSubgroup, COOP_M, COOP_K, gl_MatrixUseA> name[count]
#define COOP_B(name, count) coopmat<float16_t, gl_ScopeSubgroup, COOP_K, COOP_N, gl_MatrixUseB> name[count]
#define COOP_LOAD_A(frag, ARRAY, offset, stride) \
  coopMatLoad(frag, ARRAY, offset, stride, gl_CooperativeMatrixLayoutRowMajor)
#define COOP_LOAD_B(frag, ARRAY, offset, stride) \
  coopMatLoad(frag, ARRAY, offset, stride, gl_CooperativeMatrixLayoutColumnMajor)
#define COOP_MUL_ADD(acc, f, a, b, A_ARRAY, a_stride, B_ARRAY, b_stride) acc[f] = coopMatMulAdd(a, b, acc[f])
#define COOP_LOAD_B_ROW_MAJOR(frag, ARRAY, offset, stride) \
  coopMatLoad(frag, ARRAY, offset, stride, gl_CooperativeMatrixLayoutRowMajor)
#define COOP_MUL_ADD_B_ROW_MAJOR(acc, f, a, b, A_ARRAY, a_stride, B_ARRAY, b_stride) \
  COOP_MUL_ADD(acc, f, a, b, A_ARRAY, a_stride, B_ARRAY, b_stride)
#define COOP_STORE(acc, f, ARRAY, offset, stride) \
  coopMatStore(acc[f], ARRAY, offset, stride, gl_CooperativeMatrixLayoutRowMajor)

#else
// Lane l of the subgroup holds elements l, l + SUBGROUP, ... of each M x N accumulator
// (row-major numbering), COOP_ELEMENTS of them.
const uint COOP_ELEMENTS = (COOP_M * COOP_N + SUBGROUP - 1u) / SUBGROUP;

#define COOP_ACC(name, count)                                                        \
  float name[(count) * COOP_ELEMENTS];                                               \
  for (uint coop_i = 0; coop_i < (count) * COOP_ELEMENTS; ++coop_i) name[coop_i] = 0.0
#define COOP_A(name, count) uint name[count]
#define COOP_B(name, count) uint name[count]
#define COOP_LOAD_A(frag, ARRAY, offset, stride) frag = (offset)
#define COOP_LOAD_B(frag, ARRAY, offset, stride) frag = (offset)
// f16 x f16 products are exact in f32, as on matrix units; the sum is in f32. B's element (k, n)
// lies at b + n * b_n_step + k * b_k_step (a fragment knows nothing of its layout, so each
// layout has its own multiply).
#define COOP_EMULATED_MUL_ADD(acc, f, a, b, A_ARRAY, a_stride, B_ARRAY, b_n_step, b_k_step)          \
  for (uint coop_i = 0; coop_i < COOP_ELEMENTS; ++coop_i) {                                          \
    const uint coop_e = gl_SubgroupInvocationID + coop_i * SUBGROUP;                                 \
    if (coop_e >= COOP_M * COOP_N) break;                                                            \
    const uint coop_a = (a) + (coop_e / COOP_N) * (a_stride);                                        \
    const uint coop_b = (b) + (coop_e % COOP_N) * (b_n_step);                                        \
    float coop_sum = 0.0;                                                                            \
    for (uint coop_k = 0; coop_k < COOP_K; ++coop_k)                                                 \
      coop_sum += float(A_ARRAY[coop_a + coop_k]) * float(B_ARRAY[coop_b + coop_k * (b_k_step)]);   \
    acc[(f) * COOP_ELEMENTS + coop_i] += coop_sum;                                                   \
  }
#define COOP_MUL_ADD(acc, f, a, b, A_ARRAY, a_stride, B_ARRAY, b_stride) \
  COOP_EMULATED_MUL_ADD(acc, f, a, b, A_ARRAY, a_stride, B_ARRAY, b_stride, 1u)
#define COOP_LOAD_B_ROW_MAJOR(frag, ARRAY, offset, stride) frag = (offset)
#define COOP_MUL_ADD_B_ROW_MAJOR(acc, f, a, b, A_ARRAY, a_stride, B_ARRAY, b_stride) \
  COOP_EMULATED_MUL_ADD(acc, f, a, b, A_ARRAY, a_stride, B_ARRAY, 1u, b_stride)
#define COOP_STORE(acc, f, ARRAY, offset, stride)                                        \
  for (uint coop_i = 0; coop_i < COOP_ELEMENTS; ++coop_i) {                              \
    const uint coop_e = gl_SubgroupInvocationID + coop_i * SUBGROUP;                     \
    if (coop_e >= COOP_M * COOP_N) break;                                                \
    ARRAY[(offset) + (coop_e / COOP_N) * (stride) + coop_e % COOP_N] = acc[(f) * COOP_ELEMENTS + coop_i]; \
  }
#endif

// An atomic max on shared memory. Cooperative-matrix modules use the Vulkan memory model, where
// a plain atomic means device scope (a feature of its own, vulkanMemoryModelDeviceScope); shared
// memory needs no more than the workgroup (and no ordering: barriers publish the result).
#ifndef COOP_EMULATED
#define COOP_SHARED_ATOMIC_MAX(target, value) \
  atomicMax(target, value, gl_ScopeWorkgroup, gl_StorageSemanticsNone, gl_SemanticsRelaxed)
#else
#define COOP_SHARED_ATOMIC_MAX(target, value) atomicMax(target, value)
#endif

// f16 keeps values up to 65504; beyond, a conversion gives infinity. Weights of a real model are
// far inside; this keeps a stray one finite.
float16_t to_f16_finite(float value) { return float16_t(clamp(value, -65504.0, 65504.0)); }

#endif
