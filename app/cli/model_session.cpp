#include "model_session.h"

#include <string>
#include <vector>

#include "arguments.h"
#include "jsonl_input.h"
#include "output.h"
#include "text.h"

namespace xun::cli {

Result<void> check_model_path(const std::filesystem::path& path) {
  std::error_code code;
  const auto status = std::filesystem::status(path, code);
  if (status.type() == std::filesystem::file_type::not_found)
    return fail(concat(path.string(), ": no such model file or directory"));
  if (code) return fail(concat(path.string(), ": ", code.message()));
  return {};
}

Error with_model_path(const std::filesystem::path& path, Error error) {
  const std::string name =
      path.filename().empty() ? path.parent_path().filename().string() : path.filename().string();
  if (!name.empty() && error.message.find(name) != std::string::npos) return error;
  return in_context(path.string(), std::move(error));
}

EngineOptions engine_options(const Arguments& arguments) {
  EngineOptions options;
  options.device_index = arguments.device;
  options.cpu.threads = arguments.threads;
  return options;
}

Result<std::unique_ptr<Engine>> create_engine(const EngineOptions& options) {
  auto engine = Engine::create(options);
  if (!engine && options.device_index)
    return std::unexpected(in_context(concat("--device ", *options.device_index), engine.error()));
  return engine;
}

Result<void> ModelSession::open(const std::filesystem::path& path, const EngineOptions& options) {
  if (auto exists = check_model_path(path); !exists) return exists;
  auto engine = create_engine(options);
  if (!engine) return std::unexpected(engine.error());
  engine_ = std::move(*engine);
  auto model = engine_->load_model(path);
  if (!model) return std::unexpected(with_model_path(path, model.error()));
  model_ = std::move(*model);
  return {};
}

int ModelSession::finish(int exit_code) {
  model_.reset();
  if (!engine_) return exit_code;
  return finish_with_validation(*engine_, exit_code);
}

int finish_with_validation(const Engine& engine, int exit_code) {
  const std::vector<std::string> messages = engine.validation_messages();
  if (messages.empty()) return exit_code;
  for (const std::string& message : messages) print_error("Vulkan validation: " + message);
  return kExitValidation;
}

int run_model_over_input(const Arguments& arguments,
                         const std::function<Result<void>(const ModelInfo&)>& fits,
                         const std::function<Result<void>(JsonlInput&, Model&)>& body) {
  auto input = JsonlInput::open(*arguments.jsonl);
  if (!input) {
    print_error(input.error().message);
    return kExitFailure;
  }
  ModelSession session;
  if (auto opened = session.open(*arguments.model, engine_options(arguments)); !opened) {
    print_error(opened.error().message);
    return session.finish(kExitFailure);
  }
  if (auto fit = fits(session.model().info()); !fit) {
    print_error(fit.error().message);
    return session.finish(kExitUsage);
  }
  auto done = body(**input, session.model());
  if (!done) print_error(done.error().message);
  return session.finish(done ? kExitOk : kExitFailure);
}

}  // namespace xun::cli
