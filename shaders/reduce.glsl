// Workgroup-wide sum and max through shared memory. Every invocation must call them (they
// contain barriers); all get the result. Requires the includer to declare
// `shared float reduce_scratch[gl_WorkGroupSize.x];` and a power-of-two workgroup size.
#ifndef XUN_REDUCE_GLSL
#define XUN_REDUCE_GLSL

float workgroup_sum(float value) {
  const uint id = gl_LocalInvocationID.x;
  reduce_scratch[id] = value;
  barrier();
  for (uint stride = gl_WorkGroupSize.x / 2u; stride > 0u; stride >>= 1) {
    if (id < stride) reduce_scratch[id] += reduce_scratch[id + stride];
    barrier();
  }
  const float total = reduce_scratch[0];
  barrier();  // the scratch may be reused right after
  return total;
}

float workgroup_max(float value) {
  const uint id = gl_LocalInvocationID.x;
  reduce_scratch[id] = value;
  barrier();
  for (uint stride = gl_WorkGroupSize.x / 2u; stride > 0u; stride >>= 1) {
    if (id < stride) reduce_scratch[id] = max(reduce_scratch[id], reduce_scratch[id + stride]);
    barrier();
  }
  const float result = reduce_scratch[0];
  barrier();
  return result;
}

#endif
