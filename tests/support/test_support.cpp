#include "test_support.h"

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <stdexcept>

namespace xun::test {
namespace {

std::filesystem::path from_environment(const char* variable) {
  const char* value = std::getenv(variable);
  if (value == nullptr || *value == '\0')
    throw std::runtime_error(std::string(variable) + " is not set; run the tests through ctest");
  return value;
}

// The indexer looks for its extraction worker beside the running program, which a test suite
// is not; this points it at the build's worker before any test runs.
[[maybe_unused]] const bool extract_worker_named = [] {
#ifdef XUN_TEST_EXTRACT_WORKER
  ::setenv("XUN_EXTRACT_WORKER", XUN_TEST_EXTRACT_WORKER, /*overwrite=*/0);
#endif
  return true;
}();

}  // namespace

std::filesystem::path data_path(std::string_view relative) {
  return from_environment("XUN_TEST_DATA") / relative;
}

std::filesystem::path source_data_path(std::string_view relative) {
  return from_environment("XUN_TEST_SOURCE_DATA") / relative;
}

std::filesystem::path xun_binary() { return from_environment("XUN_BINARY"); }

nlohmann::json read_json(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + path.string());
  return nlohmann::json::parse(in);
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  return {std::istreambuf_iterator<char>(in), {}};
}

void write_file(const std::filesystem::path& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

std::vector<nlohmann::json> read_jsonl(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + path.string());
  std::vector<nlohmann::json> lines;
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) lines.push_back(nlohmann::json::parse(line));
  return lines;
}

}  // namespace xun::test
