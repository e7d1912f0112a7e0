#include "services/app_settings.h"

#include <algorithm>

#include <QDir>
#include <QStandardPaths>

#include "extract/extraction_client.h"
#include "search/search_types.h"

namespace xun::gui {
namespace {

constexpr char kIndexPath[] = "index/path";
constexpr char kEmbeddingModel[] = "models/embedding";
constexpr char kRerankerModel[] = "models/reranker";
constexpr char kDevice[] = "models/device";
constexpr char kChunkTokens[] = "index/chunkTokens";
constexpr char kChunkOverlap[] = "index/chunkOverlap";
constexpr char kMaxTextMb[] = "index/maxTextMb";
constexpr char kExtractTimeoutSeconds[] = "index/extractTimeoutSeconds";
constexpr char kExtractMemoryMb[] = "index/extractMemoryMb";
constexpr char kQueryInstruction[] = "search/queryInstruction";
constexpr char kRerankInstruction[] = "search/rerankInstruction";
constexpr char kLanguage[] = "ui/language";
constexpr char kDownloadSource[] = "download/source";
constexpr char kDownloadFolder[] = "download/folder";
constexpr char kLabPresets[] = "lab/presets";
constexpr char kLayoutGroup[] = "layout/";
constexpr char kSearchOptions[] = "search/options";
constexpr char kLabState[] = "lab/state";

QString app_data_file(const QString& name) {
  const QString folder = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
  return QDir(folder).filePath(name);
}

}  // namespace

AppSettings::AppSettings(QObject* parent) : QObject(parent) {}

AppSettings::AppSettings(const QString& file, QObject* parent)
    : QObject(parent), settings_(file, QSettings::IniFormat) {}

bool AppSettings::set(const QString& key, const QVariant& value) {
  if (settings_.value(key) == value) return false;
  if (value.isNull())
    settings_.remove(key);
  else
    settings_.setValue(key, value);
  return true;
}

QString AppSettings::indexPath() const {
  return settings_.value(kIndexPath, app_data_file(QStringLiteral("index.sqlite"))).toString();
}
void AppSettings::setIndexPath(const QString& path) { set(kIndexPath, path); }

QString AppSettings::embeddingModelPath() const { return settings_.value(kEmbeddingModel).toString(); }
void AppSettings::setEmbeddingModelPath(const QString& path) {
  if (set(kEmbeddingModel, path)) emit modelsChanged();
}

QString AppSettings::rerankerModelPath() const { return settings_.value(kRerankerModel).toString(); }
void AppSettings::setRerankerModelPath(const QString& path) {
  if (set(kRerankerModel, path)) emit modelsChanged();
}

std::optional<uint32_t> AppSettings::deviceIndex() const {
  bool ok = false;
  const uint value = settings_.value(kDevice).toUInt(&ok);
  return ok ? std::optional<uint32_t>(value) : std::nullopt;
}
void AppSettings::setDeviceIndex(std::optional<uint32_t> index) {
  if (set(kDevice, index ? QVariant(static_cast<uint>(*index)) : QVariant())) emit modelsChanged();
}

int AppSettings::chunkTokens() const { return settings_.value(kChunkTokens, 512).toInt(); }
int AppSettings::chunkOverlap() const { return settings_.value(kChunkOverlap, 64).toInt(); }
int AppSettings::maxTextMb() const {
  return std::max(1, settings_.value(kMaxTextMb, int(core::default_max_text_chars / core::text_chars_per_mb)).toInt());
}
int AppSettings::extractTimeoutSeconds() const {
  return std::max(1, settings_.value(kExtractTimeoutSeconds, core::default_extract_timeout_seconds).toInt());
}
int AppSettings::extractMemoryMb() const {
  return std::max(64, settings_.value(kExtractMemoryMb, int(core::default_extract_memory_mb)).toInt());
}
void AppSettings::setChunking(int tokens, int overlap) {
  const bool changed = set(kChunkTokens, tokens) | set(kChunkOverlap, overlap);
  if (changed) emit chunkingChanged();
}

QString AppSettings::queryInstruction() const {
  return settings_.value(kQueryInstruction, core::kDefaultInstruction).toString();
}
void AppSettings::setQueryInstruction(const QString& instruction) {
  if (set(kQueryInstruction, instruction)) emit instructionsChanged();
}
QString AppSettings::rerankInstruction() const {
  return settings_.value(kRerankInstruction, core::kDefaultInstruction).toString();
}
void AppSettings::setRerankInstruction(const QString& instruction) {
  if (set(kRerankInstruction, instruction)) emit instructionsChanged();
}

QString AppSettings::language() const { return settings_.value(kLanguage).toString(); }
void AppSettings::setLanguage(const QString& language) {
  if (set(kLanguage, language)) emit languageChanged();
}

QString AppSettings::downloadSource() const {
  return settings_.value(kDownloadSource, QStringLiteral("huggingface")).toString();
}
void AppSettings::setDownloadSource(const QString& source) { set(kDownloadSource, source); }
QString AppSettings::downloadFolder() const {
  return settings_.value(kDownloadFolder, app_data_file(QStringLiteral("models"))).toString();
}
void AppSettings::setDownloadFolder(const QString& folder) { set(kDownloadFolder, folder); }

QByteArray AppSettings::labPresets() const { return settings_.value(kLabPresets).toByteArray(); }
void AppSettings::setLabPresets(const QByteArray& json) { set(kLabPresets, json); }

QByteArray AppSettings::layoutState(const QString& name) const {
  return settings_.value(kLayoutGroup + name).toByteArray();
}
void AppSettings::setLayoutState(const QString& name, const QByteArray& state) { set(kLayoutGroup + name, state); }

QVariantMap AppSettings::searchOptions() const { return settings_.value(kSearchOptions).toMap(); }
void AppSettings::setSearchOptions(const QVariantMap& options) { set(kSearchOptions, options); }

QByteArray AppSettings::labState() const { return settings_.value(kLabState).toByteArray(); }
void AppSettings::setLabState(const QByteArray& json) { set(kLabState, json); }

}  // namespace xun::gui
