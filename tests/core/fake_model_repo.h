// A model repository as the download tests publish it on a LocalHttpServer, in the shape of
// either site's API: the file list (with sizes and checksums computed here from the bytes) and
// each file at its download URL.
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include "local_http_server.h"
#include "models/download_types.h"

namespace xun::test {

struct RepoFile {
  QString path;
  QByteArray bytes;
  bool lfs = false;  // Hugging Face: stored in LFS (listed with its SHA-256)
};

class FakeModelRepo {
 public:
  explicit FakeModelRepo(QString id) : id_(std::move(id)) {}

  // Files over 1 MiB go to LFS, as the hub does with weights and large tokenizers.
  void add(const QString& path, const QByteArray& bytes);
  const QList<RepoFile>& files() const { return files_; }
  const RepoFile& file(const QString& path) const;
  const QString& id() const { return id_; }

  // The file list as the site's API returns it.
  QByteArray listing_json(core::ModelSite site) const;
  // Request targets (decoded path and query) under an optional mirror prefix such as "/mirror".
  QByteArray listing_target(core::ModelSite site, const QByteArray& prefix = {}) const;
  QByteArray file_target(core::ModelSite site, const QString& path, const QByteArray& prefix = {}) const;

  // Serves the list and every file.
  void publish(LocalHttpServer& server, core::ModelSite site, const QByteArray& prefix = {}) const;

 private:
  QString id_;
  QList<RepoFile> files_;
};

QByteArray sha256_hex(const QByteArray& bytes);
QByteArray git_blob_sha1_hex(const QByteArray& bytes);
// A whole file read into memory (fixtures only).
QByteArray read_whole_file(const QString& path);

}  // namespace xun::test
