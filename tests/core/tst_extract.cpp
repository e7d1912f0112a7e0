// Text extraction from real files of every format: plain text, Markdown and code in every
// encoding case; HTML; PDF, DOCX, ODT and EPUB made by LibreOffice (tests/data/documents) and
// made here from minimal XML; and damaged, truncated, encrypted and oversized files, each of
// which must fail with one line that names the file.
#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>
#include <functional>

#include "document_factory.h"
#include "extract/extract.h"
#include "test_support.h"

using xun::core::ExtractedDocument;
using xun::core::ExtractOptions;
using xun::core::PageStart;
using xun::test::ZipEntry;

// Makes the bytes of a damaged file.
using BytesMaker = std::function<QByteArray()>;
Q_DECLARE_METATYPE(BytesMaker)

namespace {

QString fixture(const char* name) {
  return QString::fromStdString(xun::test::source_data_path(std::string("documents/") + name).string());
}

QByteArray read_all(const QString& path) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) qFatal("cannot read %s", qPrintable(path));
  return file.readAll();
}

QString utf8(const char8_t* text) { return QString::fromUtf8(reinterpret_cast<const char*>(text)); }

}  // namespace

class TestExtract : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir dir_;

  QString write(const QString& name, const QByteArray& bytes) {
    const QString path = dir_.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(bytes) != bytes.size()) {
      qFatal("cannot write %s", qPrintable(path));
    }
    return path;
  }

  ExtractedDocument extract_ok(const QString& path, const ExtractOptions& options = {}) {
    auto document = xun::core::extract_document(path, options);
    if (!document) qWarning("%s", document.error().message.c_str());
    return document ? *document : ExtractedDocument{};
  }

 private slots:
  void initTestCase() { QVERIFY(dir_.isValid()); }

  // ---- Formats by name ------------------------------------------------------------------------

  void document_format_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("format");
    QTest::newRow("text") << "notes.txt"
                          << "text";
    QTest::newRow("upper-case extension") << "NOTES.TXT"
                                          << "text";
    QTest::newRow("markdown") << "README.md"
                              << "markdown";
    QTest::newRow("C++") << "engine.cpp"
                         << "code";
    QTest::newRow("header") << "engine.hpp"
                            << "code";
    QTest::newRow("Python") << "train.py"
                            << "code";
    QTest::newRow("Rust") << "main.rs"
                          << "code";
    QTest::newRow("YAML") << "config.yaml"
                          << "code";
    QTest::newRow("R") << "analysis.R"
                       << "code";
    QTest::newRow("Makefile by name") << "Makefile"
                                      << "code";
    QTest::newRow("README by name") << "README"
                                    << "text";
    QTest::newRow("HTML") << "page.htm"
                          << "html";
    QTest::newRow("XHTML") << "page.xhtml"
                           << "html";
    QTest::newRow("PDF") << "paper.PDF"
                         << "pdf";
    QTest::newRow("DOCX") << "letter.docx"
                          << "docx";
    QTest::newRow("ODT") << "letter.odt"
                         << "odt";
    QTest::newRow("EPUB") << "book.epub"
                          << "epub";
    QTest::newRow("image: unsupported") << "photo.jpg"
                                        << "";
    QTest::newRow("archive: unsupported") << "backup.tar.gz"
                                          << "";
    QTest::newRow("old Word: unsupported") << "letter.doc"
                                           << "";
    QTest::newRow("no extension") << "data"
                                  << "";
  }
  void document_format() {
    QFETCH(QString, name);
    QFETCH(QString, format);
    QCOMPARE(xun::core::document_format("/some/folder/" + name), format);
    QCOMPARE(xun::core::is_indexable(name), !format.isEmpty());
  }

  void page_at() {
    ExtractedDocument document;
    QCOMPARE(document.page_at(5), 0);
    document.pages = {PageStart{1, 0}, PageStart{2, 10}, PageStart{3, 25}};
    QCOMPARE(document.page_at(0), 1);
    QCOMPARE(document.page_at(9), 1);
    QCOMPARE(document.page_at(10), 2);
    QCOMPARE(document.page_at(24), 2);
    QCOMPARE(document.page_at(25), 3);
    QCOMPARE(document.page_at(100000), 3);
  }

  // ---- Plain text, Markdown, code -------------------------------------------------------------

  void plain_text_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("format");
    QTest::addColumn<QString>("text");
    QTest::newRow("plain") << "a.txt" << QByteArray("Hello, world.\n\nSecond paragraph.\n") << "text"
                           << "Hello, world.\n\nSecond paragraph.\n";
    QTest::newRow("markdown keeps its markup")
        << "b.md" << QByteArray("# Title\n\n*Emphasis* and `code`.\n") << "markdown"
        << "# Title\n\n*Emphasis* and `code`.\n";
    QTest::newRow("C++ source") << "c.cpp" << QByteArray("int main() {\n\treturn 0; // 零\n}\n") << "code"
                                << utf8(u8"int main() {\n\treturn 0; // 零\n}\n");
    QTest::newRow("Python source") << "d.py" << QByteArray("def f():\n    return 'x'\n") << "code"
                                   << "def f():\n    return 'x'\n";
    QTest::newRow("CRLF becomes LF") << "e.txt" << QByteArray("one\r\ntwo\rthree\n") << "text"
                                     << "one\ntwo\nthree\n";
    QTest::newRow("empty file") << "f.txt" << QByteArray() << "text"
                                << "";
  }
  void plain_text() {
    QFETCH(QString, name);
    QFETCH(QByteArray, bytes);
    QFETCH(QString, format);
    QFETCH(QString, text);
    const ExtractedDocument document = extract_ok(write(name, bytes));
    QCOMPARE(document.text, text);
    QCOMPARE(document.format, format);
    QVERIFY(document.pages.isEmpty());
    QCOMPARE(document.warnings, QStringList());
  }

  // ---- Encodings ------------------------------------------------------------------------------

  void encodings_data() {
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("warning");  // a substring of the warnings joined by '|'; empty: none

    const QString chinese = utf8(
        u8"寻是一个离线的语义搜索工具，它在你自己的电脑上为文件建立索引。"
        u8"中文文本常常使用国标编码保存，我们必须正确地识别它。");
    const QString japanese = utf8(
        u8"日本語のテキストはシフトJISで保存されることがよくあります。"
        u8"このファイルを正しく読み込めるかどうかを確認します。");
    const QString traditional = utf8(u8"繁體中文的文件經常以大五碼儲存，我們必須能夠正確地辨識並讀取這些文件的內容。");
    const QString western =
        utf8(u8"Café crème brûlée – naïve façade “quoted” déjà vu, Ægir’s smörgåsbord; Zürich, Málaga.");

    QTest::newRow("UTF-8") << chinese.toUtf8() << chinese << "";
    QTest::newRow("UTF-8 with BOM") << QByteArray("\xEF\xBB\xBF") + chinese.toUtf8() << chinese << "";
    QByteArray utf16le("\xFF\xFE", 2), utf16be("\xFE\xFF", 2);
    for (const QChar c : chinese) {
      utf16le += char(c.unicode() & 0xFF), utf16le += char(c.unicode() >> 8);
      utf16be += char(c.unicode() >> 8), utf16be += char(c.unicode() & 0xFF);
    }
    QTest::newRow("UTF-16LE with BOM") << utf16le << chinese << "";
    QTest::newRow("UTF-16BE with BOM") << utf16be << chinese << "";
    QTest::newRow("UTF-16LE odd length") << utf16le + 'x' << chinese << "odd number of bytes";
    // Legacy bytes made with Python's codecs (an implementation independent of ICU's).
    const QByteArray gbk = QByteArray::fromHex(
        "d1b0cac7d2bbb8f6c0ebcfdfb5c4d3efd2e5cbd1cbf7b9a4bedfa3accbfcd4dac4e3d7d4bcbab5c4b5e7c4d4c9cfceaacec4"
        "bcfebda8c1a2cbf7d2fda1a3d6d0cec4cec4b1beb3a3b3a3cab9d3c3b9fab1eab1e0c2ebb1a3b4e6a3acced2c3c7b1d8d0eb"
        "d5fdc8b7b5d8cab6b1f0cbfca1a3");
    QTest::newRow("GBK") << gbk << chinese
                         << "invalid UTF-8 at byte 2; decoded as GB18030";  // D1 B0 happens to be UTF-8
    const QByteArray shift_jis = QByteArray::fromHex(
        "93fa967b8cea82cc8365834c8358836782cd8356837483674a495382c595db91b682b382ea82e982b182c682aa82e682ad82"
        "a082e882dc82b7814282b182cc837483408343838b82f090b382b582ad93c782dd8d9e82df82e982a982c782a482a982f08a"
        "6d944682b582dc82b78142");
    QTest::newRow("Shift-JIS") << shift_jis << japanese << "decoded as SHIFT_JIS";
    const QByteArray big5 = QByteArray::fromHex(
        "c163c5e9a4a4a4e5aabaa4e5a5f3b867b160a548a46aa4adbd58c078a673a141a7daadcca5b2b6b7afe0b0f7a5bfbd54a661"
        "bfebc3d1a8c3c5aaa8fab36fa8c7a4e5a5f3aabaa4baae65a143");
    QTest::newRow("Big5") << big5 << traditional << "decoded as BIG5";
    const QByteArray windows_1252 = QByteArray::fromHex(
        "436166e9206372e86d65206272fb6ce9652096206e61ef7665206661e7616465209371756f746564942064e96ae02076752c"
        "20c6676972927320736df67267e573626f72643b205afc726963682c204de16c6167612e");
    QTest::newRow("Windows-1252") << windows_1252 << western << "invalid UTF-8 at byte 3; decoded as WINDOWS-1252";
    // Two files pasted together: UTF-8 Chinese, then a Latin-1 line. The UTF-8 must stay UTF-8.
    QTest::newRow("mixed UTF-8 and Latin-1")
        << chinese.toUtf8() + "\nna\xEFve caf\xE9\n"
        << chinese + utf8(u8"\nnaïve café\n") << "mixed encodings: 1 of 2 lines are not UTF-8, decoded as windows-1252";
    // A truncated sequence inside UTF-8 text (C3 needs a continuation byte): handled, reported.
    QTest::newRow("invalid UTF-8 byte") << QByteArray("\xE6\x97\xA5\xE6\x9C\xAC ok \xC3( end")
                                        << utf8(u8"日本 ok Ã( end") << "invalid UTF-8 at byte 10";
    // A UTF-8 paragraph, then the same in GBK: each line read in its own encoding, although the
    // GBK line has more bad bytes than the file has UTF-8 sequences.
    QTest::newRow("UTF-8 and GBK paragraphs") << chinese.toUtf8() + "\n" + gbk + "\n"
                                              << chinese + "\n" + chinese + "\n"
                                              << "mixed encodings: 1 of 2 lines are not UTF-8, decoded as GB18030";
    // GBK with two bytes that GB18030 has no character for: replaced and counted, not dropped.
    QTest::newRow("undecodable bytes replaced")
        << gbk.first(60) + "\xFF\xFF" + gbk.sliced(60)
        << chinese.first(30) + QString(2, QChar::ReplacementCharacter) + chinese.sliced(30)
        << "decoded as GB18030|2 undecodable bytes replaced";
  }
  void encodings() {
    QFETCH(QByteArray, bytes);
    QFETCH(QString, text);
    QFETCH(QString, warning);
    const ExtractedDocument document = extract_ok(write("encoded.txt", bytes));
    QCOMPARE(document.text, text);
    const QString warnings = document.warnings.join(u'|');
    if (warning.isEmpty()) {
      QCOMPARE(warnings, QString());
    } else {
      QVERIFY2(warnings.contains(warning), qPrintable(warnings));
    }
  }

  // ---- HTML -----------------------------------------------------------------------------------

  void html_data() {
    QTest::addColumn<QByteArray>("html");
    QTest::addColumn<QString>("text");
    QTest::newRow("entities") << QByteArray(
                                     "<p>Fish &amp; chips &lt;3 &eacute;t&eacute; &#233; &#x4E2D;&#25991; "
                                     "&copy 2024 &hellip; &unknown; &#0; &#128;</p>")
                              << utf8(u8"Fish & chips <3 été é 中文 © 2024 … &unknown; \uFFFD €\n");
    QTest::newRow("script and style dropped")
        << QByteArray(
               "<html><head><title>Tab title</title><style>p { color: red; }</style>"
               "<script>var s = \"<p>not text</p>\"; if (a < b) {}</script></head>"
               "<body><p>Visible</p><SCRIPT type=\"module\">hidden()</SCRIPT><noscript>Enable JS</noscript>"
               "<p>Also visible</p></body></html>")
        << "Visible\nAlso visible\n";
    QTest::newRow("block elements become lines")
        << QByteArray(
               "<h1>Title</h1><div>One <b>bold</b> word</div><ul><li>first</li><li>second</li></ul>"
               "<p>Line<br>break<br/><br/>after blank</p>")
        << "Title\nOne bold word\nfirst\nsecond\nLine\nbreak\n\nafter blank\n";
    QTest::newRow("white space collapsed, pre kept")
        << QByteArray("<p>  lots   of\n\n   space  </p><pre>  keep\n    this</pre><p>end</p>")
        << "lots of space\n  keep\n    this\nend\n";
    QTest::newRow("table cells")
        << QByteArray("<table><tr><th>Name</th><th>Age</th></tr><tr><td>Ann</td><td>31</td></tr></table>")
        << "Name\tAge\nAnn\t31\n";
    QTest::newRow("comments, doctype, odd markup")
        << QByteArray(
               "<!DOCTYPE html><!-- a <p>comment</p> --><p title=\"a > b\" data-x='1'>kept</p>"
               "<p>1 < 2 and 3 > 2</p><p>unclosed <i>italic")
        << "kept\n1 < 2 and 3 > 2\nunclosed italic\n";
    QTest::newRow("declared GBK charset")
        << QByteArray("<html><head><meta charset=\"gbk\"></head><body><p>") + QByteArray::fromHex("d6d0cec4b2e2cad4") +
               QByteArray("</p></body></html>")
        << utf8(u8"中文测试\n");
  }
  void html() {
    QFETCH(QByteArray, html);
    QFETCH(QString, text);
    const ExtractedDocument document = extract_ok(write("page.html", html));
    QCOMPARE(document.text, text);
    QCOMPARE(document.format, QStringLiteral("html"));
  }

  // ---- PDF ------------------------------------------------------------------------------------

  void pdf_pages() {
    // Three pages made by LibreOffice from tests/data/documents/sample.fodt.
    const ExtractedDocument document = extract_ok(fixture("sample.pdf"));
    QCOMPARE(document.format, QStringLiteral("pdf"));
    QCOMPARE(document.pages.size(), 3);
    for (int i = 0; i < 3; ++i) QCOMPARE(document.pages[i].page, i + 1);
    QCOMPARE(document.pages[0].offset, 0);
    const auto page_text = [&](int i) {
      const qsizetype end = i + 1 < document.pages.size() ? document.pages[i + 1].offset : document.text.size();
      return document.text.mid(document.pages[i].offset, end - document.pages[i].offset);
    };
    QVERIFY2(page_text(0).startsWith(u"Xun test document"), qPrintable(page_text(0)));
    QVERIFY(page_text(0).contains(u"lighthouses on the northern coast"));
    QVERIFY2(page_text(1).startsWith(utf8(u8"第二章")), qPrintable(page_text(1)));
    QVERIFY(page_text(1).contains(utf8(u8"长江流域的水稻种植")));
    QVERIFY(page_text(1).contains(utf8(u8"离线语义搜索")));
    QVERIFY2(page_text(2).startsWith(u"Chapter three"), qPrintable(page_text(2)));
    QVERIFY(page_text(2).contains(u"quantum harmonic oscillators"));
    QVERIFY(!page_text(0).contains(u"quantum"));
    const qsizetype rice = document.text.indexOf(utf8(u8"水稻种植"));
    QCOMPARE(document.page_at(rice), 2);
    QCOMPARE(document.page_at(document.text.indexOf(u"quantum")), 3);
    QCOMPARE(document.warnings, QStringList());
  }

  // ---- DOCX, ODT, EPUB made here from minimal XML ---------------------------------------------

  void docx_paragraphs() {
    const QString body = QStringLiteral(
        R"(<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr><w:r><w:t>First paragraph</w:t></w:r></w:p>)"
        R"(<w:p><w:r><w:t xml:space="preserve">Split </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>run</w:t></w:r>)"
        R"(<w:r><w:tab/><w:t>after tab</w:t><w:br/><w:t>after break</w:t></w:r></w:p>)"
        R"(<w:p><w:del><w:r><w:delText>deleted</w:delText></w:r></w:del><w:r><w:instrText>PAGE</w:instrText><w:t>中文段落</w:t></w:r></w:p>)"
        R"(<w:p><mc:AlternateContent><mc:Choice Requires="wps"><w:r><w:t>box</w:t></w:r></mc:Choice>)"
        R"(<mc:Fallback><w:r><w:t>box</w:t></w:r></mc:Fallback></mc:AlternateContent></w:p><w:sectPr/>)");
    const ExtractedDocument document =
        extract_ok(write("made.docx", xun::test::zip_bytes(xun::test::docx_entries(body))));
    QCOMPARE(document.text, utf8(u8"First paragraph\nSplit run\tafter tab\nafter break\n中文段落\nbox\n"));
    QCOMPARE(document.format, QStringLiteral("docx"));
  }

  void odt_paragraphs() {
    const QString text = QStringLiteral(
        R"(<text:h text:outline-level="1">Heading</text:h>)"
        R"(<text:p>  Collapsed
             white   space  </text:p>)"
        R"(<text:p>a<text:s text:c="3"/>b<text:tab/>c<text:line-break/>d <text:span>span</text:span></text:p>)"
        R"(<text:tracked-changes><text:changed-region><text:deletion><text:p>deleted</text:p></text:deletion></text:changed-region></text:tracked-changes>)"
        R"(<text:list><text:list-item><text:p>列表项</text:p></text:list-item></text:list>)");
    const ExtractedDocument document =
        extract_ok(write("made.odt", xun::test::zip_bytes(xun::test::odt_entries(text))));
    QCOMPARE(document.text, utf8(u8"Heading\nCollapsed white space\na   b\tc\nd span\n列表项\n"));
    QCOMPARE(document.format, QStringLiteral("odt"));
  }

  void epub_spine_order() {
    // The manifest lists one, two, three, four; the spine reads three, one, two, four. Hrefs are
    // percent-encoded (a space, a Chinese name) and may carry a fragment.
    const QString manifest = QStringLiteral(
        R"(<item id="c1" href="text/one.xhtml" media-type="application/xhtml+xml"/>)"
        R"(<item id="c2" href="text/chapter%20two.xhtml" media-type="application/xhtml+xml"/>)"
        R"(<item id="c3" href="text/three.xhtml#start" media-type="application/xhtml+xml"/>)"
        R"(<item id="css" href="style.css" media-type="text/css"/>)"
        R"(<item id="gone" href="text/missing.xhtml" media-type="application/xhtml+xml"/>)"
        R"(<item id="c4" href="text/%E7%AC%AC%E5%9B%9B%E7%AB%A0.xhtml" media-type="application/xhtml+xml"/>)");
    const QString spine = QStringLiteral(
        R"(<itemref idref="c3"/><itemref idref="c1"/><itemref idref="gone"/><itemref idref="c2"/><itemref idref="c4"/>)");
    const QList<ZipEntry> documents = {
        {"OEBPS/text/one.xhtml", xun::test::xhtml_chapter("One", "<h1>Chapter one</h1><p>Fish &amp; chips.</p>")},
        {"OEBPS/text/chapter two.xhtml", xun::test::xhtml_chapter("Two", utf8(u8"<p>第二章的内容。</p>"))},
        {"OEBPS/text/three.xhtml", xun::test::xhtml_chapter("Three", "<p>Chapter three<script>x()</script></p>")},
        {"OEBPS/style.css", "p { margin: 0 }"},
        {utf8(u8"OEBPS/text/第四章.xhtml"), xun::test::xhtml_chapter("Four", utf8(u8"<p>第四章</p>"))},
    };
    const ExtractedDocument document =
        extract_ok(write("made.epub", xun::test::zip_bytes(xun::test::epub_entries(manifest, spine, documents))));
    QCOMPARE(document.text, utf8(u8"Chapter three\n\nChapter one\nFish & chips.\n\n第二章的内容。\n\n第四章\n"));
    QCOMPARE(document.format, QStringLiteral("epub"));
    QCOMPARE(document.warnings.size(), 1);
    QVERIFY2(document.warnings.front().contains(u"OEBPS/text/missing.xhtml"), qPrintable(document.warnings.front()));
  }

  // ---- The same document as LibreOffice writes it (real-world XML) ----------------------------

  void office_documents_data() {
    QTest::addColumn<QString>("name");
    QTest::newRow("DOCX") << "sample.docx";
    QTest::newRow("ODT") << "sample.odt";
    QTest::newRow("EPUB") << "sample.epub";
  }
  void office_documents() {
    QFETCH(QString, name);
    const ExtractedDocument document = extract_ok(fixture(qPrintable(name)));
    // Every paragraph of sample.fodt, in order, one per line (EPUB: its chapters apart by a blank line).
    const QStringList expected = {
        "Xun test document",
        "The first page is about lighthouses on the northern coast.",
        "Second paragraph:\ttabbed and   spaced.",
        utf8(u8"第二章 水稻"),
        utf8(u8"第二页讲的是长江流域的水稻种植。"),
        utf8(u8"寻是一个离线语义搜索工具。"),
        "Chapter three",
        "Page three talks about quantum harmonic oscillators.",
    };
    QStringList lines = document.text.split(u'\n', Qt::SkipEmptyParts);
    if (name.endsWith(u"epub")) {
      // LibreOffice writes the tab and the double space as runs of no-break spaces.
      lines.replace(2, lines.value(2).replace(
                           QRegularExpression(QStringLiteral("\\s+"), QRegularExpression::UseUnicodePropertiesOption),
                           QStringLiteral(" ")));
      QCOMPARE(lines.value(2), QStringLiteral("Second paragraph: tabbed and spaced."));
      lines.removeAt(2);
      QStringList without_tab = expected;
      without_tab.removeAt(2);
      QCOMPARE(lines, without_tab);
    } else {
      QCOMPARE(lines, expected);
    }
    QCOMPARE(document.warnings, QStringList());
  }

  // ---- Failures: each one line that names the file --------------------------------------------

  void failures_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<BytesMaker>("make");
    QTest::addColumn<QString>("problem");  // expected in the message after the path

    const auto constant = [](QByteArray bytes) { return BytesMaker([bytes] { return bytes; }); };
    const auto real = [](const char* fixture_name) {
      return BytesMaker([fixture_name] { return read_all(fixture(fixture_name)); });
    };
    const auto docx = [](QString body) { return xun::test::zip_bytes(xun::test::docx_entries(body)); };
    const QString paragraph = QStringLiteral("<w:p><w:r><w:t>text</w:t></w:r></w:p>");

    QTest::newRow("binary named .txt") << "binary.txt"
                                       << constant(QByteArray("\x7F"
                                                              "ELF\x02\x01\x01\x00\x00\x00",
                                                              10))
                                       << "binary content (NUL byte at 7)";
    QTest::newRow("binary named .html") << "binary.html" << constant(QByteArray("<p>\x00\x01\x02", 6))
                                        << "binary content";
    QTest::newRow("PDF: encrypted") << "encrypted.pdf" << real("encrypted.pdf") << "encrypted PDF";
    QTest::newRow("PDF: corrupt") << "corrupt.pdf" << real("corrupt.pdf") << "damaged PDF";
    QTest::newRow("PDF: not a PDF") << "text.pdf" << constant("just some text") << "not a PDF file";
    QTest::newRow("PDF: empty") << "empty.pdf" << constant("") << "not a PDF file";
    QTest::newRow("DOCX: not a ZIP") << "text.docx" << constant("just some text") << "not a ZIP container";
    QTest::newRow("DOCX: truncated") << "truncated.docx"
                                     << BytesMaker([] { return read_all(fixture("sample.docx")).first(2500); })
                                     << "truncated or damaged";
    QTest::newRow("ODT: truncated") << "truncated.odt"
                                    << BytesMaker([] { return read_all(fixture("sample.odt")).first(6000); })
                                    << "truncated or damaged";
    QTest::newRow("EPUB: truncated") << "truncated.epub"
                                     << BytesMaker([] { return read_all(fixture("sample.epub")).first(3000); })
                                     << "truncated or damaged";
    QTest::newRow("DOCX: malformed XML") << "malformed.docx"
                                         << BytesMaker([docx] { return docx("<w:p><w:r><w:t>text</w:r></w:p>"); })
                                         << "word/document.xml: line 1, column";
    QTest::newRow("DOCX: no document part") << "empty.docx" << BytesMaker([] {
      return xun::test::zip_bytes({{"other.xml", "<a/>"}});
    }) << "not a Word document: word/document.xml is missing";
    QTest::newRow("DOCX: damaged data") << "damaged.docx" << BytesMaker([docx, paragraph] {
      QByteArray zip = docx(paragraph.repeated(200));
      xun::test::corrupt_entry_data(zip, "word/document.xml");
      return zip;
    }) << "word/document.xml: damaged data";
    QTest::newRow("DOCX: header understates the size") << "lying.docx" << BytesMaker([docx, paragraph] {
      QByteArray zip = docx(paragraph.repeated(200));
      xun::test::set_declared_size(zip, "word/document.xml", 100);
      return zip;
    }) << "word/document.xml: damaged data";
    // word/document.xml padded with 64 MiB of spaces packs into ~64 KB; the limit below is 1 MB.
    QTest::newRow("DOCX: ZIP bomb") << "bomb.docx" << BytesMaker([] {
      QList<ZipEntry> entries = xun::test::docx_entries("<w:p/>");
      entries[2].bytes.append(QByteArray(64 << 20, ' '));
      return xun::test::zip_bytes(entries);
    }) << "word/document.xml: unpacks to 67.1 MB, over the limit of";
    QTest::newRow("DOCX: too many entries") << "many.docx" << BytesMaker([] {
      QList<ZipEntry> entries = xun::test::docx_entries("<w:p/>");
      for (int i = 0; i < 40; ++i) entries.append({QStringLiteral("word/media/image%1.png").arg(i), "x"});
      return xun::test::zip_bytes(entries);
    }) << "43 entries in the ZIP container, over the limit of 32";
    QTest::newRow("ODT: no content.xml") << "empty.odt" << BytesMaker([] {
      return xun::test::zip_bytes({{"mimetype", "x"}});
    }) << "not an OpenDocument file: content.xml is missing";
    QTest::newRow("ODT: malformed XML") << "malformed.odt" << BytesMaker([] {
      return xun::test::zip_bytes(xun::test::odt_entries("<text:p>a</text:h>"));
    }) << "content.xml: line 1, column";
    QTest::newRow("EPUB: no container") << "empty.epub" << BytesMaker([] {
      return xun::test::zip_bytes({{"mimetype", "x"}});
    }) << "not an EPUB book: META-INF/container.xml is missing";
    QTest::newRow("EPUB: malformed package") << "malformed.epub" << BytesMaker([] {
      return xun::test::zip_bytes(xun::test::epub_entries("<item id='a' href='a.xhtml'>", "", {}));
    }) << "OEBPS/book.opf: line 1, column";
    QTest::newRow("EPUB: empty spine") << "nospine.epub" << BytesMaker([] {
      return xun::test::zip_bytes(xun::test::epub_entries("", "", {}));
    }) << "OEBPS/book.opf: the spine lists no documents";
    QTest::newRow("over the size limit") << "big.txt" << constant(QByteArray(2 << 20, 'a'))
                                         << "2.1 MB is over the size limit of 1.0 MB";
    QTest::newRow("PDF over the size limit")
        << "big.pdf" << constant(QByteArray(2 << 20, 'a')) << "is over the size limit";
    QTest::newRow("unsupported format") << "photo.jpg" << constant("\xFF\xD8\xFF") << "not a kind of file Xun reads";
  }
  void failures() {
    QFETCH(QString, name);
    QFETCH(BytesMaker, make);
    QFETCH(QString, problem);
    const QString path = write(name, make());
    const ExtractOptions options{
        .max_file_bytes = 1000 * 1000, .max_unpacked_bytes = 1000 * 1000, .max_archive_entries = 32};
    const auto document = xun::core::extract_document(path, options);
    QVERIFY2(!document, qPrintable(name + " was read: " + (document ? document->text.left(200) : QString())));
    const QString message = QString::fromStdString(document.error().message);
    QVERIFY2(message.startsWith(QDir::toNativeSeparators(path) + ": "), qPrintable(message));
    QVERIFY2(message.contains(problem), qPrintable(message));
    QVERIFY2(!message.contains(u'\n'), qPrintable(message));
  }

  void missing_file() {
    const QString path = dir_.filePath("does-not-exist.txt");
    const auto document = xun::core::extract_document(path);
    QVERIFY(!document);
    QCOMPARE(QString::fromStdString(document.error().message), path + ": no such file");
  }

  // A PDF cut short loses its cross-reference table and trailer; Poppler (22.12) cannot rebuild
  // the document from what is left, and the message says so.
  // ---- The text limit per document ----------------------------------------------------------

  void text_limit_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("expected");  // the text kept with a limit of 10 characters
    // A UTF-8 file cut inside a character: the partial sequence is dropped, the rest stays UTF-8.
    QTest::newRow("UTF-8 cut inside a character") << "cut.txt" << utf8(u8"灯塔灯塔灯塔灯塔灯塔灯塔").toUtf8()
                                                   << utf8(u8"灯塔灯塔灯塔灯塔灯塔");
    QTest::newRow("ASCII") << "ascii.md" << QByteArray("0123456789abcdef") << "0123456789";
    QTest::newRow("UTF-16 with BOM") << "utf16.txt" << QByteArray("\xFF\xFE", 2) + QByteArray("a\0b\0c\0d\0e\0f\0g\0h\0i\0j\0k\0l\0", 24)
                                     << "abcdefghij";
    QTest::newRow("DOCX") << "long.docx"
                          << xun::test::zip_bytes(xun::test::docx_entries(
                                 QStringLiteral("<w:p><w:r><w:t>0123456789 0123456789</w:t></w:r></w:p>").repeated(50)))
                          << "0123456789";
  }
  void text_limit() {
    QFETCH(QString, name);
    QFETCH(QByteArray, bytes);
    QFETCH(QString, expected);
    const ExtractedDocument document = extract_ok(write(name, bytes), ExtractOptions{.max_text_chars = 10});
    QCOMPARE(document.text, expected);
    QVERIFY(document.truncated);
    QCOMPARE(document.warnings.size(), 1);
    QVERIFY2(document.warnings[0].startsWith("text truncated at the limit of"), qPrintable(document.warnings.join('|')));
  }

  void text_at_the_limit_is_whole() {
    const ExtractedDocument document =
        extract_ok(write("exact.txt", "0123456789"), ExtractOptions{.max_text_chars = 10});
    QCOMPARE(document.text, QStringLiteral("0123456789"));
    QVERIFY(!document.truncated);
    QCOMPARE(document.warnings, QStringList());
  }

  void pdf_pages_past_the_text_limit_are_not_read() {
    const ExtractedDocument document = extract_ok(fixture("sample.pdf"), ExtractOptions{.max_text_chars = 20});
    QCOMPARE(document.text.size(), 20);
    QVERIFY(document.text.startsWith(u"Xun test document"));
    QCOMPARE(document.pages.size(), 1);
    QVERIFY(document.truncated);
  }

  void truncated_pdf_data() {
    QTest::addColumn<double>("fraction");
    QTest::newRow("header only") << 0.001;
    QTest::newRow("a quarter") << 0.25;
    QTest::newRow("half") << 0.5;
    QTest::newRow("all but the trailer") << 0.99;
  }
  void truncated_pdf() {
    QFETCH(double, fraction);
    const QByteArray whole = read_all(fixture("sample.pdf"));
    const QString path = write("truncated.pdf", whole.first(qsizetype(double(whole.size()) * fraction)));
    const auto document = xun::core::extract_document(path);
    QVERIFY2(!document, "a truncated PDF was read");
    const QString message = QString::fromStdString(document.error().message);
    QVERIFY2(message.startsWith(path + ": damaged PDF that cannot be read"), qPrintable(message));
  }
};

QTEST_GUILESS_MAIN(TestExtract)
#include "tst_extract.moc"
