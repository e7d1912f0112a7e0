#include "fake_model_repo.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <stdexcept>

namespace xun::test {

using core::ModelSite;

QByteArray sha256_hex(const QByteArray& bytes) {
  return QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex();
}

QByteArray git_blob_sha1_hex(const QByteArray& bytes) {
  return QCryptographicHash::hash("blob " + QByteArray::number(bytes.size()) + '\0' + bytes,
                                  QCryptographicHash::Sha1).toHex();
}

QByteArray read_whole_file(const QString& path) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) throw std::runtime_error("cannot read " + path.toStdString());
  return file.readAll();
}

void FakeModelRepo::add(const QString& path, const QByteArray& bytes) {
  files_.append({path, bytes, bytes.size() > (1 << 20)});
}

const RepoFile& FakeModelRepo::file(const QString& path) const {
  for (const RepoFile& file : files_)
    if (file.path == path) return file;
  throw std::runtime_error("no file " + path.toStdString() + " in the fake repository");
}

QByteArray FakeModelRepo::listing_json(ModelSite site) const {
  QJsonArray entries;
  QSet<QString> folders;
  for (const RepoFile& file : files_) {
    const QString folder = file.path.section('/', 0, -2);
    if (!folder.isEmpty() && !folders.contains(folder)) {  // the APIs list folders too
      folders.insert(folder);
      entries.append(site == ModelSite::hugging_face
                         ? QJsonObject{{"type", "directory"}, {"path", folder}, {"size", 0}, {"oid", QString(40, '0')}}
                         : QJsonObject{{"Type", "tree"}, {"Path", folder}, {"Name", folder}, {"Size", 0}});
    }
    const QString name = file.path.section('/', -1);
    if (site == ModelSite::hugging_face) {
      QJsonObject entry{{"type", "file"},
                        {"path", file.path},
                        {"size", file.bytes.size()},
                        {"oid", QString::fromLatin1(git_blob_sha1_hex(file.bytes))}};
      if (file.lfs)
        entry["lfs"] = QJsonObject{{"oid", QString::fromLatin1(sha256_hex(file.bytes))},
                                   {"size", file.bytes.size()}, {"pointerSize", 134}};
      entries.append(entry);
    } else {
      entries.append(QJsonObject{{"Type", "blob"},
                                 {"Path", file.path},
                                 {"Name", name},
                                 {"Size", file.bytes.size()},
                                 {"Sha256", QString::fromLatin1(sha256_hex(file.bytes))},
                                 {"IsLFS", file.lfs}});
    }
  }
  if (site == ModelSite::hugging_face) return QJsonDocument(entries).toJson(QJsonDocument::Compact);
  const QJsonObject root{{"Code", 200}, {"Data", QJsonObject{{"Files", entries}}}, {"Message", "success"},
                         {"Success", true}};
  return QJsonDocument(root).toJson(QJsonDocument::Compact);
}

QByteArray FakeModelRepo::listing_target(ModelSite site, const QByteArray& prefix) const {
  const QByteArray id = id_.toUtf8();
  if (site == ModelSite::hugging_face) return prefix + "/api/models/" + id + "/tree/main?recursive=true";
  return prefix + "/api/v1/models/" + id + "/repo/files?Revision=master&Recursive=true";
}

QByteArray FakeModelRepo::file_target(ModelSite site, const QString& path, const QByteArray& prefix) const {
  const QByteArray id = id_.toUtf8();
  if (site == ModelSite::hugging_face) return prefix + "/" + id + "/resolve/main/" + path.toUtf8();
  return prefix + "/api/v1/models/" + id + "/repo?Revision=master&FilePath=" + path.toUtf8();
}

void FakeModelRepo::publish(LocalHttpServer& server, ModelSite site, const QByteArray& prefix) const {
  server.serve(listing_target(site, prefix), listing_json(site), {{"Content-Type", "application/json"}});
  for (const RepoFile& file : files_) server.serve(file_target(site, file.path, prefix), file.bytes);
}

}  // namespace xun::test
