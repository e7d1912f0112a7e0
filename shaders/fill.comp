#version 450
// Fills a float buffer with one value; used to clear accumulators.
layout(local_size_x = 256) in;
layout(std430, binding = 0) writeonly buffer Output { float values[]; };
layout(push_constant) uniform Push { uint count; float value; };
void main() {
  const uint i = gl_GlobalInvocationID.x;
  if (i < count) values[i] = value;
}
