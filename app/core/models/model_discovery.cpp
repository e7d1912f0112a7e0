#include "models/model_discovery.h"

#include <QDir>
#include <QFileInfo>
#include <QSet>

#include "scan/fs_path.h"

namespace xun::core {
namespace {

constexpr int candidate_depth = 2;  // subfolder levels searched below a model folder

QString environment_path(const char* variable) { return QDir::cleanPath(qEnvironmentVariable(variable)); }

bool has_safetensors(const QDir& dir) {
  return !dir.entryList({"*.safetensors"}, QDir::Files | QDir::Readable).isEmpty();
}

bool is_model_directory(const QString& path) {
  const QDir dir(path);
  return QFileInfo(dir.filePath("config.json")).isFile() && has_safetensors(dir);
}

bool is_gguf(const QFileInfo& file) {
  return file.isFile() && file.fileName().endsWith(".gguf", Qt::CaseInsensitive);
}

// Model directories and .gguf files at `path` and up to `depth` levels below it, sorted.
// QDir follows symlinks, as the Hugging Face cache needs; hidden entries (temporary download
// folders, .git) are left out.
void collect_candidates(const QString& path, int depth, QStringList& found) {
  if (is_model_directory(path)) found.append(path);
  const QDir dir(path);
  const QFileInfoList entries = dir.entryInfoList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
  for (const QFileInfo& entry : entries) {
    if (is_gguf(entry)) found.append(entry.filePath());
    else if (entry.isDir() && depth > 0) collect_candidates(entry.filePath(), depth - 1, found);
  }
}

QStringList subfolders(const QString& path) {
  QStringList paths;
  const QDir dir(path);
  for (const QFileInfo& entry : dir.entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name))
    paths.append(entry.filePath());
  return paths;
}

void add_inspected(const QStringList& candidates, ModelSource source, const QString& repo, QSet<QString>& seen,
                   QList<DiscoveredModel>& models) {
  for (const QString& candidate : candidates) {
    if (seen.contains(candidate)) continue;
    seen.insert(candidate);
    DiscoveredModel model = inspect(candidate, source);
    model.repo = repo;
    models.append(std::move(model));
  }
}

// ModelScope stored a "." of a model name as "___" (Qwen3-Embedding-0___6B) before 1.x.
QString modelscope_repo(const QString& org, const QString& name) {
  return org + "/" + QString(name).replace("___", ".");
}

}  // namespace

QString to_string(ModelSource source) {
  switch (source) {
    case ModelSource::hugging_face: return QStringLiteral("Hugging Face");
    case ModelSource::modelscope: return QStringLiteral("ModelScope");
    case ModelSource::user_picked: return QStringLiteral("chosen by you");
  }
  return {};
}

QString hugging_face_cache_dir() {
  for (const char* variable : {"HF_HUB_CACHE", "HUGGINGFACE_HUB_CACHE"})
    if (qEnvironmentVariableIsSet(variable) && !qEnvironmentVariable(variable).isEmpty())
      return environment_path(variable);
  if (!qEnvironmentVariable("HF_HOME").isEmpty()) return environment_path("HF_HOME") + "/hub";
  if (!qEnvironmentVariable("XDG_CACHE_HOME").isEmpty())
    return environment_path("XDG_CACHE_HOME") + "/huggingface/hub";
  return QDir::homePath() + "/.cache/huggingface/hub";
}

QString modelscope_cache_dir() {
  if (!qEnvironmentVariable("MODELSCOPE_CACHE").isEmpty()) {
    const QString root = environment_path("MODELSCOPE_CACHE");
    return QFileInfo(root + "/hub").isDir() ? root + "/hub" : root;
  }
  return QDir::homePath() + "/.cache/modelscope/hub";
}

DiscoveredModel inspect(const QString& path, ModelSource source) {
  DiscoveredModel model;
  model.path = path;
  model.source = source;
  auto info = xun::inspect_model(to_fs_path(path));
  if (info) model.info = std::move(*info);
  else model.error = QString::fromStdString(info.error().message);
  return model;
}

QList<DiscoveredModel> discover_in_hugging_face_cache(const QString& hub_dir) {
  QList<DiscoveredModel> models;
  QSet<QString> seen;
  for (const QString& repo_dir : subfolders(hub_dir)) {
    const QString folder = QFileInfo(repo_dir).fileName();  // models--Qwen--Qwen3-Embedding-0.6B
    if (!folder.startsWith("models--")) continue;           // datasets--, spaces--
    const QString repo = folder.mid(8).replace("--", "/");  // "--" cannot occur in a repo id
    for (const QString& snapshot : subfolders(repo_dir + "/snapshots")) {
      QStringList candidates;
      collect_candidates(snapshot, candidate_depth, candidates);
      add_inspected(candidates, ModelSource::hugging_face, repo, seen, models);
    }
  }
  return models;
}

QList<DiscoveredModel> discover_in_modelscope_cache(const QString& cache_dir) {
  QList<DiscoveredModel> models;
  QSet<QString> seen;
  const auto scan_layout = [&](const QString& root, bool skip_layout_folders) {
    for (const QString& org_dir : subfolders(root)) {
      const QString org = QFileInfo(org_dir).fileName();
      // "models" and "datasets" are folders of the newer layout, not organisations.
      if (skip_layout_folders && (org == "models" || org == "datasets")) continue;
      for (const QString& name_dir : subfolders(org_dir)) {
        QStringList candidates;
        collect_candidates(name_dir, candidate_depth, candidates);
        add_inspected(candidates, ModelSource::modelscope, modelscope_repo(org, QFileInfo(name_dir).fileName()),
                      seen, models);
      }
    }
  };
  scan_layout(cache_dir + "/models", false);  // models/{org}/{name}
  scan_layout(cache_dir, true);               // {org}/{name}
  return models;
}

QList<DiscoveredModel> discover_in_folder(const QString& dir) {
  QList<DiscoveredModel> models;
  QSet<QString> seen;
  QStringList candidates;
  collect_candidates(dir, candidate_depth, candidates);
  add_inspected(candidates, ModelSource::user_picked, {}, seen, models);
  return models;
}

QList<DiscoveredModel> discover_models() {
  QList<DiscoveredModel> models = discover_in_hugging_face_cache(hugging_face_cache_dir());
  models.append(discover_in_modelscope_cache(modelscope_cache_dir()));
  return models;
}

}  // namespace xun::core
