// xun::run_benchmark: warm up, repeat, and report the spread of each workload (reranking with
// and without prefix sharing), then profile one run of the 512-token embedding workload kernel
// by kernel.
#include "xun/benchmark.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <functional>
#include <span>
#include <string>

#include <sys/resource.h>

#include <nlohmann/json.hpp>

#include "api/prompts.h"
#include "bench/workloads.h"

namespace xun {
namespace {

using Clock = std::chrono::steady_clock;

// The most memory this process has had resident (Linux reports KiB): for the CPU backend, the
// weights it touched in the mapped model file plus everything else it holds.
uint64_t peak_resident_bytes() {
  rusage usage{};
  if (getrusage(RUSAGE_SELF, &usage) != 0) return 0;
  return static_cast<uint64_t>(usage.ru_maxrss) * 1024;
}

Spread spread(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  const size_t n = values.size();
  const double median = n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
  return {median, values.front(), values.back()};
}

// Runs `work` warmup + repeats times; returns the wall times of the timed runs.
Result<std::vector<double>> time_runs(const BenchmarkOptions& options, const std::function<Result<void>()>& work) {
  std::vector<double> seconds;
  for (uint32_t run = 0; run < options.warmup + options.repeats; ++run) {
    const auto start = Clock::now();
    if (auto done = work(); !done) return std::unexpected(done.error());
    if (run >= options.warmup) seconds.push_back(std::chrono::duration<double>(Clock::now() - start).count());
  }
  return seconds;
}

WorkloadResult summarise(std::string name, uint32_t items, uint64_t tokens, const std::vector<double>& seconds,
                         bool per_pair) {
  WorkloadResult result{std::move(name), items, tokens, spread(seconds), {}, per_pair ? "pairs/s" : "tokens/s"};
  std::vector<double> throughput;
  for (double s : seconds) throughput.push_back((per_pair ? items : tokens) / s);
  result.throughput = spread(throughput);
  return result;
}

uint64_t token_count(const std::vector<std::vector<int32_t>>& sequences) {
  uint64_t total = 0;
  for (const auto& sequence : sequences) total += sequence.size();
  return total;
}

uint32_t scaled(uint32_t count, double scale) {
  return std::max<uint32_t>(1, static_cast<uint32_t>(std::lround(count * scale)));
}

// Tokens of each pair's whole prompt, as the reranker sees it without prefix sharing.
Result<uint64_t> prompt_tokens(const Model& model, std::span<const RerankRequest> pairs) {
  uint64_t tokens = 0;
  for (const RerankRequest& pair : pairs) {
    const std::string prompt = std::string(prompts::reranker_prefix) + "<Instruct>: " + pair.instruction +
                               "\n<Query>: " + pair.query + "\n<Document>: " + pair.document +
                               std::string(prompts::reranker_suffix);
    auto ids = model.tokenizer().encode(prompt);
    if (!ids) return std::unexpected(ids.error());
    tokens += ids->size();
  }
  return tokens;
}

struct RerankRun {
  WorkloadResult result;
  std::vector<RerankScore> scores;  // of the last timed run
};

Result<RerankRun> time_rerank(Model& model, const BenchmarkOptions& options, std::span<const RerankRequest> pairs,
                              uint64_t tokens, bool share_prefix) {
  RerankRun run;
  auto seconds = time_runs(options, [&]() -> Result<void> {
    auto scores = model.rerank(pairs, RerankOptions{.truncate = false, .share_prefix = share_prefix});
    if (!scores) return std::unexpected(scores.error());
    if (scores->size() != pairs.size())
      return fail("the reranker returned " + std::to_string(scores->size()) + " scores for " +
                  std::to_string(pairs.size()) + " pairs");
    run.scores = std::move(*scores);
    return {};
  });
  if (!seconds) return std::unexpected(seconds.error());
  run.result = summarise(share_prefix ? "rerank_300" : "rerank_300_no_prefix_sharing",
                         static_cast<uint32_t>(pairs.size()), tokens, *seconds, true);
  return run;
}

// The rerank workload twice over the same pairs: with the query prefix shared (rerank_300) and
// without (rerank_300_no_prefix_sharing); then how much faster sharing is, and how far apart
// the two runs' scores are (they must agree).
Result<void> run_rerank_workloads(Model& model, const BenchmarkOptions& options, BenchmarkReport& report) {
  // ~230 words is about 300 tokens of document per pair.
  const auto pairs = bench::rerank_pairs(scaled(100, options.scale), 230, 3);
  auto tokens = prompt_tokens(model, pairs);
  if (!tokens) return std::unexpected(tokens.error());
  auto shared = time_rerank(model, options, pairs, *tokens, true);
  if (!shared) return std::unexpected(shared.error());
  auto unshared = time_rerank(model, options, pairs, *tokens, false);
  if (!unshared) return std::unexpected(unshared.error());
  double difference = 0;
  for (size_t i = 0; i < pairs.size(); ++i)
    difference = std::max(difference, std::abs(double{shared->scores[i].score} - unshared->scores[i].score));
  report.max_score_difference = difference;
  report.prefix_sharing_speedup = shared->result.throughput.median / unshared->result.throughput.median;
  report.workloads.push_back(std::move(shared->result));
  report.workloads.push_back(std::move(unshared->result));
  return {};
}

}  // namespace

Result<BenchmarkReport> run_benchmark(Engine& engine, Model& model, const BenchmarkOptions& options) {
  if (options.repeats == 0) return fail("the benchmark needs at least one repeat");
  BenchmarkReport report;
  report.device = engine.device();
  report.model = model.info();
  report.options = options;
  report.execution_paths = model.execution_paths();
  engine.reset_memory_peak();

  const auto embed_512 = bench::fixed_length_sequences(scaled(64, options.scale), 512, 1);
  const auto embed_mixed = bench::mixed_length_sequences(scaled(64, options.scale), 2);
  for (const auto& [name, sequences] : {std::pair{"embed_512", &embed_512}, std::pair{"embed_mixed", &embed_mixed}}) {
    auto seconds = time_runs(options, [&]() -> Result<void> {
      auto embedded = model.embed_ids(*sequences);
      if (!embedded) return std::unexpected(embedded.error());
      return {};
    });
    if (!seconds) return std::unexpected(seconds.error());
    report.workloads.push_back(summarise(name, static_cast<uint32_t>(sequences->size()), token_count(*sequences),
                                         *seconds, false));
  }

  if (auto reranked = run_rerank_workloads(model, options, report); !reranked)
    return std::unexpected(reranked.error());

  // Profiling adds a timestamp per kernel, so it gets a run of its own.
  if (auto on = model.set_profiling(true); !on) return std::unexpected(on.error());
  model.clear_kernel_timings();
  auto profiled = model.embed_ids(embed_512);
  const std::vector<KernelTiming> timings = model.kernel_timings();
  if (auto off = model.set_profiling(false); !off) return std::unexpected(off.error());
  if (!profiled) return std::unexpected(profiled.error());
  uint32_t forwards = 1;
  for (const KernelTiming& timing : timings)
    if (timing.kernel == "forward") forwards = std::max<uint32_t>(1, timing.dispatches);
  for (KernelTiming timing : timings) {
    timing.milliseconds /= forwards;
    timing.dispatches /= forwards;
    report.kernels_per_forward.push_back(timing);
  }
  std::sort(report.kernels_per_forward.begin(), report.kernels_per_forward.end(),
            [](const KernelTiming& a, const KernelTiming& b) { return a.milliseconds > b.milliseconds; });
  report.profiled_forwards = forwards;
  report.peak_device_bytes = engine.memory_usage().peak_bytes;
  report.peak_process_bytes = peak_resident_bytes();
  return report;
}

std::string to_json(const BenchmarkReport& report) {
  using nlohmann::ordered_json;
  const DeviceFeatures& f = report.device.features;
  ordered_json device = {{"index", report.device.index},
                         {"backend", std::string(to_string(report.device.backend))},
                         {"name", report.device.name},
                         {"type", std::string(to_string(report.device.type))},
                         {"driver", report.device.driver},
                         {"memory_bytes", report.device.device_local_bytes},
                         {"features",
                          {{"cooperative_matrix", f.cooperative_matrix},
                           {"integer_dot_product", f.integer_dot_product},
                           {"integer_dot_product_supported", f.integer_dot_product_supported},
                           {"shader_float16", f.shader_float16},
                           {"storage_16bit", f.storage_16bit},
                           {"subgroup_size", f.subgroup_size},
                           {"full_subgroups", f.full_subgroups}}}};
  ordered_json model = {{"path", report.model.path.string()},
                        {"format", report.model.format},
                        {"weight_type", report.model.weight_type},
                        {"layers", report.model.layers},
                        {"hidden_size", report.model.hidden_size},
                        {"parameter_bytes", report.model.parameter_bytes}};
  ordered_json workloads = ordered_json::array();
  for (const WorkloadResult& w : report.workloads)
    workloads.push_back({{"name", w.name},
                         {"items", w.items},
                         {"tokens", w.tokens},
                         {"unit", w.unit},
                         {"throughput", {{"median", w.throughput.median}, {"min", w.throughput.min}, {"max", w.throughput.max}}},
                         {"seconds", {{"median", w.seconds.median}, {"min", w.seconds.min}, {"max", w.seconds.max}}}});
  ordered_json kernels = ordered_json::array();
  for (const KernelTiming& k : report.kernels_per_forward)
    kernels.push_back({{"kernel", k.kernel}, {"ms", k.milliseconds}, {"dispatches", k.dispatches}});
  ordered_json out = {{"device", device},
                      {"model", model},
                      {"warmup", report.options.warmup},
                      {"repeats", report.options.repeats},
                      {"scale", report.options.scale},
                      {"workloads", workloads},
                      {"prefix_sharing_speedup", report.prefix_sharing_speedup},
                      {"max_score_difference", report.max_score_difference},
                      {"kernels_per_forward", kernels},
                      {"profiled_forwards", report.profiled_forwards},
                      {"peak_device_bytes", report.peak_device_bytes},
                      {"peak_process_bytes", report.peak_process_bytes},
                      {"paths", report.execution_paths}};
  return out.dump();
}

}  // namespace xun
