#!/usr/bin/env bash
# The GPU benchmark in one call, for a machine that has nothing but a Vulkan loader and driver.
#
#   scripts/gpu-bench.sh bundle [BUILD_DIR] [OUT_DIR]   (here) makes OUT_DIR/xun-gpu-bench.tar.xz:
#       xun-engine and xun-bench-kernels (stripped), every library they need (the C library, its
#       loader and the Vulkan loader included, so the host's glibc does not matter; the machine's
#       driver is found through its ICD files), the Qwen3 tokenizer, and this script.
#   tar xf xun-gpu-bench.tar.xz && xun-gpu-bench/gpu-bench.sh run [--quick]   (there) prints,
#       within about 9 minutes: the devices and their features; the 0.6B-shaped random model it
#       synthesises; `xun-engine bench` (embed 64x512, mixed lengths, rerank 100x300: median,
#       min, max, GPU time per kernel) for each Vulkan kernel path (device defaults, coopmat,
#       scalar, the first-round scalar kernels); each matmul kernel's GFLOP/s on the 0.6B shapes
#       (coopmat with each tile forced) and its share of the device's fp16 matrix peak; and, where
#       LLAMA_BENCH names llama.cpp's Vulkan llama-bench, its `-p 512 -n 0 -embd 1` on the same
#       file.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

bundle() {
  local build=${1:-build} out=${2:-.}
  local stage
  stage=$(mktemp -d)/xun-gpu-bench
  mkdir -p "$stage/bin" "$stage/lib" "$stage/data"
  local programs=("$build/app/cli/xun-engine" "$build/engine/src/bench/xun-bench-kernels")
  for program in "${programs[@]}"; do
    [[ -x "$program" ]] || { echo "gpu-bench.sh: $program is missing; build first" >&2; exit 1; }
    strip --strip-debug -o "$stage/bin/$(basename "$program")" "$program"
  done
  # Every library the programs load, the dynamic loader and the Vulkan loader included: they
  # start whatever glibc the machine has (a newer distribution's Vulkan loader may need a newer
  # glibc than these programs', and a GPU container may have none), and the loader finds the
  # machine's driver through its ICD files. GPU drivers are built against old glibc versions.
  ldd "${programs[@]}" | awk '/=> \// {print $3} /^\t\/.*ld-linux/ {print $1}' | sort -u | while read -r library; do
    cp -L "$library" "$stage/lib/"
  done
  cp "$build/tests/testdata/qwen3-tokenizer/tokenizer.json" "$stage/data/"
  cp "$here/gpu-bench.sh" "$stage/gpu-bench.sh"
  mkdir -p "$out"
  tar -C "$(dirname "$stage")" -cJf "$out/xun-gpu-bench.tar.xz" xun-gpu-bench
  rm -rf "$(dirname "$stage")"
  echo "wrote $out/xun-gpu-bench.tar.xz ($(du -h "$out/xun-gpu-bench.tar.xz" | cut -f1))"
}

# Runs a bundled program with the bundled libraries, Vulkan loader included. Where the machine
# lists no driver in the standard places but has NVIDIA's container one, that one is named.
bundled() {
  local program=$1
  shift
  local nvidia=/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json
  if [[ -z "${VK_DRIVER_FILES:-}${VK_ICD_FILENAMES:-}" && -e "$nvidia" ]] &&
     ! compgen -G "/usr/share/vulkan/icd.d/*.json" >/dev/null && ! compgen -G "/etc/vulkan/icd.d/*.json" >/dev/null; then
    export VK_DRIVER_FILES=$nvidia
  fi
  "$here/lib/ld-linux-x86-64.so.2" --library-path "$here/lib" "$here/bin/$program" "$@"
}

run() {
  local quick=0 scale=1 repeats=3
  [[ "${1:-}" == "--quick" ]] && { quick=1; scale=0.25; repeats=2; }
  local models=${XUN_BENCH_MODELS:-$here/models}
  mkdir -p "$models"
  echo "== devices"
  bundled xun-engine devices
  bundled xun-engine devices --json
  local gpu
  # The best Vulkan device: the default one where it is a GPU, else the first Vulkan device.
  gpu=$(bundled xun-engine devices --json | grep '"backend":"vulkan"' | grep -m1 '"type":"discrete"\|"type":"integrated"' |
        sed 's/.*"index":\([0-9]*\).*/\1/' || true)
  gpu=${gpu:-0}
  echo
  echo "== model"
  # XUN_BENCH_SHAPE=tiny makes a smoke test of the bundle on a machine without a GPU.
  local shape=${XUN_BENCH_SHAPE:-0.6b}
  local model="$models/$shape-f16.gguf"
  [[ -e "$model" ]] || bundled xun-engine synth-model --shape "$shape" --format gguf-f16 --seed 1 \
      --tokenizer "$here/data/tokenizer.json" --out "$model"
  ls -la "$model"
  # Each Vulkan kernel path the engine has, forced through the engine switches (README), in this
  # order. There are no GL_NV_cooperative_matrix2 kernels yet: the coopmat path is KHR's.
  local names=(gpu-default coopmat scalar scalar-tiled64)
  local -A paths=(
    [gpu-default]=""
    [coopmat]="XUN_MATMUL=coopmat XUN_ATTENTION=flash-coopmat XUN_KERNELS=workgroup"
    [scalar]="XUN_MATMUL=tiled XUN_MATMUL_TILE=128 XUN_ATTENTION=flash XUN_KERNELS=workgroup"
    [scalar-tiled64]="XUN_MATMUL=tiled XUN_MATMUL_TILE=64 XUN_ATTENTION=workgroup XUN_KERNELS=workgroup"
  )
  echo
  echo "== coopmat2 (GL_NV_cooperative_matrix2): no kernels yet; not run"
  for name in "${names[@]}"; do
    echo
    echo "== xun-engine bench, path $name (${paths[$name]:-device defaults}), scale $scale"
    env ${paths[$name]} XUN_DEVICE="$gpu" "$here/gpu-bench.sh" _bundled xun-engine bench --model "$model" \
        --scale "$scale" --repeats "$repeats" --warmup 1 || echo "(path $name failed)"
  done
  echo
  # The device's dense fp16 matrix peak, for the share of it each matmul reaches: known GPUs by
  # name, else XUN_FP16_PEAK_TFLOPS.
  local name peak=${XUN_FP16_PEAK_TFLOPS:-}
  name=$(bundled xun-engine devices --json | sed -n "s/.*\"index\":$gpu,\"backend\":\"vulkan\",\"name\":\"\([^\"]*\)\".*/\1/p")
  if [[ -z "$peak" ]]; then
    case "$name" in
      *H200*|*H100*SXM*|*"H100 80GB HBM3"*) peak=989 ;;
      *H100*) peak=756 ;;
      *A100*) peak=312 ;;
      *L40S*) peak=362 ;;
      *"RTX 4090"*) peak=165 ;;
      *"RTX 3090"*) peak=71 ;;
    esac
  fi
  echo "== kernels on the 0.6B shapes, $name (fp16 matrix peak: ${peak:-unknown; set XUN_FP16_PEAK_TFLOPS} TFLOP/s)"
  local rows=4096
  [[ $quick -eq 1 ]] && rows=64
  local types=(f16 q8_0)
  [[ $quick -eq 1 ]] && types=(f16)
  for type in "${types[@]}"; do
    for tile in "" small medium large; do
      if [[ -z "$tile" ]]; then
        bundled xun-bench-kernels --device "$gpu" --rows "$rows" --repeats 5 --type "$type"
      else
        bundled xun-bench-kernels --device "$gpu" --rows "$rows" --repeats 5 --type "$type" --matmul coopmat \
            --coopmat-tile "$tile" --attention flash-coopmat
      fi
    done
  done 2>&1 | awk -v peak="${peak:-0}" '
    / GFLOP\/s$/ && $1 == "matmul" && peak > 0 { printf "%s  %5.1f%% of peak\n", $0, $(NF-1) / 1000 / peak * 100; next }
    { print }'
  if [[ -n "${LLAMA_BENCH:-}" && -x "${LLAMA_BENCH}" ]]; then
    echo
    echo "== llama.cpp: $LLAMA_BENCH -m $model -p 512 -n 0 -embd 1"
    "$LLAMA_BENCH" -m "$model" -p 512 -n 0 -embd 1 || true
  else
    echo
    echo "== llama.cpp: not run (set LLAMA_BENCH to a Vulkan build's llama-bench)"
  fi
}

case "${1:-}" in
  bundle) shift; bundle "$@" ;;
  run) shift; run "$@" ;;
  _bundled) shift; bundled "$@" ;;  # for env-prefixed calls from run
  *) echo "usage: gpu-bench.sh bundle [BUILD_DIR] [OUT_DIR] | run [--quick]" >&2; exit 2 ;;
esac
