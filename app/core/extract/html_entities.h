// HTML character references: &amp; &eacute; &#233; &#xE9; (HTML 4's named set plus &apos;, and
// every numeric reference with HTML5's repairs).
#pragma once

#include <QString>
#include <QStringView>

namespace xun::core {

// Reads the reference that starts at text[at] == '&'. On success appends its characters to
// `out` and returns how many characters of `text` it used; returns 0 when there is no valid
// reference there (the '&' is then literal text).
qsizetype decode_html_entity(QStringView text, qsizetype at, QString& out);

// Every reference in `text` decoded.
QString decode_html_entities(QStringView text);

}  // namespace xun::core
