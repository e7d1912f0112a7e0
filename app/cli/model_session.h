// An engine on the chosen device with one model loaded, for the commands that run the model,
// and the validation check that every command which made an engine ends with.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>

#include "xun/engine.h"

namespace xun::cli {
struct Arguments;
class JsonlInput;
}  // namespace xun::cli

namespace xun::cli {

class ModelSession {
 public:
  // Creates the engine (device unset: the engine's default) and loads the model at `path`.
  // On failure the engine may exist: finish() still reports its validation messages.
  Result<void> open(const std::filesystem::path& path, const EngineOptions& options);

  Engine& engine() { return *engine_; }
  Model& model() { return *model_; }

  // The exit code the command ends with: `exit_code`, or kExitValidation after printing every
  // message when the validation layer reported any (XUN_VULKAN_VALIDATION=1). Releases the
  // model first so that its teardown is checked too.
  int finish(int exit_code);

 private:
  std::unique_ptr<Engine> engine_;  // declared first: destroyed after the model
  std::unique_ptr<Model> model_;
};

// Checks that `path` names something that exists, so the error names it before any engine
// is made.
Result<void> check_model_path(const std::filesystem::path& path);

// `error` with the model path in front, unless the message names the model already.
Error with_model_path(const std::filesystem::path& path, Error error);

// The exit code after `engine`'s validation messages: `exit_code` when there are none,
// kExitValidation after printing each of them otherwise.
int finish_with_validation(const Engine& engine, int exit_code);

// The engine options the command line chose (--device, --threads).
EngineOptions engine_options(const Arguments& arguments);
// Engine::create, with "--device N: " before an error about the device the user named.
Result<std::unique_ptr<Engine>> create_engine(const EngineOptions& options);

// What embed and rerank share: opens --jsonl and --model, lets `fits` refuse a model that does
// not suit the command (a usage error), runs `body`, and ends with the validation check. Every
// error is printed as one line; returns the exit code.
int run_model_over_input(const Arguments& arguments,
                         const std::function<Result<void>(const ModelInfo&)>& fits,
                         const std::function<Result<void>(JsonlInput&, Model&)>& body);

}  // namespace xun::cli
