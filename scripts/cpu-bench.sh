#!/usr/bin/env bash
# The CPU backend's benchmark in one call, beside llama.cpp's CPU backend on the same model files
# when a llama-bench is at hand. Prints the figures the CPU-backend issue asks for:
#   - the BLAS library's own sgemm and the backend's products on the 0.6B shapes, per weight type;
#   - `xun-engine bench` on the 0.6B-shaped random model as F16, Q8_0 (GGUF) and BF16
#     (safetensors): embed_512, embed_mixed, rerank_300 with and without the shared prefix, time
#     per operation, peak memory;
#   - llama.cpp's `llama-bench -p 512 -n 0 -embd 1` on the same GGUF files (threads = cores).
#
#   scripts/cpu-bench.sh [BUILD_DIR] [--scale X] [--repeats N] [--threads N]
#   LLAMA_BENCH=/path/to/llama-bench scripts/cpu-bench.sh build
#
# OpenBLAS-style tuning variables the environment may set (OPENBLAS_CORETYPE, OPENBLAS_L2_SIZE)
# are unset for the run, as on a user's machine.
set -euo pipefail

build=build
scale=0.125
repeats=3
threads=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --scale) scale="$2"; shift 2 ;;
    --repeats) repeats="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    -*) echo "cpu-bench.sh: unknown option $1" >&2; exit 2 ;;
    *) build="$1"; shift ;;
  esac
done
unset OPENBLAS_CORETYPE OPENBLAS_L2_SIZE

engine="$build/app/cli/xun-engine"
kernels="$build/engine/src/bench/xun-bench-kernels"
tokenizer="$build/tests/testdata/qwen3-tokenizer/tokenizer.json"
for program in "$engine" "$kernels"; do
  [[ -x "$program" ]] || { echo "cpu-bench.sh: $program is missing; build first" >&2; exit 1; }
done
cores=${threads:-$(lscpu -p=Core,Socket | grep -v '^#' | sort -u | wc -l)}
thread_args=(); [[ -n "$threads" ]] && thread_args=(--threads "$threads")
cpu_device=$("$engine" devices --json | grep '"backend":"cpu"' | sed 's/.*"index":\([0-9]*\).*/\1/')

models=${XUN_BENCH_MODELS:-/tmp/xun-cpu-bench}
mkdir -p "$models"
for format in gguf-f16 gguf-q8_0 safetensors-bf16; do
  case "$format" in
    gguf-f16) out="$models/q06-f16.gguf" ;;
    gguf-q8_0) out="$models/q06-q8_0.gguf" ;;
    safetensors-bf16) out="$models/q06-bf16" ;;
  esac
  [[ -e "$out" ]] || "$engine" synth-model --shape 0.6b --format "$format" --seed 1 --tokenizer "$tokenizer" --out "$out"
done

echo "== devices"
"$engine" devices
echo
echo "== kernels: the library's own sgemm and the backend's products (512 rows)"
"$kernels" --backend cpu --rows 512 --repeats 3 "${thread_args[@]}"
for model in "$models/q06-f16.gguf" "$models/q06-q8_0.gguf" "$models/q06-bf16"; do
  echo
  echo "== xun-engine bench --model $model --scale $scale --repeats $repeats"
  "$engine" bench --model "$model" --device "$cpu_device" --scale "$scale" --repeats "$repeats" --warmup 1 "${thread_args[@]}"
done

llama_bench=${LLAMA_BENCH:-$(command -v llama-bench || true)}
if [[ -n "$llama_bench" && -x "$llama_bench" ]]; then
  for model in "$models/q06-f16.gguf" "$models/q06-q8_0.gguf"; do
    echo
    echo "== llama.cpp: $llama_bench -m $model -p 512 -n 0 -embd 1 -t $cores"
    "$llama_bench" -m "$model" -p 512 -n 0 -embd 1 -t "$cores"
  done
else
  echo
  echo "== llama.cpp: no llama-bench found (set LLAMA_BENCH=/path/to/llama-bench to compare)"
fi
