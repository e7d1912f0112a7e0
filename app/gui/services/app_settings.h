// Every user setting of the application, read and written in one place. Backed by QSettings
// (organisation "Xun", application "Xun"; tests switch QStandardPaths to test mode so that they
// never touch a user's settings). Setters emit the matching *Changed signal only on a change.
#pragma once

#include <cstdint>
#include <optional>

#include <QByteArray>
#include <QObject>
#include <QSettings>
#include <QString>
#include <QVariantMap>

namespace xun::gui {

class AppSettings final : public QObject {
  Q_OBJECT

 public:
  explicit AppSettings(QObject* parent = nullptr);
  // Settings kept in `file` (an .ini), for tests and for a portable install.
  explicit AppSettings(const QString& file, QObject* parent = nullptr);

  // The SQLite index; default <AppDataLocation>/index.sqlite.
  QString indexPath() const;
  void setIndexPath(const QString& path);

  // Model paths: a model folder (config.json, tokenizer.json, *.safetensors) or a .gguf file;
  // empty when none is set.
  QString embeddingModelPath() const;
  void setEmbeddingModelPath(const QString& path);
  QString rerankerModelPath() const;
  void setRerankerModelPath(const QString& path);
  // The Vulkan device (xun::DeviceInfo::index); unset: the engine picks the best one.
  std::optional<uint32_t> deviceIndex() const;
  void setDeviceIndex(std::optional<uint32_t> index);

  int chunkTokens() const;    // default 512
  int chunkOverlap() const;   // default 64
  void setChunking(int tokens, int overlap);
  // Limits per file on text extraction (core::ExtractOptions, core::ExtractWorkerOptions); no
  // page edits them: they are read from the settings file's [index] group when set there.
  int maxTextMb() const;          // index/maxTextMb, default 20 (millions of characters)
  int extractTimeoutSeconds() const;  // index/extractTimeoutSeconds, default 30
  int extractMemoryMb() const;    // index/extractMemoryMb, default 1024

  // The task instructions used when the user does not give others.
  QString queryInstruction() const;
  void setQueryInstruction(const QString& instruction);
  QString rerankInstruction() const;
  void setRerankInstruction(const QString& instruction);

  // "" follows the system; otherwise a locale name such as "zh_CN" or "en".
  QString language() const;
  void setLanguage(const QString& language);

  // Model downloads: "huggingface" or "modelscope", and where models are saved.
  QString downloadSource() const;
  void setDownloadSource(const QString& source);
  QString downloadFolder() const;  // default <AppDataLocation>/models
  void setDownloadFolder(const QString& folder);

  // Instruction lab presets, as the lab stores them (JSON).
  QByteArray labPresets() const;
  void setLabPresets(const QByteArray& json);

  // What the user left as it was at the last close, restored at the next start: the window's
  // geometry and its splitters (`name` says which: "window", "search/splitter", ...), as
  // QWidget::saveGeometry and QSplitter::saveState give them; empty when never saved.
  QByteArray layoutState(const QString& name) const;
  void setLayoutState(const QString& name, const QByteArray& state);
  // The search options (mode, reranking, folder and type filters) as SearchOptionsBar keeps
  // them; empty when never saved.
  QVariantMap searchOptions() const;
  void setSearchOptions(const QVariantMap& options);
  // The instruction lab's last query, variants and relevance marks (JSON, see LabPage).
  QByteArray labState() const;
  void setLabState(const QByteArray& json);

  QSettings& store() { return settings_; }

 signals:
  void modelsChanged();      // a model path or the device
  void chunkingChanged();
  void instructionsChanged();
  void languageChanged();

 private:
  bool set(const QString& key, const QVariant& value);

  QSettings settings_;
};

}  // namespace xun::gui
