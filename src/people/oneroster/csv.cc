#include "people/oneroster/csv.h"

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace lodestar::people {

namespace {
constexpr std::size_t kBufferSize = 1 << 20;
}

CsvReader::CsvReader(const std::filesystem::path& path) : buffer_(kBufferSize) {
  file_ = std::fopen(path.c_str(), "rb");
  if (file_ == nullptr) {
    throw std::runtime_error("Cannot open " + path.string() + ": " + std::strerror(errno));
  }
  std::error_code ignored;
  size_ = static_cast<std::size_t>(std::filesystem::file_size(path, ignored));
  // RFC 4180 does not know a byte-order mark, but spreadsheet programs write one.
  if (peek() == 0xEF) {
    if (end_ - pos_ >= 3 && static_cast<unsigned char>(buffer_[pos_ + 1]) == 0xBB &&
        static_cast<unsigned char>(buffer_[pos_ + 2]) == 0xBF) {
      pos_ += 3;
      consumed_ += 3;
    }
  }
}

CsvReader::~CsvReader() {
  if (file_ != nullptr) std::fclose(file_);
}

int CsvReader::peek() {
  if (pos_ == end_) {
    end_ = std::fread(buffer_.data(), 1, buffer_.size(), file_);
    pos_ = 0;
    if (end_ == 0) return EOF;
  }
  return static_cast<unsigned char>(buffer_[pos_]);
}

int CsvReader::get() {
  const int c = peek();
  if (c != EOF) {
    ++pos_;
    ++consumed_;
  }
  return c;
}

bool CsvReader::next(std::vector<std::string>& fields) {
  error_.clear();
  // Skip blank lines between records.
  for (;;) {
    const int c = peek();
    if (c == EOF) return false;
    if (c == '\n') {
      get();
      ++line_;
    } else if (c == '\r') {
      get();
    } else {
      break;
    }
  }
  record_line_ = line_;
  std::size_t count = 0;
  auto field = [&]() -> std::string& {
    if (count == fields.size()) fields.emplace_back();
    std::string& f = fields[count++];
    f.clear();
    return f;
  };
  std::string* current = &field();
  bool at_field_start = true;
  for (;;) {
    int c = peek();
    if (c == EOF || c == '\n') {
      if (c == '\n') {
        get();
        ++line_;
      }
      if (!current->empty() && current->back() == '\r') current->pop_back();
      break;
    }
    if (c == ',') {
      get();
      current = &field();
      at_field_start = true;
      continue;
    }
    if (c == '"' && at_field_start) {
      get();
      // A quoted field: up to the closing quote; "" is one quote.
      for (;;) {
        c = get();
        if (c == EOF) {
          if (error_.empty()) error_ = "a quoted field is not closed before the end of the file";
          break;
        }
        if (c == '"') {
          if (peek() == '"') {
            get();
            current->push_back('"');
            continue;
          }
          break;
        }
        if (c == '\n') ++line_;
        current->push_back(static_cast<char>(c));
      }
      const int after = peek();
      if (after != ',' && after != '\n' && after != '\r' && after != EOF && error_.empty()) {
        error_ = "text follows the closing quote of a field (write a quote inside a field as \"\")";
      }
      at_field_start = false;
      continue;
    }
    // A run of plain bytes, copied at once, up to the next comma, the line's end or the end of
    // what is buffered (a quote here is an ordinary character, as RFC 4180 readers take it).
    const char* begin = buffer_.data() + pos_;
    const char* stop = buffer_.data() + end_;
    const char* p = begin;
    while (p < stop && *p != ',' && *p != '\n') ++p;
    const auto n = static_cast<std::size_t>(p - begin);
    current->append(begin, n);
    pos_ += n;
    consumed_ += n;
    at_field_start = false;
  }
  fields.resize(count);
  return true;
}

}  // namespace lodestar::people
