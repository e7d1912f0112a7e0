#include "model/json_file.h"

#include "util/mapped_file.h"

namespace xun::model {

Result<nlohmann::json> read_json_file(const std::filesystem::path& path) {
  auto file = util::MappedFile::open(path);
  if (!file) return std::unexpected(file.error());
  const auto bytes = (*file)->bytes();
  const auto* text = reinterpret_cast<const char*>(bytes.data());
  try {
    return nlohmann::json::parse(text, text + bytes.size());
  } catch (const nlohmann::json::parse_error& error) {
    return fail(path.string() + ": malformed JSON at byte " + std::to_string(error.byte));
  } catch (const nlohmann::json::out_of_range& error) {  // 1e999999: number overflow (406)
    return fail(path.string() + ": a number out of range: " + error.what());
  } catch (const std::exception& error) {
    return fail(path.string() + ": cannot read JSON: " + error.what());
  }
}

}  // namespace xun::model
