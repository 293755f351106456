#include "platform/files/blob_store.h"

#include <fcntl.h>
#include <unistd.h>
#include <zip.h>

#include <algorithm>
#include <cerrno>
#include <memory>
#include <new>
#include <stdexcept>
#include <system_error>
#include <utility>

#include "platform/auth/secrets.h"
#include "platform/utf8.h"

namespace lodestar::files {
namespace {

std::system_error os_failure(const std::string& what, const std::filesystem::path& path) {
  return std::system_error(errno, std::generic_category(), what + " " + path.string());
}

// Closes a descriptor when it goes out of scope (the success path closes it first, to see the
// error close may report).
struct Descriptor {
  int fd = -1;
  ~Descriptor() {
    if (fd >= 0) ::close(fd);
  }
  int release() { return std::exchange(fd, -1); }
};

void write_all(int fd, std::string_view bytes, const std::filesystem::path& path) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      throw os_failure("Cannot write", path);
    }
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
}

std::string read_all(int fd, const std::filesystem::path& path) {
  std::string bytes;
  char buffer[1 << 16];
  for (;;) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw os_failure("Cannot read", path);
    }
    if (n == 0) return bytes;
    bytes.append(buffer, static_cast<std::size_t>(n));
  }
}

// A rename or a new entry is durable only once its directory is flushed too.
void sync_directory(const std::filesystem::path& directory) {
  Descriptor dir{::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)};
  if (dir.fd < 0 || ::fsync(dir.fd) != 0) throw os_failure("Cannot flush the directory", directory);
}

// Writes `bytes` to a new temporary file in `directory`, flushed to disk; returns its path.
std::filesystem::path write_temporary(const std::filesystem::path& directory,
                                      std::string_view bytes) {
  std::string name = (directory / ".incoming-XXXXXX").string();
  Descriptor file{::mkostemp(name.data(), O_CLOEXEC)};
  if (file.fd < 0) throw os_failure("Cannot create a temporary file in", directory);
  const std::filesystem::path path = name;
  try {
    write_all(file.fd, bytes, path);
    if (::fsync(file.fd) != 0) throw os_failure("Cannot flush", path);
    if (::close(file.release()) != 0) throw os_failure("Cannot close", path);
  } catch (...) {
    std::error_code ignored;  // the original failure is the one worth reporting
    std::filesystem::remove(path, ignored);
    throw;
  }
  return path;
}

}  // namespace

bool is_blob_id(std::string_view text) {
  return text.size() == 64 && std::all_of(text.begin(), text.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

BlobStore::BlobStore(std::filesystem::path root) : root_(std::move(root)) {}

std::filesystem::path BlobStore::path_of(std::string_view hash) const {
  return root_ / hash.substr(0, 2) / hash.substr(2, 2) / hash;
}

std::string BlobStore::put(std::string_view bytes) {
  std::string hash = auth::sha256_hex(bytes);  // lowercase hex
  const std::filesystem::path target = path_of(hash);
  const std::filesystem::path directory = target.parent_path();
  if (std::filesystem::exists(target)) return hash;  // the same bytes, already durable

  const bool created = std::filesystem::create_directories(directory);
  const std::filesystem::path temporary = write_temporary(directory, bytes);
  // rename() replaces atomically: a concurrent put of the same bytes leaves identical contents.
  if (::rename(temporary.c_str(), target.c_str()) != 0) {
    const auto failure = os_failure("Cannot move a blob into place at", target);
    std::error_code ignored;
    std::filesystem::remove(temporary, ignored);
    throw failure;
  }
  sync_directory(directory);
  if (created) {
    sync_directory(directory.parent_path());
    sync_directory(root_);
  }
  return hash;
}

std::optional<std::string> BlobStore::get(std::string_view hash) const {
  if (!is_blob_id(hash)) return std::nullopt;
  const std::filesystem::path path = path_of(hash);
  Descriptor file{::open(path.c_str(), O_RDONLY | O_CLOEXEC)};
  if (file.fd < 0) {
    if (errno == ENOENT || errno == ENOTDIR) return std::nullopt;
    throw os_failure("Cannot open", path);
  }
  return read_all(file.fd, path);
}

bool BlobStore::contains(std::string_view hash) const {
  return is_blob_id(hash) && std::filesystem::is_regular_file(path_of(hash));
}

// --- Sniffing -------------------------------------------------------------------------------

namespace {

bool is_control(char32_t c) {
  if (c == '\t' || c == '\r' || c == '\n') return false;
  return c < 0x20 || (c >= 0x7F && c <= 0x9F);  // C0, DEL and C1
}

bool is_plain_text(std::string_view bytes) {
  while (!bytes.empty()) {
    char32_t c = 0;
    const std::size_t length = utf8::decode(bytes, c);
    if (length == 0 || is_control(c)) return false;
    bytes.remove_prefix(length);
  }
  return true;
}

std::string ascii_lower(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return lower;
}

// Markup a browser might render and run if it ever ignored our Content-Type (stored XSS).
bool looks_like_active_markup(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);  // a byte order mark
  const auto start = text.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos || text[start] != '<') return false;
  const std::string lower = ascii_lower(text);
  return lower.find("<script") != std::string::npos || lower.find("<svg") != std::string::npos ||
         lower.find("<html") != std::string::npos;
}

// Office Open XML (ECMA-376 Part 2): a zip with [Content_Types].xml at its root, and the main
// part under word/, xl/ or ppt/. Only the central directory is read, never the entries.
std::optional<FileType> sniff_office(std::string_view bytes) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (source == nullptr) {
    zip_error_fini(&error);
    throw std::bad_alloc();
  }
  zip_t* opened = zip_open_from_source(source, ZIP_RDONLY, &error);
  zip_error_fini(&error);
  if (opened == nullptr) {
    zip_source_free(source);
    return std::nullopt;  // not a readable zip: not an accepted type
  }
  std::unique_ptr<zip_t, decltype(&zip_discard)> archive(opened, &zip_discard);
  bool content_types = false, word = false, excel = false, powerpoint = false;
  const zip_int64_t entries = zip_get_num_entries(archive.get(), 0);
  for (zip_int64_t i = 0; i < entries; ++i) {
    const char* raw = zip_get_name(archive.get(), static_cast<zip_uint64_t>(i), 0);
    if (raw == nullptr) continue;
    const std::string_view name = raw;
    content_types = content_types || name == "[Content_Types].xml";
    word = word || name.starts_with("word/");
    excel = excel || name.starts_with("xl/");
    powerpoint = powerpoint || name.starts_with("ppt/");
  }
  if (!content_types) return std::nullopt;
  if (word) {
    return FileType{"application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                    "docx"};
  }
  if (excel)
    return FileType{"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"};
  if (powerpoint) {
    return FileType{"application/vnd.openxmlformats-officedocument.presentationml.presentation",
                    "pptx"};
  }
  return std::nullopt;
}

}  // namespace

std::optional<FileType> sniff(std::string_view bytes) {
  using namespace std::string_view_literals;
  if (bytes.empty()) return std::nullopt;
  if (bytes.starts_with("%PDF-")) return FileType{"application/pdf", "pdf"};
  if (bytes.starts_with("\x89PNG\r\n\x1A\n"sv)) return FileType{"image/png", "png"};
  if (bytes.starts_with("\xFF\xD8\xFF"sv)) return FileType{"image/jpeg", "jpg"};
  if (bytes.starts_with("GIF87a") || bytes.starts_with("GIF89a")) {
    return FileType{"image/gif", "gif"};
  }
  if (bytes.size() >= 12 && bytes.starts_with("RIFF") && bytes.substr(8, 4) == "WEBP") {
    return FileType{"image/webp", "webp"};
  }
  if (bytes.starts_with("PK\x03\x04"sv)) return sniff_office(bytes);
  if (is_plain_text(bytes) && !looks_like_active_markup(bytes)) {
    return FileType{"text/plain", "txt"};
  }
  return std::nullopt;
}

}  // namespace lodestar::files
