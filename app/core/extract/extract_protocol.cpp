#include "extract/extract_protocol.h"

#include <QDataStream>
#include <QIODevice>
#include <algorithm>
#include <cerrno>
#include <cstring>

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace xun::core::extract_protocol {
namespace {

constexpr quint32 protocol_version = 1;
constexpr QDataStream::Version stream_version = QDataStream::Qt_6_4;

void write_header(QDataStream& out) {
  out.setVersion(stream_version);
  out << protocol_version;
}

Result<void> check_header(QDataStream& in) {
  in.setVersion(stream_version);
  quint32 version = 0;
  in >> version;
  if (version != protocol_version)
    return fail("the text extractor speaks protocol " + std::to_string(version) + ", not " +
                std::to_string(protocol_version) + " (a worker from another version of Xun?)");
  return {};
}

Result<void> check_complete(const QDataStream& in) {
  if (in.status() != QDataStream::Ok) return fail("the text extractor sent a damaged message");
  return {};
}

Result<void> write_all(int fd, const char* data, qsizetype size) {
  while (size > 0) {
    ssize_t written = ::send(fd, data, static_cast<size_t>(size), MSG_NOSIGNAL);
    if (written < 0 && errno == ENOTSOCK) written = ::write(fd, data, static_cast<size_t>(size));
    if (written < 0 && errno == EINTR) continue;
    if (written <= 0) return fail(std::string("cannot write to the text extractor: ") + std::strerror(errno));
    data += written;
    size -= written;
  }
  return {};
}

// Fills `buffer` from `fd`; false with `status` set when it cannot.
bool read_exactly(int fd, char* buffer, qsizetype size, std::chrono::steady_clock::time_point deadline,
                  ReadStatus& status) {
  using clock = std::chrono::steady_clock;
  while (size > 0) {
    int wait_ms = -1;
    if (deadline != clock::time_point::max()) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - clock::now()).count();
      if (left <= 0) {
        status = ReadStatus::timed_out;
        return false;
      }
      wait_ms = static_cast<int>(std::min<long long>(left, 60'000));
    }
    pollfd readable{.fd = fd, .events = POLLIN, .revents = 0};
    const int ready = ::poll(&readable, 1, wait_ms);
    if (ready < 0 && errno == EINTR) continue;
    if (ready < 0) {
      status = ReadStatus::closed;
      return false;
    }
    if (ready == 0) continue;  // the deadline is checked above
    const ssize_t got = ::read(fd, buffer, static_cast<size_t>(size));
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) {
      status = ReadStatus::closed;
      return false;
    }
    buffer += got;
    size -= got;
  }
  return true;
}

}  // namespace

QByteArray encode_request(const Request& request) {
  QByteArray bytes;
  QDataStream out(&bytes, QIODevice::WriteOnly);
  write_header(out);
  const ExtractOptions& options = request.options;
  out << request.path << qint64(options.max_file_bytes) << qint64(options.max_unpacked_bytes)
      << qint32(options.max_archive_entries) << qint64(options.max_text_chars);
  return bytes;
}

Result<Request> decode_request(QByteArrayView payload) {
  const QByteArray bytes = payload.toByteArray();
  QDataStream in(bytes);
  if (auto header = check_header(in); !header) return std::unexpected(header.error());
  Request request;
  qint64 max_file_bytes = 0, max_unpacked_bytes = 0, max_text_chars = 0;
  qint32 max_archive_entries = 0;
  in >> request.path >> max_file_bytes >> max_unpacked_bytes >> max_archive_entries >> max_text_chars;
  if (auto complete = check_complete(in); !complete) return std::unexpected(complete.error());
  request.options = ExtractOptions{.max_file_bytes = max_file_bytes,
                                   .max_unpacked_bytes = max_unpacked_bytes,
                                   .max_archive_entries = max_archive_entries,
                                   .max_text_chars = max_text_chars};
  return request;
}

QByteArray encode_response(const Result<ExtractedDocument>& document) {
  QByteArray bytes;
  QDataStream out(&bytes, QIODevice::WriteOnly);
  write_header(out);
  out << bool(document.has_value());
  if (!document) {
    out << QString::fromStdString(document.error().message);
    return bytes;
  }
  out << document->text << document->format << document->warnings << document->truncated
      << qint32(document->pages.size());
  for (const PageStart& page : document->pages) out << qint32(page.page) << qint64(page.offset);
  return bytes;
}

Result<Result<ExtractedDocument>> decode_response(QByteArrayView payload) {
  const QByteArray bytes = QByteArray::fromRawData(payload.data(), payload.size());
  QDataStream in(bytes);
  if (auto header = check_header(in); !header) return std::unexpected(header.error());
  bool ok = false;
  in >> ok;
  if (!ok) {
    QString message;
    in >> message;
    if (auto complete = check_complete(in); !complete) return std::unexpected(complete.error());
    return Result<ExtractedDocument>(fail(message.toStdString()));
  }
  ExtractedDocument document;
  qint32 page_count = 0;
  in >> document.text >> document.format >> document.warnings >> document.truncated >> page_count;
  for (qint32 i = 0; i < page_count && in.status() == QDataStream::Ok; ++i) {
    qint32 page = 0;
    qint64 offset = 0;
    in >> page >> offset;
    document.pages.append({page, static_cast<qsizetype>(offset)});
  }
  if (auto complete = check_complete(in); !complete) return std::unexpected(complete.error());
  return Result<ExtractedDocument>(std::move(document));
}

Result<void> write_frame(int fd, QByteArrayView payload) {
  const auto size = static_cast<quint32>(payload.size());
  const unsigned char length[4] = {static_cast<unsigned char>(size), static_cast<unsigned char>(size >> 8),
                                   static_cast<unsigned char>(size >> 16), static_cast<unsigned char>(size >> 24)};
  if (auto written = write_all(fd, reinterpret_cast<const char*>(length), 4); !written) return written;
  return write_all(fd, payload.data(), payload.size());
}

ReadFrame read_frame(int fd, qint64 max_bytes, std::chrono::steady_clock::time_point deadline) {
  ReadFrame frame;
  unsigned char length[4];
  if (!read_exactly(fd, reinterpret_cast<char*>(length), 4, deadline, frame.status)) return frame;
  const qint64 size = qint64(length[0]) | qint64(length[1]) << 8 | qint64(length[2]) << 16 | qint64(length[3]) << 24;
  if (size > max_bytes) {
    frame.status = ReadStatus::too_large;
    return frame;
  }
  frame.payload.resize(static_cast<qsizetype>(size));
  if (!read_exactly(fd, frame.payload.data(), frame.payload.size(), deadline, frame.status)) {
    frame.payload.clear();
    return frame;
  }
  frame.status = ReadStatus::frame;
  return frame;
}

}  // namespace xun::core::extract_protocol
