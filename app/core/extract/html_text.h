// The visible text of an HTML or XHTML page. Real pages are not well-formed XML, so this is a
// small tolerant tag stripper, not a parser: it drops script, style and other invisible
// elements, decodes character references, turns block elements into line breaks and table
// cells into tabs, collapses white space outside <pre>, and never fails.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QStringList>
#include <QStringView>

#include "xun/error.h"

namespace xun::core {

QString html_to_text(QStringView html);

// The charset a page declares in its first bytes (<meta charset>, <meta http-equiv> content,
// or an XML declaration's encoding), or empty.
QByteArray sniff_html_charset(QByteArrayView bytes);

// Bytes of an HTML file to its visible text; decoding warnings are appended to `warnings`.
// Fails only on binary content.
Result<QString> html_bytes_to_text(QByteArrayView bytes, QStringList& warnings);

}  // namespace xun::core
