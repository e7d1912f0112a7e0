#version 450
// Configure-time probe (shaders/CMakeLists.txt): does the compiler know GL_NV_cooperative_matrix2?
// A workgroup-scope matrix loaded through a tensor layout (bounds-checked slice), reduced by rows.
#extension GL_KHR_cooperative_matrix : require
#extension GL_KHR_memory_scope_semantics : require
#extension GL_NV_cooperative_matrix2 : require
#extension GL_EXT_shader_explicit_arithmetic_types_float16 : require

layout(local_size_x = 128) in;
layout(std430, binding = 0) readonly buffer Inputs { float16_t inputs[]; };
layout(std430, binding = 1) writeonly buffer Outputs { float16_t outputs[]; };

float16_t add(const in float16_t x, const in float16_t y) { return x + y; }

void main() {
  tensorLayoutNV<2, gl_CooperativeMatrixClampModeConstantNV> layout_in = createTensorLayoutNV(2, gl_CooperativeMatrixClampModeConstantNV);
  layout_in = setTensorLayoutDimensionNV(layout_in, 100, 100);
  tensorLayoutNV<2> layout_out = createTensorLayoutNV(2);
  layout_out = setTensorLayoutDimensionNV(layout_out, 64, 64);

  coopmat<float16_t, gl_ScopeWorkgroup, 64, 64, gl_MatrixUseAccumulator> m;
  coopMatLoadTensorNV(m, inputs, 0, sliceTensorLayoutNV(layout_in, 64, 64, 64, 64));
  coopMatReduceNV(m, m, gl_CooperativeMatrixReduceRowNV, add);
  coopMatStoreTensorNV(m, outputs, 0, sliceTensorLayoutNV(layout_out, 0, 64, 0, 64));
}
