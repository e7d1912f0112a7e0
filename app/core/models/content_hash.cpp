#include "models/content_hash.h"

namespace xun::core {
namespace {

QCryptographicHash::Algorithm algorithm_of(ChecksumKind kind) {
  return kind == ChecksumKind::git_blob_sha1 ? QCryptographicHash::Sha1 : QCryptographicHash::Sha256;
}

}  // namespace

ContentHasher::ContentHasher(ChecksumKind kind, qint64 size) : kind_(kind), size_(size), hash_(algorithm_of(kind)) {
  reset();
}

void ContentHasher::reset() {
  hash_.reset();
  if (kind_ == ChecksumKind::git_blob_sha1) hash_.addData("blob " + QByteArray::number(size_) + '\0');
}

void ContentHasher::add(QByteArrayView bytes) {
  if (kind_ != ChecksumKind::none) hash_.addData(bytes);
}

QByteArray ContentHasher::hex_digest() const {
  return kind_ == ChecksumKind::none ? QByteArray() : hash_.result().toHex();
}

QByteArray describe_digest(ChecksumKind kind, const QByteArray& hex) {
  switch (kind) {
    case ChecksumKind::sha256: return "sha256 " + hex;
    case ChecksumKind::git_blob_sha1: return "git blob sha1 " + hex;
    case ChecksumKind::none: return "no checksum";
  }
  return {};
}

}  // namespace xun::core
