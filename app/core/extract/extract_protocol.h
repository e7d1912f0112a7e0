// How the indexer and xun-extract-worker talk, over one socket that is the worker's standard
// input and output: a request frame per document, a response frame back. A frame is a 4-byte
// little-endian length, then a QDataStream payload. Paths travel as the file system's bytes
// (to_fs_path(path).native()), so that names which are not UTF-8 reach the worker intact.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <chrono>

#include "extract/extract.h"

namespace xun::core::extract_protocol {

struct Request {
  QByteArray path;  // the file's name as bytes
  ExtractOptions options;
};

QByteArray encode_request(const Request& request);
Result<Request> decode_request(QByteArrayView payload);

// A response carries the document or the error that extract_document() returned.
QByteArray encode_response(const Result<ExtractedDocument>& document);
Result<Result<ExtractedDocument>> decode_response(QByteArrayView payload);

// Writes the whole frame; an error when the other side has gone (never SIGPIPE).
Result<void> write_frame(int fd, QByteArrayView payload);

enum class ReadStatus { frame, closed, timed_out, too_large };
struct ReadFrame {
  ReadStatus status = ReadStatus::closed;
  QByteArray payload;
};
// Reads one frame, waiting until `deadline` at most (time_point::max(): no deadline). A frame
// longer than `max_bytes` is not read (the other side is broken).
ReadFrame read_frame(int fd, qint64 max_bytes,
                     std::chrono::steady_clock::time_point deadline = std::chrono::steady_clock::time_point::max());

}  // namespace xun::core::extract_protocol
