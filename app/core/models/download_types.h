// What a download is about: the site, the request a caller makes, and the files a repository
// listing yields.
#pragma once

#include <QList>
#include <QString>
#include <QUrl>

namespace xun::core {

enum class ModelSite { hugging_face, modelscope };
QString to_string(ModelSite site);                // "Hugging Face", "ModelScope"
// https://modelscope.cn; for Hugging Face $HF_ENDPOINT (huggingface_hub's own setting for a
// mirror, e.g. https://hf-mirror.com) when set, else https://huggingface.co.
QUrl default_base_url(ModelSite site);

struct DownloadRequest {
  ModelSite site = ModelSite::hugging_face;
  QString repo;          // "Qwen/Qwen3-Embedding-0.6B": the same id on both sites
  QString file;          // empty: every file of the repository; else this path inside it
  QString destination;   // folder the files go to, keeping their paths inside the repository
  // Empty: default_base_url(site). Else a mirror that serves the same API (it may carry a path
  // prefix), or a local server in tests.
  QUrl base_url;
};

// How hard one file is tried. A dropped connection is retried with a Range from the bytes
// already on disk; an attempt that brought new bytes resets the count.
struct RetryPolicy {
  int attempts = 5;                // attempts in a row that bring nothing before giving up
  int first_delay_ms = 1000;       // doubled after each fruitless attempt, up to 30 s
  int stall_timeout_ms = 60'000;   // a connection silent this long counts as dropped
};

// How a file's bytes are checked once they are all on disk.
enum class ChecksumKind {
  sha256,        // Hugging Face LFS files, every ModelScope file that lists one
  git_blob_sha1, // Hugging Face small files: sha1("blob <size>\0" + content), git's object id
  none,          // ModelScope files listed without a hash: checked by size alone
};

struct RemoteFile {
  QString path;          // inside the repository, '/'-separated, checked to stay inside it
  qint64 size = 0;       // bytes
  ChecksumKind checksum = ChecksumKind::none;
  QByteArray expected;   // lowercase hex digest (empty for ChecksumKind::none)
  QUrl url;              // where its bytes are fetched from
};

}  // namespace xun::core
