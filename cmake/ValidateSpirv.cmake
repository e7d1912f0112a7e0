# Checks one SPIR-V module with spirv-val, as a build step after each shader is compiled. An
# invalid module is deleted, so that the failed shader is compiled and checked again by the next
# build instead of being taken as up to date. Run as a script:
#   cmake -DSPIRV_VAL=/path/spirv-val -DTARGET_ENV=vulkan1.2 -DMODULE=x.spv -P ValidateSpirv.cmake
foreach(variable SPIRV_VAL TARGET_ENV MODULE)
  if(NOT DEFINED ${variable} OR "${${variable}}" STREQUAL "")
    message(FATAL_ERROR "ValidateSpirv: -D${variable}=... is required")
  endif()
endforeach()
# spirv-val's own messages go straight to the build's output.
execute_process(COMMAND "${SPIRV_VAL}" --target-env "${TARGET_ENV}" "${MODULE}" RESULT_VARIABLE result)
if(NOT result EQUAL 0)
  file(REMOVE "${MODULE}")
  message(FATAL_ERROR "${SPIRV_VAL} --target-env ${TARGET_ENV} rejects ${MODULE} (${result})")
endif()
