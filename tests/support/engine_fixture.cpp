#include "engine_fixture.h"

#include <memory>
#include <stdexcept>

namespace xun::test {

Engine& shared_engine() {
  static std::unique_ptr<Engine> engine = [] {
    auto created = Engine::create(EngineOptions{});
    if (!created) throw std::runtime_error("cannot create the engine: " + created.error().message);
    return std::move(*created);
  }();
  return *engine;
}

std::vector<std::string> take_validation_messages() {
  static size_t seen = 0;
  const std::vector<std::string> all = shared_engine().validation_messages();
  std::vector<std::string> fresh;
  for (size_t i = seen; i < all.size(); ++i) fresh.push_back(all[i]);
  seen = all.size();
  return fresh;
}

}  // namespace xun::test
