// The chunker against the real Qwen3 tokenizer: budgets, overlap, coverage, boundaries and
// pages on prose in several languages, code, unpunctuated text and a PDF-like document.
#include <QElapsedTimer>
#include <QtTest>

#include <memory>
#include <thread>

#include "chunk/chunker.h"
#include "chunk/estimated_token_counter.h"
#include "chunk/model_token_counter.h"
#include "chunk/text_units.h"
#include "chunk_samples.h"
#include "test_support.h"
#include "xun/engine.h"

using xun::core::Boundary;
using xun::core::Chunk;
using xun::core::ChunkOptions;
using xun::core::EstimatedTokenCounter;
using xun::core::ExtractedDocument;
using xun::core::ModelTokenCounter;
using xun::core::TokenCounter;

namespace {

// Chunk::tokens comes from tokenizing the whole document once; counting a chunk's text alone
// may give a token or so more at each end (chunker.h), which the chunker leaves room for, or a
// few less where the document's tokenization was cut inside a giant word.
constexpr int kMostUndercounted = 2;
constexpr int kMostOvercounted = 4;
// The overlap is chosen by the same counts, so counted alone it may exceed the option as much.
constexpr int kOverlapSlack = 2;

// Whether the text before `end` ends a sentence: a terminator, perhaps inside quotes or brackets.
bool ends_sentence(QStringView text, qsizetype end) {
  static const QString closers = QStringLiteral("\"'”’)）」』】");
  static const QString terminators = QStringLiteral(".!?。！？");
  while (end > 0 && closers.contains(text[end - 1])) --end;
  return end > 0 && terminators.contains(text[end - 1]);
}

// Whether only whitespace lies between `end` and a line break or the end of the text.
bool ends_line(QStringView text, qsizetype end) {
  for (; end < text.size() && text[end].isSpace(); ++end)
    if (text[end] == u'\n') return true;
  return end == text.size();
}

// The page holding `offset`, worked out here rather than trusted to the code under test.
int expected_page(const ExtractedDocument& document, qsizetype offset) {
  int page = document.pages.isEmpty() ? 0 : document.pages.first().page;
  for (const auto& start : document.pages)
    if (start.offset <= offset) page = start.page;
  return page;
}

QString describe(const Chunk& chunk) {
  return QStringLiteral("chunk [%1, %2) page %3, %4 tokens: \"%5\"")
      .arg(chunk.start).arg(chunk.end).arg(chunk.page).arg(chunk.tokens)
      .arg(chunk.text.left(60).replace('\n', "\\n"));
}

}  // namespace

class TestChunker : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase();
  void chunks_keep_the_contract_data();
  void chunks_keep_the_contract();
  void chunks_follow_sentences_and_lines_data();
  void chunks_follow_sentences_and_lines();
  void chunks_end_at_paragraphs_data();
  void chunks_end_at_paragraphs();
  void pages_are_those_of_chunk_starts();
  void page_starts_end_paragraphs();
  void unusual_text_is_chunked_data();
  void unusual_text_is_chunked();
  void threads_chunk_alike();
  void options_are_honoured_data();
  void options_are_honoured();
  void blank_documents_give_no_chunks_data();
  void blank_documents_give_no_chunks();
  void short_document_is_one_trimmed_chunk();
  void units_follow_sentences_and_lines_data();
  void units_follow_sentences_and_lines();
  void long_sentences_are_cut_into_small_units();
  void estimate_is_near_the_tokenizer_data();
  void estimate_is_near_the_tokenizer();
  void estimated_chunks_fit_the_model_data();
  void estimated_chunks_fit_the_model();
  void a_megabyte_document();

 private:
  // Everything chunk_document promises, checked with QVERIFY; the caller checks
  // QTest::currentTestFailed() after it.
  void check_contract(const ExtractedDocument& document, const QList<Chunk>& chunks,
                      const ChunkOptions& options, const TokenCounter& counter);
  void add_sample_rows(const QList<std::pair<int, int>>& budgets);

  std::unique_ptr<xun::Tokenizer> tokenizer_;
  std::unique_ptr<ModelTokenCounter> counter_;
  EstimatedTokenCounter estimate_;
};

void TestChunker::initTestCase() {
  auto tokenizer = xun::load_tokenizer(xun::test::data_path("qwen3-tokenizer/tokenizer.json"));
  QVERIFY2(tokenizer, tokenizer ? "" : tokenizer.error().message.c_str());
  tokenizer_ = std::move(*tokenizer);
  counter_ = std::make_unique<ModelTokenCounter>(*tokenizer_);
}

void TestChunker::check_contract(const ExtractedDocument& document, const QList<Chunk>& chunks,
                                 const ChunkOptions& options, const TokenCounter& counter) {
  const QString& text = document.text;
  QVERIFY(!chunks.isEmpty());
  qsizetype content_start = 0;
  while (text[content_start].isSpace()) ++content_start;
  qsizetype content_end = text.size();
  while (text[content_end - 1].isSpace()) --content_end;
  QCOMPARE(chunks.first().start, content_start);  // nothing lost before the first chunk
  QCOMPARE(chunks.last().end, content_end);       // nor after the last

  for (qsizetype i = 0; i < chunks.size(); ++i) {
    const Chunk& chunk = chunks[i];
    QVERIFY2(chunk.start < chunk.end, qPrintable(describe(chunk)));
    QCOMPARE(chunk.text, text.mid(chunk.start, chunk.end - chunk.start));
    QVERIFY2(!text[chunk.start].isSpace() && !text[chunk.end - 1].isSpace(), qPrintable(describe(chunk)));
    const bool splits_pair =
        (chunk.start > 0 && text[chunk.start - 1].isHighSurrogate() && text[chunk.start].isLowSurrogate()) ||
        (chunk.end < text.size() && text[chunk.end - 1].isHighSurrogate() && text[chunk.end].isLowSurrogate());
    QVERIFY2(!splits_pair, qPrintable(describe(chunk)));
    const int tokens = counter.count(chunk.text);
    QVERIFY2(tokens - chunk.tokens <= kMostUndercounted && chunk.tokens - tokens <= kMostOvercounted,
             qPrintable(QStringLiteral("%1 tokens alone: %2").arg(tokens).arg(describe(chunk))));
    QVERIFY2(tokens <= options.target_tokens,
             qPrintable(QStringLiteral("%1 tokens alone: %2").arg(tokens).arg(describe(chunk))));
    QCOMPARE(chunk.page, expected_page(document, chunk.start));
    if (i == 0) continue;

    const Chunk& before = chunks[i - 1];
    QVERIFY2(chunk.start > before.start && chunk.end > before.end, qPrintable(describe(chunk)));
    if (chunk.start >= before.end) {  // no overlap: only whitespace between
      QVERIFY2(text.mid(before.end, chunk.start - before.end).trimmed().isEmpty(),
               qPrintable(describe(chunk)));
    } else {
      const int overlap = counter.count(QStringView(text).sliced(chunk.start, before.end - chunk.start));
      QVERIFY2(overlap <= options.overlap_tokens + kOverlapSlack,
               qPrintable(QStringLiteral("%1 tokens of overlap: %2").arg(overlap).arg(describe(chunk))));
    }
  }
}

void TestChunker::add_sample_rows(const QList<std::pair<int, int>>& budgets) {
  QTest::addColumn<QString>("sample");
  QTest::addColumn<int>("target");
  QTest::addColumn<int>("overlap");
  for (const QString& name : xun::test::sample_names())
    for (const auto& [target, overlap] : budgets)
      QTest::addRow("%s, %d/%d", qPrintable(name), target, overlap) << name << target << overlap;
}

void TestChunker::chunks_keep_the_contract_data() { add_sample_rows({{512, 64}, {128, 32}}); }

void TestChunker::chunks_keep_the_contract() {
  QFETCH(QString, sample);
  QFETCH(int, target);
  QFETCH(int, overlap);
  const ExtractedDocument document = xun::test::sample(sample);
  const ChunkOptions options{target, overlap};
  const QList<Chunk> chunks = xun::core::chunk_document(document, *counter_, options);
  check_contract(document, chunks, options, *counter_);
  if (QTest::currentTestFailed()) return;

  // Sized near the target and overlapping by roughly the overlap, on average.
  QVERIFY(chunks.size() >= 3);
  double filled = 0;
  double overlapped = 0;
  for (qsizetype i = 0; i + 1 < chunks.size(); ++i) {
    filled += chunks[i].tokens;
    const qsizetype shared = std::max<qsizetype>(0, chunks[i].end - chunks[i + 1].start);
    overlapped += counter_->count(QStringView(document.text).sliced(chunks[i + 1].start, shared));
  }
  filled /= double(chunks.size() - 1);
  overlapped /= double(chunks.size() - 1);
  qInfo("%lld chunks, %.0f tokens and %.0f of overlap on average", qlonglong(chunks.size()), filled,
        overlapped);
  QVERIFY2(filled >= 0.6 * target, qPrintable(QString::number(filled)));
  // Whole lines of code or sentences often give less than the overlap, never much less.
  QVERIFY2(overlapped >= overlap / 3.0, qPrintable(QString::number(overlapped)));
}

void TestChunker::chunks_follow_sentences_and_lines_data() {
  QTest::addColumn<QString>("sample");
  for (const char* name : {"English prose", "Chinese prose", "mixed Chinese and English",
                           "Japanese prose", "code", "PDF with 3 pages"})
    QTest::newRow(name) << QString(name);
}

void TestChunker::chunks_follow_sentences_and_lines() {
  QFETCH(QString, sample);
  const ExtractedDocument document = xun::test::sample(sample);
  for (const ChunkOptions& options : {ChunkOptions{128, 32}, ChunkOptions{512, 64}}) {
    const QList<Chunk> chunks = xun::core::chunk_document(document, *counter_, options);
    QVERIFY(chunks.size() >= 2);
    qsizetype starts_at_sentence = 0;
    for (const Chunk& chunk : chunks) {
      QVERIFY2(ends_sentence(document.text, chunk.end) || ends_line(document.text, chunk.end),
               qPrintable(describe(chunk)));
      qsizetype before = chunk.start;
      while (before > 0 && document.text[before - 1].isSpace() && document.text[before - 1] != u'\n') --before;
      if (before == 0 || document.text[before - 1] == u'\n' || ends_sentence(document.text, before))
        ++starts_at_sentence;
    }
    // Overlaps are whole sentences unless those would give less than half the overlap; then
    // they begin inside the sentence before, at a word.
    qInfo("%d/%d: %lld of %lld chunks start at a sentence", options.target_tokens,
          options.overlap_tokens, qlonglong(starts_at_sentence), qlonglong(chunks.size()));
    QVERIFY(starts_at_sentence * 2 >= chunks.size());
  }
}

void TestChunker::chunks_end_at_paragraphs_data() {
  QTest::addColumn<QString>("sample");
  for (const char* name : {"English prose", "Chinese prose", "Japanese prose", "code"})
    QTest::newRow(name) << QString(name);
}

// Paragraphs here are 2 to 6 sentences, well under the target: a chunk takes whole ones.
void TestChunker::chunks_end_at_paragraphs() {
  QFETCH(QString, sample);
  const ExtractedDocument document = xun::test::sample(sample);
  const QList<Chunk> chunks = xun::core::chunk_document(document, *counter_, {512, 64});
  QVERIFY(chunks.size() >= 2);
  for (const Chunk& chunk : chunks)
    QVERIFY2(chunk.end == document.text.size() || document.text.mid(chunk.end, 2) == "\n\n", qPrintable(describe(chunk)));
}

void TestChunker::pages_are_those_of_chunk_starts() {
  const ExtractedDocument document = xun::test::sample("PDF with 3 pages");
  QCOMPARE(document.pages.size(), 3);
  const QList<Chunk> chunks = xun::core::chunk_document(document, *counter_, {128, 32});
  QSet<int> pages;
  int last_page = 1;
  for (const Chunk& chunk : chunks) {
    QCOMPARE(chunk.page, expected_page(document, chunk.start));
    QVERIFY(chunk.page >= last_page);
    last_page = chunk.page;
    pages.insert(chunk.page);
  }
  QCOMPARE(pages, QSet<int>({1, 2, 3}));
  // Without pages, every chunk is on page 0.
  ExtractedDocument unpaged = document;
  unpaged.pages.clear();
  for (const Chunk& chunk : xun::core::chunk_document(unpaged, *counter_, {128, 32}))
    QCOMPARE(chunk.page, 0);
}

// A page break is a paragraph end even where the text has only a line break there.
void TestChunker::page_starts_end_paragraphs() {
  const QString text = QStringLiteral("The first page ends mid\nsentence on the second page. Done.");
  const auto sentences = xun::core::sentence_spans(text);
  const xun::core::TokenMap tokens(text, *counter_, sentences);
  const auto plain = xun::core::split_into_units(text, sentences, tokens, 512);
  QCOMPARE(plain.first().after, Boundary::line_end);
  const auto paged = xun::core::split_into_units(text, sentences, tokens, 512, {0, text.indexOf("sentence")});
  QCOMPARE(paged.first().after, Boundary::paragraph_end);
}

void TestChunker::unusual_text_is_chunked_data() {
  QTest::addColumn<QString>("text");
  const auto times = [](const QString& piece, int count) { return piece.repeated(count); };
  QTest::newRow("Windows line ends") << times("A line of text.\r\nAnother line follows\r\n\r\n", 80);
  QTest::newRow("decomposed accents (not NFC)") << times(QStringLiteral("Cafe\u0301 cre\u0300me bru\u0302le\u0301e. "), 120);
  QTest::newRow("lone surrogates") << times(QStringLiteral("broken \xD800 text \xDC00 here. "), 100);
  QTest::newRow("emoji without spaces") << times(QStringLiteral("👩‍👩‍👧‍👦🎉🇨🇳"), 200);
  QTest::newRow("punctuation only") << times(QStringLiteral("。！？…"), 400);
  QTest::newRow("NUL and control characters") << times(QStringLiteral("a\u0000b\u0001c\u001F. "), 300);
  QTest::newRow("one long word") << times("abcdefghij", 2000);
  QTest::newRow("special token text") << times("<|endoftext|> and <|im_start|>. ", 100);
}

void TestChunker::unusual_text_is_chunked() {
  QFETCH(QString, text);
  ExtractedDocument document;
  document.text = text;
  const ChunkOptions options{128, 16};
  const QList<Chunk> chunks = xun::core::chunk_document(document, *counter_, options);
  check_contract(document, chunks, options, *counter_);
}

// Indexing chunks on several threads at once: the same chunks as on one.
void TestChunker::threads_chunk_alike() {
  const QStringList names = xun::test::sample_names();
  QList<QList<Chunk>> expected;
  for (const QString& name : names)
    expected << xun::core::chunk_document(xun::test::sample(name), *counter_, {128, 32});
  QList<QList<Chunk>> found[2];
  const auto work = [&](int thread) {
    for (const QString& name : names)
      found[thread] << xun::core::chunk_document(xun::test::sample(name), *counter_, {128, 32});
  };
  std::thread first(work, 0);
  std::thread second(work, 1);
  first.join();
  second.join();
  for (const auto& result : found) {
    QCOMPARE(result.size(), expected.size());
    for (qsizetype i = 0; i < result.size(); ++i) {
      QCOMPARE(result[i].size(), expected[i].size());
      for (qsizetype j = 0; j < result[i].size(); ++j) QCOMPARE(result[i][j].text, expected[i][j].text);
    }
  }
}

void TestChunker::options_are_honoured_data() {
  QTest::addColumn<QString>("sample");
  QTest::addColumn<int>("target");
  QTest::addColumn<int>("overlap");
  for (const char* name : {"English prose", "Chinese prose", "code"}) {
    for (const auto& [target, overlap] :
         QList<std::pair<int, int>>{{1000, 200}, {512, 64}, {256, 32}, {128, 0}, {64, 16}, {32, 8}})
      QTest::addRow("%s, %d/%d", name, target, overlap) << QString(name) << target << overlap;
  }
}

void TestChunker::options_are_honoured() {
  QFETCH(QString, sample);
  QFETCH(int, target);
  QFETCH(int, overlap);
  const ExtractedDocument document = xun::test::sample(sample);
  const QList<Chunk> chunks = xun::core::chunk_document(document, *counter_, {target, overlap});
  check_contract(document, chunks, {target, overlap}, *counter_);
  if (QTest::currentTestFailed()) return;
  if (overlap == 0) {
    for (qsizetype i = 1; i < chunks.size(); ++i) QVERIFY(chunks[i].start >= chunks[i - 1].end);
  }
  // Half the target, many more chunks.
  const auto smaller = xun::core::chunk_document(document, *counter_, {target / 2, overlap / 2});
  QVERIFY2(smaller.size() > chunks.size(), qPrintable(QStringLiteral("%1 chunks at half the target, %2 at the target")
                                                          .arg(smaller.size()).arg(chunks.size())));
}

void TestChunker::blank_documents_give_no_chunks_data() {
  QTest::addColumn<QString>("text");
  QTest::newRow("empty") << QString();
  QTest::newRow("space") << QStringLiteral(" ");
  QTest::newRow("blank lines and a tab") << QStringLiteral("\n\n\t \r\n");
  QTest::newRow("ideographic and no-break spaces") << QStringLiteral("\u3000\u00a0\u3000\n");
}

void TestChunker::blank_documents_give_no_chunks() {
  QFETCH(QString, text);
  ExtractedDocument document;
  document.text = text;
  QVERIFY(xun::core::chunk_document(document, *counter_).isEmpty());
  QVERIFY(xun::core::chunk_document(document, estimate_).isEmpty());
  document.pages = {{1, 0}};
  QVERIFY(xun::core::chunk_document(document, *counter_, {16, 4}).isEmpty());
}

void TestChunker::short_document_is_one_trimmed_chunk() {
  ExtractedDocument document;
  document.text = QStringLiteral("  Hello world.\n");
  const QList<Chunk> chunks = xun::core::chunk_document(document, *counter_);
  QCOMPARE(chunks.size(), 1);
  QCOMPARE(chunks[0].start, 2);
  QCOMPARE(chunks[0].end, 14);
  QCOMPARE(chunks[0].text, QStringLiteral("Hello world."));
  QCOMPARE(chunks[0].tokens, 3);  // "Hello", " world", "." (the newline after is no part of it)
  QCOMPARE(chunks[0].page, 0);
}

void TestChunker::units_follow_sentences_and_lines_data() {
  QTest::addColumn<QString>("text");
  QTest::addColumn<QStringList>("units");
  QTest::addColumn<QList<int>>("boundaries");
  constexpr int sentence = int(Boundary::sentence_end);
  constexpr int line = int(Boundary::line_end);
  constexpr int paragraph = int(Boundary::paragraph_end);
  QTest::newRow("English, an abbreviation and a blank line")
      << QStringLiteral("Dr. Smith met Mr. Jones. Then he slept.\n\nNew paragraph!")
      << QStringList{"Dr. Smith met Mr. Jones.", "Then he slept.", "New paragraph!"}
      << QList<int>{sentence, paragraph, paragraph};
  QTest::newRow("English, decimals and a closing quote")
      << QStringLiteral("Version 3.14 is \"out.\" Really?")
      << QStringList{"Version 3.14 is \"out.\"", "Really?"} << QList<int>{sentence, paragraph};
  QTest::newRow("Chinese without spaces")
      << QStringLiteral("今天天气很好。我们去公园吧！你去吗？")
      << QStringList{"今天天气很好。", "我们去公园吧！", "你去吗？"}
      << QList<int>{sentence, sentence, paragraph};
  QTest::newRow("Chinese, a line break")
      << QStringLiteral("第一行没有句号\n第二行有。")
      << QStringList{"第一行没有句号", "第二行有。"} << QList<int>{line, paragraph};
  QTest::newRow("Japanese")
      << QStringLiteral("明日は雨です。傘を持って行きます。")
      << QStringList{"明日は雨です。", "傘を持って行きます。"} << QList<int>{sentence, paragraph};
  QTest::newRow("Japanese, a quotation inside a sentence")
      << QStringLiteral("「どこですか？」と彼は尋ねた。「ここです。」\n次の行。")
      << QStringList{"「どこですか？」と彼は尋ねた。", "「ここです。」", "次の行。"}
      << QList<int>{sentence, sentence, paragraph};
  QTest::newRow("code lines")
      << QStringLiteral("int a = 1;\n  int b = 2;\n")
      << QStringList{"int a = 1;", "int b = 2;"} << QList<int>{line, paragraph};
}

void TestChunker::units_follow_sentences_and_lines() {
  QFETCH(QString, text);
  QFETCH(QStringList, units);
  QFETCH(QList<int>, boundaries);
  const auto sentences = xun::core::sentence_spans(text);
  const auto found =
      xun::core::split_into_units(text, sentences, xun::core::TokenMap(text, *counter_, sentences), 512);
  QStringList found_texts;
  QList<int> found_boundaries;
  for (const auto& unit : found) {
    found_texts << text.mid(unit.start, unit.end - unit.start);
    found_boundaries << int(unit.after);
  }
  QCOMPARE(found_texts, units);
  QCOMPARE(found_boundaries, boundaries);
}

void TestChunker::long_sentences_are_cut_into_small_units() {
  const QString text = xun::test::sample("huge unpunctuated Chinese line").text;
  const auto sentences = xun::core::sentence_spans(text);
  const auto units =
      xun::core::split_into_units(text, sentences, xun::core::TokenMap(text, *counter_, sentences), 64);
  QVERIFY(units.size() > 5000 / 64);
  for (qsizetype i = 0; i < units.size(); ++i) {
    QVERIFY(units[i].tokens <= 64);
    QCOMPARE(units[i].start, i == 0 ? 0 : units[i - 1].end);  // no whitespace: no gaps at all
    QCOMPARE(units[i].after, i + 1 == units.size() ? Boundary::paragraph_end : Boundary::inside_sentence);
  }
  QCOMPARE(units.last().end, text.size());
}

void TestChunker::estimate_is_near_the_tokenizer_data() {
  QTest::addColumn<QString>("sample");
  for (const QString& name : xun::test::sample_names()) QTest::newRow(qPrintable(name)) << name;
}

void TestChunker::estimate_is_near_the_tokenizer() {
  QFETCH(QString, sample);
  const QString text = xun::test::sample(sample).text;
  const double ratio = double(estimate_.count(text)) / counter_->count(text);
  qInfo("estimate / tokenizer = %.2f", ratio);
  // On the high side, so that estimated chunks fit the model, but not wastefully so.
  QVERIFY2(ratio >= 0.9 && ratio <= 2.0, qPrintable(QString::number(ratio)));
}

void TestChunker::estimated_chunks_fit_the_model_data() { add_sample_rows({{512, 64}}); }

void TestChunker::estimated_chunks_fit_the_model() {
  QFETCH(QString, sample);
  QFETCH(int, target);
  QFETCH(int, overlap);
  const ExtractedDocument document = xun::test::sample(sample);
  const QList<Chunk> chunks = xun::core::chunk_document(document, estimate_, {target, overlap});
  check_contract(document, chunks, {target, overlap}, estimate_);
  if (QTest::currentTestFailed()) return;
  for (const Chunk& chunk : chunks) {
    const int tokens = counter_->count(chunk.text);
    QVERIFY2(tokens <= target * 11 / 10, qPrintable(QString::number(tokens) + " tokens: " + describe(chunk)));
  }
}

// The contract on about a megabyte of every sample; the time is printed for the record, never
// asserted.
void TestChunker::a_megabyte_document() {
  const ExtractedDocument document = xun::test::large_sample(1'000'000);
  const ChunkOptions options;
  QElapsedTimer timer;
  timer.start();
  const QList<Chunk> chunks = xun::core::chunk_document(document, *counter_, options);
  const qint64 model_ms = timer.restart();
  const QList<Chunk> estimated = xun::core::chunk_document(document, estimate_, options);
  const qint64 estimate_ms = timer.elapsed();
  qInfo("%lld UTF-8 bytes: %lld chunks in %lld ms with the tokenizer; %lld chunks in %lld ms estimated",
        qlonglong(document.text.toUtf8().size()), qlonglong(chunks.size()), model_ms,
        qlonglong(estimated.size()), estimate_ms);
  check_contract(document, chunks, options, *counter_);
  check_contract(document, estimated, options, estimate_);
}

QTEST_GUILESS_MAIN(TestChunker)
#include "tst_chunker.moc"
