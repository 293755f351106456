// Content-addressed storage for the files people upload as evidence, and the check of what an
// upload really is.
//
// A blob's id is the lowercase hex SHA-256 of its bytes, so the same file uploaded twice is
// stored once, an id can never name different bytes, and an id taken from a URL or a form cannot
// reach outside the store: `get` and `contains` accept only 64 lowercase hex characters.
//
// Layout: root/ab/cd/abcd… (two levels of fan-out keep directories small). A blob is written to a
// temporary file in its final directory, flushed with fsync, then renamed into place, so a
// reader sees the whole blob or none of it, and two processes storing the same bytes at once are
// harmless. Blobs are never rewritten or deleted here.
//
// The type of an upload is decided by its content (`sniff`), never by its name or the browser's
// Content-Type: an upload with no recognised type is refused.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace lodestar::files {

// The largest evidence file accepted. The upload handler checks it before calling `put`; the
// store itself has no limit.
constexpr std::size_t kMaxEvidenceBytes = 20 * 1024 * 1024;

class BlobStore {
 public:
  // `root` need not exist yet; it is created on the first `put`.
  explicit BlobStore(std::filesystem::path root);

  // Stores `bytes` (if not already stored) and returns their id. Returns only once the blob is
  // durable. Throws std::system_error when the file system fails; nothing partial is left behind.
  std::string put(std::string_view bytes);

  // The bytes stored under `hash`, or nothing when `hash` is not a well-formed id or no blob has
  // it. Throws std::system_error when a stored blob cannot be read.
  std::optional<std::string> get(std::string_view hash) const;

  // True when a blob is stored under `hash` (false for a malformed id).
  bool contains(std::string_view hash) const;

  const std::filesystem::path& root() const { return root_; }

 private:
  std::filesystem::path path_of(std::string_view hash) const;

  std::filesystem::path root_;
};

// True for exactly 64 lowercase hex characters: the shape of a blob id.
bool is_blob_id(std::string_view text);

// What a file is, by its content: the MIME type to serve it with and the extension to name its
// downloads with (without a dot).
struct FileType {
  std::string mime;
  std::string extension;
};

// The type of `bytes`, or nothing when they are not a type accepted as evidence. Accepted: PDF,
// PNG, JPEG, GIF, WebP, Word/Excel/PowerPoint (Office Open XML: docx, xlsx, pptx) and plain text
// (valid UTF-8 without NUL or control characters other than tab, CR and LF). Text that begins
// like markup and contains <script, <svg or <html is refused, since a browser could be led to
// run it (stored XSS). An empty file is refused (a form sent without a file chosen).
std::optional<FileType> sniff(std::string_view bytes);

}  // namespace lodestar::files
