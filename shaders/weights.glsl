// Reads element `index` of a weight matrix stored row-major in its file precision, as words.
// Exactly one of WEIGHT_F32, WEIGHT_F16, WEIGHT_BF16, WEIGHT_Q8_0 is defined per variant.
// Reading 32-bit words keeps the plain path free of 8/16-bit storage features.
#ifndef XUN_WEIGHTS_GLSL
#define XUN_WEIGHTS_GLSL

#if defined(WEIGHT_F32)
float load_weight(uint index) { return uintBitsToFloat(weights[index]); }
#elif defined(WEIGHT_F16)
float load_weight(uint index) {
  const vec2 pair = unpackHalf2x16(weights[index >> 1]);
  return (index & 1u) == 0u ? pair.x : pair.y;
}
#elif defined(WEIGHT_BF16)
float load_weight(uint index) {
  const uint word = weights[index >> 1];
  return uintBitsToFloat((index & 1u) == 0u ? (word << 16) : (word & 0xffff0000u));
}
#elif defined(WEIGHT_Q8_0)
// Q8_0 repacked at upload into 9-word blocks: the scale as f32 bits, then 32 int8 values.
float load_weight(uint index) {
  const uint base = (index >> 5) * 9u;
  const uint within = index & 31u;
  const int q = bitfieldExtract(int(weights[base + 1u + (within >> 2)]), int((within & 3u) * 8u), 8);
  return uintBitsToFloat(weights[base]) * float(q);
}
#endif

// Elements 4q .. 4q+3 of the matrix (4q is a multiple of 4, and rows hold a multiple of 4):
// one wide load per lane, where CPU devices pay per load and lane rather than per byte.
#if defined(WEIGHT_F32)
vec4 load_weight4(uint quad) {
  return vec4(uintBitsToFloat(weights[4u * quad]), uintBitsToFloat(weights[4u * quad + 1u]),
              uintBitsToFloat(weights[4u * quad + 2u]), uintBitsToFloat(weights[4u * quad + 3u]));
}
#elif defined(WEIGHT_F16)
vec4 load_weight4(uint quad) {
  return vec4(unpackHalf2x16(weights[2u * quad]), unpackHalf2x16(weights[2u * quad + 1u]));
}
#elif defined(WEIGHT_BF16)
vec4 load_weight4(uint quad) {
  const uint a = weights[2u * quad], b = weights[2u * quad + 1u];
  return uintBitsToFloat(uvec4(a << 16, a & 0xffff0000u, b << 16, b & 0xffff0000u));
}
#elif defined(WEIGHT_Q8_0)
vec4 load_weight4(uint quad) {
  const uint base = (quad >> 3) * 9u;
  const int word = int(weights[base + 1u + (quad & 7u)]);
  const vec4 q = vec4(bitfieldExtract(word, 0, 8), bitfieldExtract(word, 8, 8), bitfieldExtract(word, 16, 8),
                      bitfieldExtract(word, 24, 8));
  return uintBitsToFloat(weights[base]) * q;
}
#else
#error "define one of WEIGHT_F32, WEIGHT_F16, WEIGHT_BF16, WEIGHT_Q8_0"
#endif

#endif
