// Content hashes of chunk text: the key that lets vectors and rerank scores be shared by every
// chunk with the same text (copies, renames, unchanged passages of an edited file).
#pragma once

#include <QByteArray>
#include <QStringView>

namespace xun::core {

// 16 bytes: the first half of SHA-256 over the UTF-8 text. 128 bits make an accidental collision
// between two different chunks practically impossible while keeping keys small.
QByteArray chunk_content_hash(QStringView text);

}  // namespace xun::core
