// Function multiversioning for the CPU backend's element-wise loops: the build targets the
// baseline x86-64, and XUN_SIMD_CLONES makes GCC emit AVX-512 and AVX2 versions of a function
// beside it, picked at load time for the processor at hand (the loops are written so that
// the compiler vectorises them). Other architectures get their baseline vector unit.
#pragma once

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define XUN_SIMD_CLONES __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#define XUN_X86_DISPATCH 1
#else
#define XUN_SIMD_CLONES
#define XUN_X86_DISPATCH 0
#endif
