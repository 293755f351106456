#include "platform/files/blob_store.h"

#include <unistd.h>
#include <zip.h>

#include <cstdio>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

namespace lodestar::files {
namespace {

using namespace std::string_view_literals;

// A fresh directory for one test, removed afterwards.
class TempDir {
 public:
  TempDir() {
    std::string name = (std::filesystem::temp_directory_path() / "lodestar-blobs-XXXXXX").string();
    if (::mkdtemp(name.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = name;
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

std::size_t count_files(const std::filesystem::path& root) {
  std::size_t files = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
    if (entry.is_regular_file()) ++files;
  }
  return files;
}

// A zip built in memory holding the named entries (each with a little content).
std::string zip_with(const std::vector<std::string>& names) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  if (buffer == nullptr) throw std::runtime_error("zip_source_buffer_create failed");
  zip_source_keep(buffer);
  zip_t* archive = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
  if (archive == nullptr) throw std::runtime_error("zip_open_from_source failed");
  static constexpr std::string_view kContent = "<?xml version=\"1.0\"?><x/>";
  for (const auto& name : names) {
    zip_source_t* entry = zip_source_buffer(archive, kContent.data(), kContent.size(), 0);
    if (entry == nullptr || zip_file_add(archive, name.c_str(), entry, ZIP_FL_ENC_UTF_8) < 0) {
      throw std::runtime_error("zip_file_add failed");
    }
  }
  if (zip_close(archive) != 0) throw std::runtime_error("zip_close failed");
  std::string bytes;
  zip_stat_t stat;
  zip_stat_init(&stat);
  if (zip_source_stat(buffer, &stat) != 0 || zip_source_open(buffer) != 0) {
    throw std::runtime_error("cannot reopen the zip buffer");
  }
  bytes.resize(stat.size);
  const zip_int64_t read = zip_source_read(buffer, bytes.data(), bytes.size());
  zip_source_close(buffer);
  zip_source_free(buffer);
  if (read != static_cast<zip_int64_t>(bytes.size())) throw std::runtime_error("short read");
  return bytes;
}

// The MIME type sniffed from `bytes`, or "" when they are refused.
std::string mime_of(std::string_view bytes) {
  const auto type = sniff(bytes);
  return type ? type->mime : "";
}

TEST(BlobStore, RoundTripsBytesUnderTheirSha256) {
  TempDir dir;
  BlobStore store(dir.path() / "blobs");
  const std::string bytes = "abc";
  const std::string id = store.put(bytes);
  EXPECT_EQ(id, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_TRUE(store.contains(id));
  EXPECT_EQ(store.get(id), bytes);
  EXPECT_TRUE(std::filesystem::is_regular_file(dir.path() / "blobs" / "ba" / "78" / id));
}

TEST(BlobStore, RoundTripsBinaryAndEmptyBytes) {
  TempDir dir;
  BlobStore store(dir.path());
  const std::string binary("\0\x01\xFF\0rest"sv);
  EXPECT_EQ(store.get(store.put(binary)), binary);
  EXPECT_EQ(store.get(store.put("")), "");
}

TEST(BlobStore, StoresTheSameBytesOnce) {
  TempDir dir;
  BlobStore store(dir.path());
  const std::string first = store.put("evidence");
  const std::string second = store.put("evidence");
  EXPECT_EQ(first, second);
  EXPECT_EQ(count_files(dir.path()), 1u);
  EXPECT_NE(store.put("other evidence"), first);
  EXPECT_EQ(count_files(dir.path()), 2u);
}

TEST(BlobStore, ConcurrentPutsOfTheSameBytesLeaveOneWholeBlob) {
  TempDir dir;
  BlobStore store(dir.path());
  const std::string bytes(256 * 1024, 'x');
  std::vector<std::thread> threads;
  std::vector<std::string> ids(4);
  for (std::size_t i = 0; i < ids.size(); ++i) {
    threads.emplace_back([&, i] { ids[i] = store.put(bytes); });
  }
  for (auto& thread : threads) thread.join();
  for (const auto& id : ids) EXPECT_EQ(id, ids[0]);
  EXPECT_EQ(count_files(dir.path()), 1u);
  EXPECT_EQ(store.get(ids[0]), bytes);
}

TEST(BlobStore, GetOfAMalformedIdTouchesNothing) {
  TempDir dir;
  BlobStore store(dir.path() / "blobs");
  std::filesystem::create_directories(dir.path() / "blobs");
  {
    std::unique_ptr<std::FILE, decltype(&std::fclose)> secret(
        std::fopen((dir.path() / "secret").c_str(), "wb"), &std::fclose);
    std::fputs("secret", secret.get());
  }
  EXPECT_EQ(store.get("../x"), std::nullopt);
  EXPECT_EQ(store.get("../secret"), std::nullopt);
  EXPECT_EQ(store.get("abc"), std::nullopt);
  EXPECT_EQ(store.get(""), std::nullopt);
  const std::string upper(64, 'A');
  EXPECT_EQ(store.get(upper), std::nullopt);
  const std::string traversal = "../../../" + std::string(55, 'a');
  EXPECT_EQ(store.get(traversal), std::nullopt);
  EXPECT_FALSE(store.contains("../secret"));
}

TEST(BlobStore, GetOfAnUnknownIdIsNothing) {
  TempDir dir;
  BlobStore store(dir.path() / "never-created");
  const std::string unknown(64, 'a');
  EXPECT_EQ(store.get(unknown), std::nullopt);
  EXPECT_FALSE(store.contains(unknown));
}

TEST(Sniff, RecognisesImagesAndPdfByContent) {
  EXPECT_EQ(mime_of("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n"sv), "application/pdf");
  EXPECT_EQ(mime_of("\x89PNG\r\n\x1A\n\0\0\0\rIHDR"sv), "image/png");
  EXPECT_EQ(mime_of("\xFF\xD8\xFF\xE0\0\x10JFIF\0"sv), "image/jpeg");
  EXPECT_EQ(mime_of("GIF89a\x01\0\x01\0"sv), "image/gif");
  EXPECT_EQ(mime_of("GIF87a\x01\0\x01\0"sv), "image/gif");
  const auto webp = sniff("RIFF\x24\0\0\0WEBPVP8 "sv);
  ASSERT_TRUE(webp);
  EXPECT_EQ(webp->mime, "image/webp");
  EXPECT_EQ(webp->extension, "webp");
  EXPECT_EQ(sniff("\x89PNG\r\n\x1A\n"sv).value().extension, "png");
  EXPECT_EQ(sniff("\xFF\xD8\xFF\xDB"sv).value().extension, "jpg");
}

TEST(Sniff, RejectsARiffThatIsNotWebp) {
  EXPECT_EQ(sniff("RIFF\x24\0\0\0WAVEfmt "sv), std::nullopt);
}

TEST(Sniff, RecognisesOfficeOpenXmlByItsParts) {
  const auto docx = sniff(zip_with({"[Content_Types].xml", "_rels/.rels", "word/document.xml"}));
  ASSERT_TRUE(docx);
  EXPECT_EQ(docx->mime, "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
  EXPECT_EQ(docx->extension, "docx");
  const auto xlsx = sniff(zip_with({"[Content_Types].xml", "xl/workbook.xml"}));
  ASSERT_TRUE(xlsx);
  EXPECT_EQ(xlsx->extension, "xlsx");
  EXPECT_EQ(xlsx->mime, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  const auto pptx = sniff(zip_with({"[Content_Types].xml", "ppt/presentation.xml"}));
  ASSERT_TRUE(pptx);
  EXPECT_EQ(pptx->extension, "pptx");
}

TEST(Sniff, RejectsAZipThatIsNotAnOfficeDocument) {
  EXPECT_EQ(sniff(zip_with({"word/document.xml"})), std::nullopt);  // no [Content_Types].xml
  EXPECT_EQ(sniff(zip_with({"[Content_Types].xml", "other/thing.xml"})), std::nullopt);
  EXPECT_EQ(sniff(zip_with({"readme.txt", "payload.exe"})), std::nullopt);
  EXPECT_EQ(sniff("PK\x03\x04 truncated"sv), std::nullopt);
}

TEST(Sniff, AcceptsPlainUtf8Text) {
  const auto text = sniff("Notes from the visit:\r\n\tcafé — ✓ 😀\n");
  ASSERT_TRUE(text);
  EXPECT_EQ(text->mime, "text/plain");
  EXPECT_EQ(text->extension, "txt");
  EXPECT_TRUE(sniff("1 < 2 and <b>bold</b> is only markup"));
  EXPECT_TRUE(sniff("<p>a fragment without anything active</p>"));
}

TEST(Sniff, RejectsAnExecutable) {
  EXPECT_EQ(sniff("MZ\x90\0\x03\0\0\0\x04\0\0\0\xFF\xFF\0\0"sv), std::nullopt);
  EXPECT_EQ(sniff("\x7F"
                  "ELF\x02\x01\x01"sv),
            std::nullopt);
}

TEST(Sniff, RejectsMarkupThatABrowserWouldRun) {
  EXPECT_EQ(sniff("<html><body><script>alert(1)</script></body></html>"), std::nullopt);
  EXPECT_EQ(sniff("  \n<div><SCRIPT src=//evil></SCRIPT></div>"), std::nullopt);
  EXPECT_EQ(sniff("<?xml version=\"1.0\"?><SVG onload=alert(1)/>"), std::nullopt);
  EXPECT_EQ(sniff("\xEF\xBB\xBF<!DOCTYPE html><HTML></HTML>"), std::nullopt);
}

TEST(Sniff, RejectsInvalidUtf8AndControlCharacters) {
  EXPECT_EQ(sniff("caf\xE9 in Latin-1"), std::nullopt);
  EXPECT_EQ(sniff("\xC0\xAF overlong slash"), std::nullopt);
  EXPECT_EQ(sniff("\xED\xA0\x80 surrogate"), std::nullopt);
  EXPECT_EQ(sniff("truncated \xE2\x82"), std::nullopt);
  EXPECT_EQ(sniff("nul\0inside"sv), std::nullopt);
  EXPECT_EQ(sniff("bell\a"), std::nullopt);
  EXPECT_EQ(sniff("escape \x1B[31m"), std::nullopt);
}

TEST(Sniff, RejectsAnEmptyFile) {
  EXPECT_EQ(sniff(""), std::nullopt);
}

}  // namespace
}  // namespace lodestar::files
