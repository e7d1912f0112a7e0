#version 450
// Configure-time probe (shaders/CMakeLists.txt): does the compiler know GL_KHR_cooperative_matrix?
// One 16x16x16 product, f16 inputs and an f32 accumulator, in the shape the coopmat kernels use.
#extension GL_KHR_cooperative_matrix : require
#extension GL_KHR_memory_scope_semantics : require
#extension GL_EXT_shader_explicit_arithmetic_types_float16 : require

layout(local_size_x = 32) in;
layout(std430, binding = 0) readonly buffer Inputs { float16_t inputs[]; };
layout(std430, binding = 1) writeonly buffer Outputs { float outputs[]; };

void main() {
  coopmat<float16_t, gl_ScopeSubgroup, 16, 16, gl_MatrixUseA> a;
  coopmat<float16_t, gl_ScopeSubgroup, 16, 16, gl_MatrixUseB> b;
  coopmat<float, gl_ScopeSubgroup, 16, 16, gl_MatrixUseAccumulator> c = coopmat<float, gl_ScopeSubgroup, 16, 16, gl_MatrixUseAccumulator>(0.0);
  coopMatLoad(a, inputs, 0, 16, gl_CooperativeMatrixLayoutRowMajor);
  coopMatLoad(b, inputs, 256, 16, gl_CooperativeMatrixLayoutColumnMajor);
  c = coopMatMulAdd(a, b, c);
  coopMatStore(c, outputs, 0, 16, gl_CooperativeMatrixLayoutRowMajor);
}
