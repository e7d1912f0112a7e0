#include "models/repo_listing.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <cmath>

namespace xun::core {
namespace {

// Integers above 2^53 do not survive a JSON double; no real file comes near.
constexpr double max_json_integer = 9007199254740992.0;

std::unexpected<Error> fail_at(const QUrl& url, const QString& problem) {
  return fail(url.toDisplayString().toStdString() + ": " + problem.toStdString());
}

bool is_hex(const QString& text, qsizetype digits) {
  if (text.size() != digits) return false;
  for (const QChar c : text)
    if (!c.isDigit() && !(c >= u'a' && c <= u'f') && !(c >= u'A' && c <= u'F')) return false;
  return true;
}

// {base}/{suffix}: base may end in '/' and carry a path (a mirror under a prefix).
QUrl join(const QUrl& base, const QByteArray& suffix) {
  QByteArray text = base.toEncoded(QUrl::StripTrailingSlash);
  return QUrl::fromEncoded(text + "/" + suffix, QUrl::StrictMode);
}

QByteArray encoded_path(const QString& path) { return QUrl::toPercentEncoding(path, "/"); }

// Reads a field that must be a whole number of bytes.
Result<qint64> byte_count(const QJsonValue& value, const QString& field) {
  if (!value.isDouble()) return fail(("\"" + field + "\" is not a number").toStdString());
  const double number = value.toDouble();
  if (number < 0 || number != std::floor(number) || number > max_json_integer)
    return fail(("\"" + field + "\" is " + QString::number(number, 'g', 17) + ", not a byte count").toStdString());
  return value.toInteger();
}

// What an entry is called in errors: its path when it has a readable one.
QString entry_name(int index, const QJsonObject& entry, const QString& path_field) {
  const QString path = entry.value(path_field).toString();
  return "entry " + QString::number(index) + (path.isEmpty() ? QString() : " (\"" + path.left(200) + "\")");
}

Result<QString> checked_path(const QJsonObject& entry, const QString& field) {
  const QJsonValue value = entry.value(field);
  if (!value.isString()) return fail(("\"" + field + "\" is missing or not a string").toStdString());
  const QString path = value.toString();
  if (auto ok = check_repo_path(path); !ok) return std::unexpected(ok.error());
  return path;
}

// One Hugging Face tree entry; nullopt for a directory.
Result<std::optional<RemoteFile>> hugging_face_entry(const QJsonObject& entry) {
  const QJsonValue type = entry.value("type");
  if (!type.isString()) return fail("\"type\" is missing or not a string");
  if (type.toString() == "directory") return std::nullopt;
  if (type.toString() != "file")
    return fail(("\"type\" is \"" + type.toString().left(40) + "\", expected \"file\" or \"directory\"").toStdString());
  auto path = checked_path(entry, "path");
  if (!path) return std::unexpected(path.error());
  auto size = byte_count(entry.value("size"), "size");
  if (!size) return std::unexpected(size.error());
  const QString oid = entry.value("oid").toString();
  if (!is_hex(oid, 40)) return fail("\"oid\" is missing or not a 40-digit git object id");

  RemoteFile file{*path, *size, ChecksumKind::git_blob_sha1, oid.toLatin1().toLower(), {}};
  const QJsonValue lfs = entry.value("lfs");
  if (!lfs.isUndefined() && !lfs.isNull()) {
    // A large file: "oid" above is the pointer file's; the content's hash is lfs.oid.
    if (!lfs.isObject()) return fail("\"lfs\" is not an object");
    const QString sha256 = lfs.toObject().value("oid").toString();
    if (!is_hex(sha256, 64)) return fail("\"lfs.oid\" is missing or not a 64-digit SHA-256");
    auto lfs_size = byte_count(lfs.toObject().value("size"), "lfs.size");
    if (!lfs_size) return std::unexpected(lfs_size.error());
    if (*lfs_size != *size)
      return fail(("\"size\" (" + QString::number(*size) + ") and \"lfs.size\" (" + QString::number(*lfs_size) +
                   ") disagree").toStdString());
    file.checksum = ChecksumKind::sha256;
    file.expected = sha256.toLatin1().toLower();
  }
  return file;
}

// One ModelScope file entry; nullopt for a folder ("tree").
Result<std::optional<RemoteFile>> modelscope_entry(const QJsonObject& entry) {
  const QJsonValue type = entry.value("Type");
  if (!type.isString()) return fail("\"Type\" is missing or not a string");
  if (type.toString() == "tree") return std::nullopt;
  if (type.toString() != "blob")
    return fail(("\"Type\" is \"" + type.toString().left(40) + "\", expected \"blob\" or \"tree\"").toStdString());
  auto path = checked_path(entry, "Path");
  if (!path) return std::unexpected(path.error());
  if (const QJsonValue name = entry.value("Name"); !name.isUndefined() && !name.isString())
    return fail("\"Name\" is not a string");
  auto size = byte_count(entry.value("Size"), "Size");
  if (!size) return std::unexpected(size.error());

  RemoteFile file{*path, *size, ChecksumKind::none, {}, {}};
  // ModelScope's own client treats the hash as optional too; such a file is checked by size.
  const QJsonValue sha256 = entry.value("Sha256");
  if (sha256.isString() && !sha256.toString().isEmpty()) {
    if (!is_hex(sha256.toString(), 64)) return fail("\"Sha256\" is not a 64-digit SHA-256");
    file.checksum = ChecksumKind::sha256;
    file.expected = sha256.toString().toLatin1().toLower();
  } else if (!sha256.isUndefined() && !sha256.isNull() && !sha256.isString()) {
    return fail("\"Sha256\" is not a string");
  }
  return file;
}

// The array of entries each site wraps differently.
Result<QJsonArray> entries_of(ModelSite site, const QJsonDocument& document) {
  if (site == ModelSite::hugging_face) {
    if (!document.isArray()) return fail("expected a JSON array of files");
    return document.array();
  }
  if (!document.isObject()) return fail("expected a JSON object with \"Data\": {\"Files\": [...]}");
  const QJsonObject root = document.object();
  const QString message = root.value("Message").toString().left(300);
  if (const QJsonValue code = root.value("Code"); !code.isUndefined() && code.toInt(-1) != 200)
    return fail(("the site answered Code " + code.toVariant().toString().left(40) +
                 (message.isEmpty() ? QString() : ": " + message)).toStdString());
  if (const QJsonValue success = root.value("Success"); success.isBool() && !success.toBool())
    return fail(("the site answered Success: false" + (message.isEmpty() ? QString() : ": " + message)).toStdString());
  const QJsonValue files = root.value("Data").toObject().value("Files");
  if (!files.isArray()) return fail("\"Data.Files\" is missing or not an array");
  return files.toArray();
}

// Hugging Face paginates long listings: Link: <https://...&cursor=...>; rel="next".
QUrl next_page(const QUrl& url, const QByteArray& link_header) {
  static const QRegularExpression next(R"(<([^>]*)>\s*;\s*rel="?next"?)");
  const QRegularExpressionMatch match = next.match(QString::fromLatin1(link_header));
  return match.hasMatch() ? url.resolved(QUrl(match.captured(1))) : QUrl();
}

}  // namespace

Result<void> check_repo_id(const QString& repo) {
  static const QRegularExpression form(R"(^[A-Za-z0-9._-]+/[A-Za-z0-9._-]+$)");
  const QStringList parts = repo.split('/');
  if (!form.match(repo).hasMatch() || parts.contains(".") || parts.contains(".."))
    return fail(("\"" + repo.left(200) + "\" is not a repository id like Qwen/Qwen3-Embedding-0.6B").toStdString());
  return {};
}

Result<void> check_repo_path(const QString& path) {
  const auto refuse = [&](const QString& why) {
    return fail(("path \"" + path.left(200) + "\" " + why).toStdString());
  };
  if (path.isEmpty()) return fail("path is empty");
  if (path.size() > 1024) return refuse("is longer than 1024 characters");
  if (path.startsWith('/')) return refuse("is absolute");
  if (path.contains('\\')) return refuse("contains a backslash");
  if (path.size() >= 2 && path[1] == ':') return refuse("starts with a drive letter");
  for (const QChar c : path)
    if (c.unicode() < 0x20 || c.unicode() == 0x7f) return refuse("contains a control character");
  for (const QString& segment : path.split('/')) {
    if (segment == "..") return refuse("has a \"..\" segment, which would leave the destination folder");
    if (segment.isEmpty() || segment == ".") return refuse("has an empty or \".\" segment");
  }
  return {};
}

QUrl listing_url(ModelSite site, const QUrl& base, const QString& repo) {
  const QByteArray id = repo.toLatin1();  // check_repo_id: nothing to encode
  if (site == ModelSite::hugging_face) return join(base, "api/models/" + id + "/tree/main?recursive=true");
  return join(base, "api/v1/models/" + id + "/repo/files?Revision=master&Recursive=true");
}

QUrl file_url(ModelSite site, const QUrl& base, const QString& repo, const QString& path) {
  const QByteArray id = repo.toLatin1();
  if (site == ModelSite::hugging_face) return join(base, id + "/resolve/main/" + encoded_path(path));
  return join(base, "api/v1/models/" + id + "/repo?Revision=master&FilePath=" + encoded_path(path));
}

Result<ListingPage> parse_listing(ModelSite site, const QUrl& base, const QString& repo, const QUrl& url,
                                  const QByteArray& json, const QByteArray& link_header) {
  QJsonParseError parse_error;
  const QJsonDocument document = QJsonDocument::fromJson(json, &parse_error);
  if (parse_error.error != QJsonParseError::NoError)
    return fail_at(url, "the file list is not valid JSON (" + parse_error.errorString() + " at byte " +
                            QString::number(parse_error.offset) + ")");
  auto entries = entries_of(site, document);
  if (!entries) return fail_at(url, QString::fromStdString(entries.error().message));

  ListingPage page;
  QSet<QString> seen;
  const QString path_field = site == ModelSite::hugging_face ? "path" : "Path";
  for (qsizetype i = 0; i < entries->size(); ++i) {
    const QJsonValue value = entries->at(i);
    if (!value.isObject()) return fail_at(url, "entry " + QString::number(i) + " is not an object");
    const QJsonObject entry = value.toObject();
    auto file = site == ModelSite::hugging_face ? hugging_face_entry(entry) : modelscope_entry(entry);
    if (!file)
      return fail_at(url, entry_name(int(i), entry, path_field) + ": " + QString::fromStdString(file.error().message));
    if (!*file) continue;
    RemoteFile& remote = **file;
    if (seen.contains(remote.path)) return fail_at(url, "\"" + remote.path + "\" is listed twice");
    seen.insert(remote.path);
    remote.url = file_url(site, base, repo, remote.path);
    page.files.append(std::move(remote));
  }
  if (site == ModelSite::hugging_face) page.next_page = next_page(url, link_header);
  return page;
}

}  // namespace xun::core
