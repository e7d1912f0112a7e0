# Every shader variant the engine embeds: xun_shader(<name> <source> [DEFINES ...]).
foreach(weight f32 f16 bf16 q8_0)
  string(TOUPPER "${weight}" upper)
  xun_shader(matmul_${weight} matmul.comp DEFINES WEIGHT_${upper})
  # The same with its tiles in f16 (GPUs with fp16 arithmetic and no matrix units).
  xun_shader(f16tiles_matmul_${weight} matmul.comp DEFINES WEIGHT_${upper} F16_TILES)
  xun_shader(lanes_matmul_${weight} matmul_lanes.comp DEFINES WEIGHT_${upper})
  # The matrix units' matmul, and its emulation by plain code (any compiler: how it is tested on
  # devices without matrix units).
  xun_shader(coopmat_emulated_matmul_${weight} matmul_coopmat.comp DEFINES WEIGHT_${upper} COOP_EMULATED)
  if(XUN_GLSLANG_COOPMAT)
    # SPIR-V 1.5: the engine asks for Vulkan 1.2 (vulkan1.3's SPIR-V 1.6 would need 1.3).
    xun_shader(coopmat_matmul_${weight} matmul_coopmat.comp COOPMAT TARGET_ENV vulkan1.2 DEFINES WEIGHT_${upper})
  endif()
endforeach()
xun_shader(matmul_split_reduce matmul_split_reduce.comp)
xun_shader(rmsnorm rmsnorm.comp)
xun_shader(qk_norm_rope qk_norm_rope.comp)
xun_shader(attention attention.comp)
# Flash attention: scalar f32, and on cooperative matrices (real where the compiler has them;
# the emulated twin, plain code in the same tiling, runs anywhere with fp16 arithmetic).
xun_shader(attention_flash attention_flash.comp)
xun_shader(attention_flash_coopmat_emulated attention_flash.comp DEFINES FLASH_COOP COOP_EMULATED)
if(XUN_GLSLANG_COOPMAT)
  # SPIR-V 1.5: the engine's instance asks for Vulkan 1.2, where 1.6 modules are invalid.
  xun_shader(attention_flash_coopmat attention_flash.comp COOPMAT TARGET_ENV vulkan1.2 DEFINES FLASH_COOP)
endif()
xun_shader(swiglu swiglu.comp)
xun_shader(gather_rows gather_rows.comp)
# Plain kernels for CPU devices: one invocation per row, no barriers.
xun_shader(rmsnorm_rows rmsnorm_rows.comp)
xun_shader(qk_norm_rope_rows qk_norm_rope_rows.comp)
xun_shader(attention_rows attention_rows.comp)
xun_shader(attention_lanes attention_lanes.comp)
# The integer-dot-product path for Q8_0 weights: activations quantised to 8 bits first.
xun_shader(quantize_q8 quantize_q8.comp)
xun_shader(matmul_q8_0_dot matmul_q8_0_dot.comp)
