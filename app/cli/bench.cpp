// `xun bench --model PATH [--json] [--device N] [--repeats N] [--warmup N] [--scale X]`: the
// engine benchmark (xun/benchmark.h) on one model, as JSON or as a table for people.
#include <algorithm>
#include <cmath>
#include <iomanip>
#include <sstream>
#include <string>
#include <vector>

#include "commands.h"
#include "model_session.h"
#include "output.h"
#include "text.h"
#include "xun/benchmark.h"

namespace xun::cli {
namespace {

// Kernels the table lists; the JSON has them all.
constexpr size_t kTableKernels = 10;

// A measured figure with at least three significant digits and no exponent: 51234, 123,
// 2.50, 0.0123.
std::string figure(double value) {
  if (!(value > 0)) return "0";
  // Decimals for three significant digits: 2 for 1.23, 0 for 123 (and for 51234), 4 for 0.0123.
  const int decimals = std::clamp(2 - static_cast<int>(std::floor(std::log10(value))), 0, 6);
  std::ostringstream out;
  out << std::fixed << std::setprecision(decimals) << value;
  return out.str();
}

std::string mebibytes(uint64_t bytes) {
  std::ostringstream out;
  out << std::fixed << std::setprecision(1) << bytes / double(1ull << 20) << " MiB";
  return out.str();
}

using Row = std::vector<std::string>;

// The rows as columns padded to their widest cell, two spaces before each; the columns marked
// in `right` (numbers) are right-aligned.
std::string aligned(const std::vector<Row>& rows, const std::vector<bool>& right) {
  std::vector<size_t> widths;
  for (const Row& row : rows) {
    widths.resize(std::max(widths.size(), row.size()));
    for (size_t column = 0; column < row.size(); ++column)
      widths[column] = std::max(widths[column], row[column].size());
  }
  std::ostringstream table;
  for (const Row& row : rows) {
    std::string line;
    for (size_t column = 0; column < row.size(); ++column) {
      const bool is_right = column < right.size() && right[column];
      line += "  ";
      std::ostringstream cell;
      cell << (is_right ? std::right : std::left) << std::setw(int(widths[column])) << row[column];
      line += cell.str();
    }
    while (line.ends_with(' ')) line.pop_back();
    table << line << '\n';
  }
  return table.str();
}

std::string workload_table(const BenchmarkReport& report) {
  std::vector<Row> rows{{"workload", "items", "tokens", "median", "min", "max", ""}};
  for (const WorkloadResult& w : report.workloads)
    rows.push_back({w.name, std::to_string(w.items), std::to_string(w.tokens),
                    figure(w.throughput.median), figure(w.throughput.min), figure(w.throughput.max),
                    w.unit});
  return aligned(rows, {false, true, true, true, true, true, false});
}

// The kernels' times, "forward" (the whole pass) aside: it is the total the shares are of.
std::string kernel_table(const BenchmarkReport& report) {
  double kernels_total = 0, forward = 0;
  std::vector<const KernelTiming*> kernels;
  for (const KernelTiming& k : report.kernels_per_forward) {
    if (k.kernel == "forward") {
      forward = k.milliseconds;
      continue;
    }
    kernels_total += k.milliseconds;
    kernels.push_back(&k);
  }
  const double total = forward > 0 ? forward : kernels_total;
  std::vector<Row> rows{{"kernel", "ms", "share", "dispatches"}};
  const size_t shown = std::min(kTableKernels, kernels.size());
  for (size_t i = 0; i < shown; ++i) {
    const KernelTiming& k = *kernels[i];
    rows.push_back({k.kernel, figure(k.milliseconds),
                    concat(std::lround(total > 0 ? 100 * k.milliseconds / total : 0), "%"),
                    std::to_string(k.dispatches)});
  }
  const bool gpu = report.device.backend == Backend::vulkan;
  return concat("kernels per forward pass (embed_512, averaged over ", report.profiled_forwards,
                report.profiled_forwards == 1 ? " pass" : " passes", "; top ", shown, " of ", kernels.size(),
                gpu ? " by GPU time, " : " by wall time, ", figure(total), " ms per pass):\n",
                aligned(rows, {false, true, true, true}));
}

std::string report_text(const BenchmarkReport& report) {
  const ModelInfo& model = report.model;
  std::ostringstream text;
  text << "device  " << report.device.index << ": " << report.device.name << " ("
       << to_string(report.device.type) << ", " << report.device.driver << ")\n"
       << "model   " << model.path.string() << " (" << model.format << " " << model.weight_type
       << ", " << model.layers << " layers, hidden " << model.hidden_size << ", "
       << mebibytes(model.parameter_bytes) << " of weights)\n"
       << "runs    " << report.options.warmup << " warmup + " << report.options.repeats
       << " timed per workload, scale " << report.options.scale << "\n\n"
       << "throughput:\n"
       << workload_table(report) << '\n'
       << "prefix sharing: reranking " << std::fixed << std::setprecision(2)
       << report.prefix_sharing_speedup << "x as fast as without it; scores differ by at most "
       << std::defaultfloat << std::setprecision(3) << report.max_score_difference << "\n\n"
       << kernel_table(report) << '\n'
       << (report.device.backend == Backend::cpu ? "peak activation memory: " : "peak device memory: ")
       << mebibytes(report.peak_device_bytes) << "; peak process memory (resident): "
       << mebibytes(report.peak_process_bytes) << "\n\n"
       << "paths:\n";
  for (const std::string& path : report.execution_paths) text << "  " << path << '\n';
  return text.str();
}

}  // namespace

int run_bench(const Arguments& arguments) {
  ModelSession session;
  if (auto opened = session.open(*arguments.model, engine_options(arguments)); !opened) {
    print_error(opened.error().message);
    return session.finish(kExitFailure);
  }
  BenchmarkOptions options;
  options.warmup = arguments.warmup.value_or(options.warmup);
  options.repeats = arguments.repeats.value_or(options.repeats);
  options.scale = arguments.scale.value_or(options.scale);
  auto report = run_benchmark(session.engine(), session.model(), options);
  if (!report) {
    print_error(with_model_path(*arguments.model, report.error()).message);
    return session.finish(kExitFailure);
  }
  const Result<void> printed =
      arguments.json ? write_text(to_json(*report) + "\n") : write_text(report_text(*report));
  if (!printed) print_error(printed.error().message);
  return session.finish(printed ? kExitOk : kExitFailure);
}

}  // namespace xun::cli
