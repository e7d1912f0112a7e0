// The sites' file-listing APIs: which URL lists a repository, where each file is fetched from,
// and the JSON answers turned into RemoteFiles with every field checked. No network here.
//
//   Hugging Face  GET {base}/api/models/{repo}/tree/main?recursive=true
//                 [{"type": "file"|"directory", "path", "size", "oid": git blob sha1,
//                   "lfs": {"oid": sha256, "size"} (large files only)}, ...]
//                 further pages, if any, in the Link header (rel="next")
//                 file: {base}/{repo}/resolve/main/{path}
//   ModelScope    GET {base}/api/v1/models/{repo}/repo/files?Revision=master&Recursive=true
//                 {"Code": 200, "Data": {"Files": [{"Path", "Name", "Size", "Sha256",
//                   "Type": "blob"|"tree"}, ...]}}
//                 file: {base}/api/v1/models/{repo}/repo?Revision=master&FilePath={path}
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QUrl>

#include "models/download_types.h"
#include "xun/error.h"

namespace xun::core {

// "org/name", each part of letters, digits, '-', '_' and '.', neither "." nor "..".
Result<void> check_repo_id(const QString& repo);
// A path inside a repository that stays inside the destination: relative, '/'-separated, no
// empty, "." or ".." segment, no backslash, drive letter or control character.
Result<void> check_repo_path(const QString& path);

QUrl listing_url(ModelSite site, const QUrl& base, const QString& repo);
QUrl file_url(ModelSite site, const QUrl& base, const QString& repo, const QString& path);

struct ListingPage {
  QList<RemoteFile> files;  // directories left out; urls filled in
  QUrl next_page;           // empty when this was the last page
};

// `json` is the body fetched from `url`, `link_header` its Link header (Hugging Face pages).
// Errors name the URL, the entry and the problem.
Result<ListingPage> parse_listing(ModelSite site, const QUrl& base, const QString& repo, const QUrl& url,
                                  const QByteArray& json, const QByteArray& link_header = {});

}  // namespace xun::core
