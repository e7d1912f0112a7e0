// The digest a listing gives for a file, computed incrementally as its bytes arrive (or are
// read back from a partial file), so that no file is ever held whole in memory.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QCryptographicHash>

#include "models/download_types.h"

namespace xun::core {

class ContentHasher {
 public:
  // `size` is the file's full size: git's blob id starts with it ("blob <size>\0").
  ContentHasher(ChecksumKind kind, qint64 size);

  void add(QByteArrayView bytes);
  // Starts over, as for a file being fetched again from its first byte.
  void reset();
  // Lowercase hex digest of everything added; empty for ChecksumKind::none.
  QByteArray hex_digest() const;
  ChecksumKind kind() const { return kind_; }

 private:
  ChecksumKind kind_;
  qint64 size_;
  QCryptographicHash hash_;
};

// "sha256 1f2e...", how errors show an expected or actual digest.
QByteArray describe_digest(ChecksumKind kind, const QByteArray& hex);

}  // namespace xun::core
