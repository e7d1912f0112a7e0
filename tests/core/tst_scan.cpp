// Scanning a real folder tree: which files are listed (and only those), which problems are
// reported, hidden, VCS and build folders, symbolic links (including a loop), unicode names,
// unreadable entries, the size limit, binary content behind a text name, and cancellation.
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>
#include <cstdio>
#include <filesystem>

#ifdef Q_OS_UNIX
#include <sys/stat.h>
#include <unistd.h>
#endif

#include "scan/fs_path.h"
#include "scan/scan.h"
#include "scan/skipped_folders.h"

using xun::core::ScanOptions;
using xun::core::ScanProblem;
using xun::core::ScanResult;
using Kind = ScanProblem::Kind;

namespace {

namespace fs = std::filesystem;

fs::path fs_path(const QString& path) { return fs::path(QFile::encodeName(path).toStdString()); }

QString utf8(const char8_t* text) { return QString::fromUtf8(reinterpret_cast<const char*>(text)); }

QString kind_name(Kind kind) {
  switch (kind) {
    case Kind::UnreadableFolder:
      return QStringLiteral("unreadable folder");
    case Kind::UnreadableFile:
      return QStringLiteral("unreadable file");
    case Kind::TooLarge:
      return QStringLiteral("too large");
    case Kind::Binary:
      return QStringLiteral("binary");
    case Kind::Unsupported:
      return QStringLiteral("unsupported");
  }
  return {};
}

}  // namespace

class TestScan : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir dir_;  // holds root/ (the scanned tree) and outside/ (a link target)
  QString root_;
  qint64 notes_mtime_ms_ = 0;

  void write(const QString& relative, const QByteArray& bytes) {
    const QString path = root_ + u'/' + relative;
    QDir().mkpath(QFileInfo(path).path());
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
      qFatal("cannot write %s", qPrintable(path));
  }
  void link(const QString& relative, const QString& target, bool folder) {
    std::error_code error;
    const fs::path link_path = fs_path(root_ + u'/' + relative);
    if (folder)
      fs::create_directory_symlink(fs_path(target), link_path, error);
    else
      fs::create_symlink(fs_path(target), link_path, error);
    if (error) qFatal("cannot link %s: %s", qPrintable(relative), error.message().c_str());
  }

  QStringList relative(const QStringList& paths) const {
    QStringList out;
    for (const QString& path : paths) out << QDir(root_).relativeFilePath(path);
    return out;
  }
  QStringList listed(const ScanResult& scan) const {
    QStringList paths;
    for (const auto& file : scan.files) paths << file.path;
    return relative(paths);
  }
  QStringList problems(const ScanResult& scan) const {
    QStringList out;
    for (const auto& problem : scan.problems)
      out << QDir(root_).relativeFilePath(problem.path) + " (" + kind_name(problem.kind) + ")";
    return out;
  }
  ScanResult scan(const ScanOptions& options = {.max_file_bytes = 1000}) const {
    auto result = xun::core::scan_folder(root_, options);
    if (!result) qFatal("scan failed: %s", result.error().message.c_str());
    return *result;
  }

 private slots:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    root_ = dir_.filePath("root");
    const QString outside = dir_.filePath("outside");
    QVERIFY(QDir().mkpath(outside));
    QFile outside_file(outside + "/outside.md");
    QVERIFY(outside_file.open(QIODevice::WriteOnly));
    outside_file.write("# reached through a link\n");
    outside_file.close();

    // Listed
    write("notes.txt", "plain notes\n");
    write("README.md", "# readme\n");
    write("Makefile", "all:\n");
    write("src/main.cpp", "int main() {}\n");
    write("docs/report.pdf", "%PDF-1.7 (the scanner does not parse)");
    write(utf8(u8"docs/中文笔记.md"), utf8(u8"# 笔记\n").toUtf8());
    write(utf8(u8"docs/Ünïcödé notes.txt"), "accents\n");
    write("utf16.txt", QByteArray("\xFF\xFE"
                                  "a\0b\0",
                                  6));  // NUL bytes, but a UTF-16 BOM: text
    // Not listed, not a problem: not indexable, hidden, VCS, dependency and build folders
    write("photo.jpg", "\xFF\xD8\xFF");
    write("data.bin", QByteArray(16, '\0'));
    write(".hidden.txt", "hidden\n");
    write(".config/settings.txt", "hidden folder\n");
    write(".git/description.txt", "vcs\n");
    write("node_modules/pkg/index.js", "module.exports = 1;\n");
    write("src/build/generated.cpp", "// build output\n");
    write("src/cmake-build-debug/moc.cpp", "// build output\n");
    write("__pycache__/mod.py", "# cache\n");
    write("venv/lib/site.py", "# virtual env\n");
    // Problems
    write("big.txt", QByteArray(2000, 'x'));
    write("fake.txt", QByteArray("\x7F"
                                 "ELF\x02\x01\x01\x00\x00\x00",
                                 10));
    link("dangling.txt", root_ + "/no-such-target.txt", false);
#ifdef Q_OS_UNIX
    QVERIFY(::mkfifo(QFile::encodeName(root_ + "/pipe.txt").constData(), 0600) == 0);
#endif
    // Links: a loop back to the root, a second way into docs/, and a way out of the tree
    QVERIFY(QDir().mkpath(root_ + "/loop"));
    link("loop/back-to-root", "..", true);
    link("docs-again", root_ + "/docs", true);
    link("outside-link", outside, true);
    link("notes-link.txt", root_ + "/notes.txt", false);

    QFile notes(root_ + "/notes.txt");
    QVERIFY(notes.open(QIODevice::ReadWrite));
    const QDateTime mtime = QDateTime::fromMSecsSinceEpoch(1'700'000'000'123LL, Qt::UTC);
    QVERIFY(notes.setFileTime(mtime, QFileDevice::FileModificationTime));
    notes_mtime_ms_ = mtime.toMSecsSinceEpoch();
  }

  void lists_exactly_the_indexable_files() {
    const ScanResult result = scan();
    QStringList expected = {
        "Makefile",
        "README.md",
        "docs/report.pdf",
        utf8(u8"docs/Ünïcödé notes.txt"),
        utf8(u8"docs/中文笔记.md"),
        "notes-link.txt",
        "notes.txt",
        "outside-link/outside.md",
        "src/main.cpp",
        "utf16.txt",
    };
    std::sort(expected.begin(), expected.end());
    QCOMPARE(listed(result), expected);
    QVERIFY(!result.cancelled);
  }

  void reports_exactly_the_problems() {
    const ScanResult result = scan();
    QStringList expected = {"big.txt (too large)", "dangling.txt (unreadable file)", "fake.txt (binary)"};
#ifdef Q_OS_UNIX
    expected << "pipe.txt (unsupported)";
#endif
    std::sort(expected.begin(), expected.end());
    QCOMPARE(problems(result), expected);
    for (const ScanProblem& problem : result.problems) QVERIFY2(!problem.reason.isEmpty(), qPrintable(problem.path));
    const auto reason_of = [&](const char* name) {
      for (const ScanProblem& problem : result.problems) {
        if (problem.path.endsWith(QLatin1String(name))) return problem.reason;
      }
      return QString();
    };
    QCOMPARE(reason_of("big.txt"), QStringLiteral("2.0 kB is over the size limit of 1.0 kB"));
    QCOMPARE(reason_of("fake.txt"), QStringLiteral("binary content (NUL byte at 7) in a file named as text"));
    QCOMPARE(reason_of("dangling.txt"), QStringLiteral("broken symbolic link"));
  }

  void file_facts() {
    const ScanResult result = scan();
    const auto notes = std::find_if(result.files.cbegin(), result.files.cend(),
                                    [&](const auto& file) { return file.path == root_ + "/notes.txt"; });
    QVERIFY(notes != result.files.cend());
    QCOMPARE(notes->size, qint64(12));
    QCOMPARE(notes->mtime_ms, notes_mtime_ms_);
    QCOMPARE(notes->format, QStringLiteral("text"));
    QVERIFY(QFileInfo(notes->path).isAbsolute());
  }

  void size_limit_and_hidden_are_options() {
    ScanOptions options{.max_file_bytes = 1 << 20, .skip_hidden = false};
    const QStringList paths = listed(scan(options));
    QVERIFY(paths.contains("big.txt"));
    QVERIFY(paths.contains(".hidden.txt"));
    QVERIFY(paths.contains(".config/settings.txt"));
    QVERIFY(!paths.contains(".git/description.txt"));  // VCS folders are skipped by name as well
  }

  void a_skipped_name_as_the_root_is_scanned() {
    const QString build = root_ + "/src/build";
    auto result = xun::core::scan_folder(build);
    QVERIFY(result);
    QCOMPARE(result->files.size(), 1);
    QCOMPARE(result->files.front().path, build + "/generated.cpp");
  }

  void skipped_folder_list() {
    for (const char* name : {".git", ".hg", ".svn", "node_modules", "build", "dist", "target", "__pycache__", ".venv",
                             "venv", ".cache", ".idea", ".vscode", "cmake-build-release"}) {
      QVERIFY2(xun::core::is_skipped_folder(QString::fromLatin1(name)), name);
    }
    QVERIFY(!xun::core::is_skipped_folder(u"Build Notes"));
    QVERIFY(!xun::core::is_skipped_folder(u"docs"));
  }

  void unreadable_data() {
    QTest::addColumn<bool>("folder");
    QTest::newRow("folder") << true;
    QTest::newRow("file") << false;
  }
  void unreadable() {
#ifndef Q_OS_UNIX
    QSKIP("chmod 000 is a POSIX test");
#else
    QFETCH(bool, folder);
    QTemporaryDir tree;
    const QString target = tree.filePath(folder ? "locked" : "locked.txt");
    if (folder) {
      QVERIFY(QDir().mkpath(target));
      QFile inside(target + "/secret.txt");
      QVERIFY(inside.open(QIODevice::WriteOnly));
    } else {
      QFile file(target);
      QVERIFY(file.open(QIODevice::WriteOnly));
    }
    QFile other(tree.filePath("readable.txt"));
    QVERIFY(other.open(QIODevice::WriteOnly));
    other.write("fine\n");
    other.close();
    QVERIFY(::chmod(QFile::encodeName(target).constData(), 0) == 0);
    const auto restore = qScopeGuard([&] { ::chmod(QFile::encodeName(target).constData(), 0700); });
    // Root (or CAP_DAC_OVERRIDE) reads through chmod 000, as in this project's containers: then
    // nothing here is unreadable, and pretending otherwise would test nothing.
    if (::access(QFile::encodeName(target).constData(), R_OK) == 0)
      QSKIP("permissions are not enforced for this user (root?): chmod 000 cannot make anything unreadable");

    auto result = xun::core::scan_folder(tree.path());
    QVERIFY(result);
    QCOMPARE(result->files.size(), 1);
    QCOMPARE(result->files.front().path, tree.filePath("readable.txt"));
    QCOMPARE(result->problems.size(), 1);
    QCOMPARE(result->problems.front().path, target);
    QCOMPARE(result->problems.front().kind, folder ? Kind::UnreadableFolder : Kind::UnreadableFile);
    QVERIFY2(result->problems.front().reason.contains(u"ermission denied"),
             qPrintable(result->problems.front().reason));
#endif
  }

  // File names are bytes: every byte string survives bytes -> QString -> bytes, and the QString
  // is valid Unicode (it goes into SQLite and JSON as UTF-8).
  void names_keep_their_bytes_data() {
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("shown");
    QTest::newRow("ASCII") << QByteArray("notes/a.txt") << QStringLiteral("notes/a.txt");
    QTest::newRow("UTF-8") << QByteArray("\xe4\xb8\xad\xe6\x96\x87 \xf0\x9f\x93\x9a") << utf8(u8"中文 📚");
    QTest::newRow("Latin-1") << QByteArray("caf\xe9.txt") << utf8(u8"caf\uFFFD.txt");
    QTest::newRow("0xFF") << QByteArray("\xff.md") << utf8(u8"\uFFFD.md");
    QTest::newRow("stray continuation") << QByteArray("a\x80" "b") << utf8(u8"a\uFFFDb");
    QTest::newRow("overlong slash") << QByteArray("\xc0\xaf") << utf8(u8"\uFFFD\uFFFD");
    QTest::newRow("surrogate as UTF-8") << QByteArray("\xed\xa0\x80") << utf8(u8"\uFFFD\uFFFD\uFFFD");
    QTest::newRow("truncated sequence") << QByteArray("x\xe4\xb8") << utf8(u8"x\uFFFD\uFFFD");
    QTest::newRow("past U+10FFFF") << QByteArray("\xf4\x90\x80\x80") << utf8(u8"\uFFFD\uFFFD\uFFFD\uFFFD");
    // The escape code points themselves, written as UTF-8 in a real name, are kept as bytes too.
    QTest::newRow("U+EF80 as UTF-8") << QByteArray("\xee\xbe\x80") << utf8(u8"\uFFFD\uFFFD\uFFFD");
    QByteArray high;
    for (int byte = 0x80; byte <= 0xFF; ++byte) high.append(static_cast<char>(byte));
    QTest::newRow("every high byte") << high << QString(0x80, QChar::ReplacementCharacter);
  }

  void names_keep_their_bytes() {
    QFETCH(QByteArray, bytes);
    QFETCH(QString, shown);
    const QString path = xun::core::path_from_bytes(bytes.toStdString());
    QCOMPARE(QByteArray::fromStdString(xun::core::path_to_bytes(path)), bytes);
    QCOMPARE(QString::fromUtf8(path.toUtf8()), path);  // no lone surrogates: UTF-8 holds it exactly
    QCOMPARE(xun::core::displayed_path(path), shown);
  }

  // Files named with bytes that are not UTF-8 are listed, and open again by the listed path.
  void names_that_are_not_utf8_are_listed() {
    QTemporaryDir dir;
    const std::string root = dir.path().toStdString();
    // QTemporaryDir removes by QString names, which cannot name these files: remove by bytes.
    const auto remove = qScopeGuard([&] { fs::remove_all(root); });
    for (const std::string name : {"caf\xe9.txt", "\xff.md", "ok.txt"}) {
      std::FILE* file = std::fopen((root + '/' + name).c_str(), "w");
      QVERIFY(file != nullptr);
      std::fputs("text\n", file);
      std::fclose(file);
    }
    auto result = xun::core::scan_folder(dir.path());
    QVERIFY(result);
    QCOMPARE(result->problems.size(), qsizetype(0));
    QCOMPARE(result->files.size(), qsizetype(3));
    for (const xun::core::ScannedFile& file : result->files) {
      QFile opened;
      QString reason;
      QVERIFY2(xun::core::open_read_only(opened, file.path, reason), qPrintable(reason));
      QCOMPARE(opened.readAll(), QByteArray("text\n"));
      QCOMPARE(file.size, qint64(5));
    }
    QCOMPARE(xun::core::path_to_bytes(result->files[0].path), root + "/caf\xe9.txt");
  }

  void root_errors() {
    const QString missing = dir_.filePath("no-such-folder");
    auto result = xun::core::scan_folder(missing);
    QVERIFY(!result);
    QCOMPARE(QString::fromStdString(result.error().message), QDir::toNativeSeparators(missing) + ": no such folder");
    result = xun::core::scan_folder(root_ + "/notes.txt");
    QVERIFY(!result);
    QCOMPARE(QString::fromStdString(result.error().message),
             QDir::toNativeSeparators(root_ + "/notes.txt") + ": not a folder");
  }

  void progress_and_cancel() {
    std::atomic<bool> cancel = false;
    QList<xun::core::ScanProgress> reports;
    ScanOptions options{.max_file_bytes = 1000};
    options.on_progress = [&](const xun::core::ScanProgress& progress) {
      reports.append(progress);
      if (progress.folders_scanned == 2) cancel = true;  // stop in the middle of the walk
    };
    auto result = xun::core::scan_folder(root_, options, &cancel);
    QVERIFY(result);
    QVERIFY(result->cancelled);
    QCOMPARE(reports.size(), 2);
    QCOMPARE(reports[0].folders_scanned, 1);
    QCOMPARE(reports[0].folder, root_);
    QVERIFY(result->files.size() < scan().files.size());

    cancel = false;
    reports.clear();
    options.on_progress = [&](const xun::core::ScanProgress& progress) { reports.append(progress); };
    result = xun::core::scan_folder(root_, options, &cancel);
    QVERIFY(result && !result->cancelled);
    QVERIFY(reports.size() >= 5);
    QCOMPARE(reports.back().files_found, result->files.size());
  }
};

QTEST_GUILESS_MAIN(TestScan)
#include "tst_scan.moc"
