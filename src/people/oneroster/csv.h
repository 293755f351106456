// A streaming reader of RFC 4180 CSV, as OneRoster 1.1 bulk files are written: UTF-8 with an
// optional byte-order mark, fields separated by commas, quoted fields that may hold commas,
// doubled quotes and line breaks, records ended by CRLF or LF. One record is held at a time, so
// a file of millions of rows reads in constant memory.
#pragma once

#include <cstddef>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

namespace lodestar::people {

class CsvReader {
 public:
  // Opens `path`. Throws std::runtime_error naming the file when it cannot be opened.
  explicit CsvReader(const std::filesystem::path& path);
  ~CsvReader();
  CsvReader(const CsvReader&) = delete;
  CsvReader& operator=(const CsvReader&) = delete;

  // Reads the next record into `fields` (reusing their storage). Returns false at the end of the
  // file. A blank line is skipped. Sets error() when a quoted field is not closed properly.
  bool next(std::vector<std::string>& fields);
  // The line on which the record last returned by next() began (1-based).
  std::size_t line() const { return record_line_; }
  // Empty, or what was wrong with the record last returned (it is still returned, as read).
  const std::string& error() const { return error_; }
  std::size_t bytes_read() const { return consumed_; }
  std::size_t size() const { return size_; }

 private:
  int get();  // the next byte, or EOF
  int peek();

  std::FILE* file_ = nullptr;
  std::vector<char> buffer_;
  std::size_t pos_ = 0, end_ = 0, consumed_ = 0, size_ = 0;
  std::size_t line_ = 1, record_line_ = 0;
  std::string error_;
};

}  // namespace lodestar::people
