// Documents for the chunker suite: prose in several languages, code, text without any
// punctuation, and a PDF-like document with pages. Generated deterministically, so that each
// is long enough for many chunks without keeping megabytes in tests/data.
#pragma once

#include <QString>
#include <QStringList>

#include "extract/extracted_document.h"

namespace xun::test {

// The names sample() knows, in a stable order.
QStringList sample_names();
// The document of that name; an empty document for an unknown name.
core::ExtractedDocument sample(const QString& name);
// About `utf8_bytes` bytes of every sample in turn, as one document.
core::ExtractedDocument large_sample(qsizetype utf8_bytes);

}  // namespace xun::test
