// Finds Qwen3 models already on disk: in the Hugging Face and ModelScope caches their command
// lines and libraries fill, or at a path the user picks. Each candidate is inspected (headers,
// config and tokenizer; no weights read, no device) so that the settings page can show its
// kind and dimension, or why it cannot be used: a broken model is listed with its error, never
// dropped silently.
//
// Blocking: inspecting reads each model's tokenizer (an 11 MB JSON for the Qwen3 models), so
// call these off the GUI thread (QtConcurrent::run).
#pragma once

#include <QList>
#include <QString>
#include <optional>

#include "xun/engine.h"

namespace xun::core {

enum class ModelSource { hugging_face, modelscope, user_picked };
QString to_string(ModelSource source);  // "Hugging Face", "ModelScope", "chosen by you"

struct DiscoveredModel {
  QString path;                        // a model directory or a .gguf file: what load_model takes
  ModelSource source = ModelSource::user_picked;
  QString repo;                        // "Qwen/Qwen3-Embedding-0.6B" when the cache layout says; else empty
  std::optional<xun::ModelInfo> info;  // kind, hidden_size (the embedding dimension), weight_type, ...
  QString error;                       // why inspecting failed, naming the file; empty when info is set

  bool usable() const { return info.has_value(); }
};

// Where the caches are, following the tools' own rules:
//   Hugging Face: $HF_HUB_CACHE, else $HUGGINGFACE_HUB_CACHE (older name), else $HF_HOME/hub,
//                 else $XDG_CACHE_HOME/huggingface/hub, else ~/.cache/huggingface/hub.
//   ModelScope:   $MODELSCOPE_CACHE (its hub/ subfolder when it has one, else itself), else
//                 ~/.cache/modelscope/hub.
QString hugging_face_cache_dir();
QString modelscope_cache_dir();

// Every candidate in both caches (Hugging Face first), each inspected. A missing cache
// folder simply contributes nothing.
QList<DiscoveredModel> discover_models();

// Candidates under one cache folder:
//   Hugging Face: models--{org}--{name}/snapshots/{revision}/ (files are usually symlinks
//                 into ../../blobs/, which is fine).
//   ModelScope:   {org}/{name}/ and models/{org}/{name}/ (older versions write "." in a name
//                 as "___": Qwen3-Embedding-0___6B).
// A candidate is a directory holding config.json and *.safetensors, or a *.gguf file, found at
// the top of a model folder or in its subfolders (GGUF repositories sometimes nest files).
QList<DiscoveredModel> discover_in_hugging_face_cache(const QString& hub_dir);
QList<DiscoveredModel> discover_in_modelscope_cache(const QString& cache_dir);

// A folder or .gguf file the user picked (or any path): inspected as it is.
DiscoveredModel inspect(const QString& path, ModelSource source = ModelSource::user_picked);
// A folder the user keeps models in: the candidates at it and up to two levels inside it,
// each inspected, as user_picked.
QList<DiscoveredModel> discover_in_folder(const QString& dir);

}  // namespace xun::core
