#include "chunk_samples.h"

#include <cstdint>

namespace xun::test {
namespace {

using core::ExtractedDocument;

// A fixed-seed generator, so that every run chunks the same text.
class Picker {
 public:
  explicit Picker(uint32_t seed) : state_(seed) {}
  qsizetype next(qsizetype below) {
    state_ = state_ * 1664525u + 1013904223u;
    return static_cast<qsizetype>((state_ >> 8) % static_cast<uint32_t>(below));
  }

 private:
  uint32_t state_;
};

const QStringList kEnglish = {
    "Dr. Smith reviewed the quarterly results before the meeting started.",
    "The index keeps every chunk with its character range, so a result can be highlighted.",
    "Why would anyone search their own files offline?",
    "Because private notes, contracts and letters should never leave the machine!",
    "Semantic search finds passages by meaning, e.g. a query about holidays finds vacation plans.",
    "She said, \"The report is due on Friday.\"",
    "Numbers such as 3.14 and 2,718 must not end a sentence early.",
    "Long sentences, which wander through several clauses, qualify what came before, add an "
    "example or two and finally return to the point, are common in legal and academic writing, "
    "and a chunker has to cope with them without cutting words in half.",
    "Short ones work too.",
    "The weather was mild in the morning (it rained later).",
    "The team celebrated the release 🎉 and the new laptop 👩‍💻 arrived on time.",
    "Backups run at 02:00 every night.",
};

const QStringList kChinese = {
    "今天早上我们讨论了本季度的销售数据。",
    "语义搜索可以根据意思而不是关键词来查找段落。",
    "为什么要在本地离线搜索自己的文件？",
    "因为私人笔记、合同和信件不应该离开这台电脑！",
    "每个段落由几个句子组成，这些句子按照固定的种子随机选择。",
    "她说：“报告必须在星期五之前完成。”",
    "长句子经常出现在法律和学术文本中，它们包含多个从句，不断补充前面的内容，举出一两个例子，"
    "最后才回到主题，分块程序必须能够处理这样的句子而不把词语切断。",
    "天气很好。",
    "索引为每个文本块保存字符范围，因此搜索结果可以被精确地高亮显示。",
    "备份每天凌晨两点进行。",
};

const QStringList kMixed = {
    "我们使用 Qwen3-Embedding 模型为每个 chunk 计算向量。",
    "The FTS5 index 也能找到中文词语。",
    "请把 README.md 里的 setup 步骤再检查一遍！",
    "Hybrid search 结合了 dense retrieval 和 BM25 的结果。",
    "This sentence is entirely in English, mixed in for variety.",
    "用户可以在 instruction lab 中修改任务指令吗？",
    "Reranking 使用 Qwen3-Reranker 计算 P(yes) 的概率。",
};

const QStringList kJapanese = {
    "今日は朝から雨が降っています。",
    "「検索結果はどこに表示されますか？」と彼は尋ねた。",
    "意味検索では、キーワードではなく意味で文章を探します。",
    "私のメモや契約書は、このパソコンから出てはいけません！",
    "東京の天気は午後から晴れるでしょう。",
    "長い文は法律や学術の文章によく見られ、いくつもの節を含み、前の内容を補足し、例を挙げ、"
    "最後にようやく要点に戻るので、分割する側は単語を途中で切らずに処理しなければなりません。",
    "カタカナのテキストもテストします。",
};

// Common characters for a line with no punctuation at all.
const QString kHanzi =
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下"
    "过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两"
    "体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线";

// Paragraphs of 2 to 6 sentences, joined by `joiner` (a space in English, nothing in CJK).
QString prose(const QStringList& sentences, int paragraphs, const QString& joiner, uint32_t seed) {
  Picker picker(seed);
  QStringList result;
  for (int p = 0; p < paragraphs; ++p) {
    QStringList paragraph;
    const qsizetype count = 2 + picker.next(5);
    for (qsizetype s = 0; s < count; ++s) paragraph << sentences[picker.next(sentences.size())];
    result << paragraph.join(joiner);
  }
  return result.join("\n\n");
}

QString code() {
  QString text;
  for (int n = 1; n <= 60; ++n) {
    text += QString(
                "// Returns the sum of the first %1 values.\n"
                "int sum_%1(const std::vector<int>& values) {\n"
                "  int total = 0;\n"
                "  for (size_t i = 0; i < %1 && i < values.size(); ++i) {\n"
                "    total += values[i];\n"
                "  }\n"
                "  return total;\n"
                "}\n\n")
                .arg(n);
  }
  return text;
}

QString unpunctuated_chinese_line(qsizetype characters) {
  Picker picker(7);
  QString line;
  for (qsizetype i = 0; i < characters; ++i) line += kHanzi[picker.next(kHanzi.size())];
  return line;
}

QString minified_javascript() {
  QString line;
  for (int i = 0; i < 400; ++i)
    line += QString("function f%1(a,b){return a*b+%1}var v%1=f%1(1,2);").arg(i);
  return line;
}

// Lines of at most `width` characters, broken at spaces, as PDF text layers come.
QString hard_wrapped(const QString& paragraph, qsizetype width) {
  QStringList lines{QString()};
  for (const QString& word : paragraph.split(' ')) {
    if (!lines.last().isEmpty() && lines.last().size() + 1 + word.size() > width) lines << QString();
    lines.last() += (lines.last().isEmpty() ? "" : " ") + word;
  }
  return lines.join('\n');
}

// Three pages separated by a blank line, as the PDF extractor writes them.
ExtractedDocument pdf_like() {
  ExtractedDocument document;
  document.format = "pdf";
  for (int page = 1; page <= 3; ++page) {
    if (page > 1) document.text += "\n\n";
    document.pages.append({page, document.text.size()});
    QStringList paragraphs = prose(kEnglish, 4, " ", 100 + page).split("\n\n");
    for (QString& paragraph : paragraphs) paragraph = hard_wrapped(paragraph, 72);
    document.text += paragraphs.join("\n\n");
  }
  return document;
}

ExtractedDocument plain(const QString& text, const QString& format = "text") {
  ExtractedDocument document;
  document.text = text;
  document.format = format;
  return document;
}

}  // namespace

QStringList sample_names() {
  return {"English prose", "Chinese prose", "mixed Chinese and English", "Japanese prose",
          "code",          "huge unpunctuated Chinese line", "minified JavaScript",
          "PDF with 3 pages"};
}

ExtractedDocument sample(const QString& name) {
  if (name == "English prose") return plain(prose(kEnglish, 24, " ", 1));
  if (name == "Chinese prose") return plain(prose(kChinese, 24, "", 2));
  if (name == "mixed Chinese and English") return plain(prose(kMixed, 24, "", 3));
  if (name == "Japanese prose") return plain(prose(kJapanese, 24, "", 4));
  if (name == "code") return plain(code(), "code");
  if (name == "huge unpunctuated Chinese line") return plain(unpunctuated_chinese_line(5000));
  if (name == "minified JavaScript") return plain(minified_javascript(), "code");
  if (name == "PDF with 3 pages") return pdf_like();
  return {};
}

ExtractedDocument large_sample(qsizetype utf8_bytes) {
  QStringList parts;
  qsizetype bytes = 0;
  for (int round = 0; bytes < utf8_bytes; ++round) {
    for (const QString& name : sample_names()) {
      parts << sample(name).text;
      bytes += parts.last().toUtf8().size() + 2;
    }
  }
  return plain(parts.join("\n\n"));
}

}  // namespace xun::test
