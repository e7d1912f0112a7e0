// SwiGLU of one element: silu(gate) * up. One formula for swiglu.comp and for the matmul that
// applies it while loading its input (matmul.comp with pc.x_swiglu).
#ifndef XUN_SWIGLU_GLSL
#define XUN_SWIGLU_GLSL

float swiglu(float gate, float up) { return gate / (1.0 + exp(-gate)) * up; }

#endif
