// Shared by the Qt Test suites: where the fixtures are, JSON readers, whole files as bytes.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>


namespace xun::test {

// A file of the unpacked fixture models (build tree), e.g. data_path("tiny-embed-f16.gguf").
std::filesystem::path data_path(std::string_view relative);
// A file kept in tests/data, e.g. source_data_path("tokenizer-cases.jsonl").
std::filesystem::path source_data_path(std::string_view relative);
// The xun command line built with the tests.
std::filesystem::path xun_binary();

nlohmann::json read_json(const std::filesystem::path& path);
std::vector<nlohmann::json> read_jsonl(const std::filesystem::path& path);

// A whole file's bytes, and writing them back (both throw std::runtime_error naming the file).
std::string read_file(const std::filesystem::path& path);
void write_file(const std::filesystem::path& path, std::string_view bytes);

}  // namespace xun::test
