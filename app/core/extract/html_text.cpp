#include "extract/html_text.h"

#include <QSet>

#include "extract/html_entities.h"
#include "extract/text_decoding.h"

namespace xun::core {
namespace {

enum class TagKind {
  Inline,     // <b>, <a>, <span>, unknown tags: no effect on layout
  Block,      // <p>, <div>, <li>, <h1>...: starts and ends a line
  Pre,        // <pre>: a block whose white space is kept
  LineBreak,  // <br>
  Cell,       // <td>, <th>: a tab between cells of a row
  Invisible,  // <script>, <style>, <title>...: everything up to the closing tag is dropped
};

TagKind kind_of(const QString& name) {
  static const QSet<QString> blocks = {
      "address", "article", "aside",   "blockquote", "body",  "caption",  "center",     "dd",     "details",
      "dialog",  "dir",     "div",     "dl",         "dt",    "fieldset", "figcaption", "figure", "footer",
      "form",    "h1",      "h2",      "h3",         "h4",    "h5",       "h6",         "header", "hgroup",
      "hr",      "html",    "legend",  "li",         "main",  "menu",     "nav",        "ol",     "option",
      "p",       "section", "summary", "table",      "tbody", "tfoot",    "thead",      "tr",     "ul"};
  static const QSet<QString> invisible = {"script", "style", "template", "title", "noscript", "iframe"};
  if (name == u"br") return TagKind::LineBreak;
  if (name == u"pre" || name == u"listing" || name == u"xmp") return TagKind::Pre;
  if (name == u"td" || name == u"th") return TagKind::Cell;
  if (invisible.contains(name)) return TagKind::Invisible;
  return blocks.contains(name) ? TagKind::Block : TagKind::Inline;
}

bool is_html_space(QChar c) { return c == u' ' || c == u'\t' || c == u'\n' || c == u'\r' || c == u'\f'; }

// Accumulates the output: collapses white space, and never starts or ends a line with a space.
class TextBuilder {
 public:
  void text(QStringView decoded, bool preformatted) {
    if (preformatted) {
      flush_space();
      out_ += decoded;
      return;
    }
    for (const QChar c : decoded) {
      if (is_html_space(c)) {
        pending_space_ = true;
        continue;
      }
      flush_space();
      out_ += c;
    }
  }
  // A block boundary: ends the current line, if there is one.
  void line_break() {
    end_line();
    if (!out_.isEmpty() && !out_.endsWith(u'\n')) out_ += u'\n';
  }
  // <br>: a new line even when the line is empty, but never more than one empty line in a row.
  void hard_break() {
    end_line();
    if (!out_.isEmpty() && !out_.endsWith(QStringLiteral("\n\n"))) out_ += u'\n';
  }
  void cell_separator() {
    end_line();
    if (!out_.isEmpty() && !out_.endsWith(u'\n')) out_ += u'\t';
  }
  QString finish() {
    while (!out_.isEmpty() && out_.back().isSpace()) out_.chop(1);
    if (!out_.isEmpty()) out_ += u'\n';
    return std::move(out_);
  }

 private:
  bool at_line_start() const { return out_.isEmpty() || out_.endsWith(u'\n') || out_.endsWith(u'\t'); }
  void flush_space() {
    if (pending_space_ && !at_line_start()) out_ += u' ';
    pending_space_ = false;
  }
  void end_line() {
    pending_space_ = false;
    while (out_.endsWith(u' ')) out_.chop(1);
  }

  QString out_;
  bool pending_space_ = false;
};

bool is_ascii_letter(QChar c) { return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z'); }

// Index just past the '>' that closes the tag whose attributes start at `from`; quoted attribute
// values may hold '>'. An unclosed quote falls back to the first '>' after it, as browsers recover.
qsizetype tag_end(QStringView html, qsizetype from) {
  for (qsizetype i = from; i < html.size(); ++i) {
    const QChar c = html[i];
    if (c == u'>') return i + 1;
    if ((c == u'"' || c == u'\'') && i > 0 && (html[i - 1] == u'=' || is_html_space(html[i - 1]))) {
      const qsizetype close = html.indexOf(c, i + 1);
      if (close >= 0) {
        i = close;
      } else {
        const qsizetype gt = html.indexOf(u'>', i);
        return gt < 0 ? html.size() : gt + 1;
      }
    }
  }
  return html.size();
}

// Index just past `</name ...>` at or after `from`, or the end of the text.
qsizetype skip_to_closing_tag(QStringView html, qsizetype from, const QString& name) {
  const QString closing = QStringLiteral("</") + name;
  for (qsizetype at = html.indexOf(closing, from, Qt::CaseInsensitive); at >= 0;
       at = html.indexOf(closing, at + 1, Qt::CaseInsensitive)) {
    const qsizetype after = at + closing.size();
    if (after >= html.size() || html[after] == u'>' || is_html_space(html[after])) return tag_end(html, after);
  }
  return html.size();
}

// Index just past the markup that is not an element and starts at html[at] == '<': a comment,
// a DOCTYPE or a processing instruction; 0 when there is none.
qsizetype skip_declaration(QStringView html, qsizetype at) {
  const QStringView rest = html.sliced(at);
  if (rest.startsWith(u"<!--")) {
    const qsizetype end = html.indexOf(u"-->", at + 4);
    return end < 0 ? html.size() : end + 3;
  }
  if (rest.size() > 1 && (rest[1] == u'!' || rest[1] == u'?')) {
    const qsizetype end = html.indexOf(u'>', at);
    return end < 0 ? html.size() : end + 1;
  }
  return 0;
}

}  // namespace

QString html_to_text(QStringView html) {
  TextBuilder builder;
  int pre_depth = 0;
  qsizetype i = 0;
  while (i < html.size()) {
    const qsizetype lt = html.indexOf(u'<', i);
    const qsizetype text_end = lt < 0 ? html.size() : lt;
    if (text_end > i) builder.text(decode_html_entities(html.sliced(i, text_end - i)), pre_depth > 0);
    if (lt < 0) break;
    i = lt;

    if (html.sliced(i).startsWith(u"<![CDATA[")) {  // XHTML: literal text, no references
      const qsizetype end = html.indexOf(u"]]>", i + 9);
      const qsizetype stop = end < 0 ? html.size() : end;
      builder.text(html.sliced(i + 9, stop - i - 9), pre_depth > 0);
      i = end < 0 ? html.size() : end + 3;
      continue;
    }
    if (const qsizetype skipped = skip_declaration(html, i); skipped > 0) {
      i = skipped;
      continue;
    }
    const bool closing = i + 1 < html.size() && html[i + 1] == u'/';
    qsizetype name_end = i + 1 + (closing ? 1 : 0);
    if (name_end >= html.size() || !is_ascii_letter(html[name_end])) {  // "a < b": a literal '<'
      builder.text(u"<", pre_depth > 0);
      ++i;
      continue;
    }
    const qsizetype name_start = name_end;
    while (name_end < html.size() && (html[name_end].isLetterOrNumber() || html[name_end] == u'-' ||
                                      html[name_end] == u':' || html[name_end] == u'_')) {
      ++name_end;
    }
    QString name = html.sliced(name_start, name_end - name_start).toString().toLower();
    name = name.sliced(name.lastIndexOf(u':') + 1);  // "xhtml:p" is a <p>
    i = tag_end(html, name_end);
    const bool self_closing = i >= 2 && html[i - 1] == u'>' && html[i - 2] == u'/';

    switch (kind_of(name)) {
      case TagKind::Invisible:
        if (!closing && !self_closing) i = skip_to_closing_tag(html, i, name);
        break;
      case TagKind::Block:
        builder.line_break();
        break;
      case TagKind::Pre:
        builder.line_break();
        if (!self_closing) pre_depth = std::max(0, pre_depth + (closing ? -1 : 1));
        break;
      case TagKind::LineBreak:
        builder.hard_break();
        break;
      case TagKind::Cell:
        if (!closing) builder.cell_separator();
        break;
      case TagKind::Inline:
        break;
    }
  }
  return builder.finish();
}

QByteArray sniff_html_charset(QByteArrayView bytes) {
  const QByteArray head = bytes.first(std::min<qsizetype>(bytes.size(), 4096)).toByteArray().toLower();
  // "<meta charset=gbk>", "content='text/html; charset=gbk'", or "<?xml ... encoding="gbk"?>".
  qsizetype at = head.indexOf("charset");
  qsizetype value = at < 0 ? -1 : at + 7;
  if (at < 0 && head.startsWith("<?xml")) {
    at = head.indexOf("encoding");
    value = at < 0 || at > head.indexOf("?>") ? -1 : at + 8;
  }
  if (value < 0) return {};
  while (value < head.size() &&
         (head[value] == ' ' || head[value] == '=' || head[value] == '"' || head[value] == '\'')) {
    ++value;
  }
  qsizetype end = value;
  while (end < head.size() && (std::isalnum(static_cast<unsigned char>(head[end])) || head[end] == '-' ||
                               head[end] == '_' || head[end] == '.' || head[end] == ':')) {
    ++end;
  }
  return head.sliced(value, end - value);
}

Result<QString> html_bytes_to_text(QByteArrayView bytes, QStringList& warnings) {
  auto decoded = decode_text(bytes, sniff_html_charset(bytes));
  if (!decoded) return std::unexpected(decoded.error());
  warnings += decoded->warnings;
  return html_to_text(normalize_line_ends(std::move(decoded->text), warnings));
}

}  // namespace xun::core
