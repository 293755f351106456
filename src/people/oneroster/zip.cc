#include "people/oneroster/zip.h"

#include <zip.h>

#include <cstdio>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace lodestar::people {

namespace {

std::runtime_error zip_failure(const std::filesystem::path& archive, const std::string& why) {
  return std::runtime_error("Cannot read the zip " + archive.string() + ": " + why);
}

}  // namespace

void extract_csv_zip(const std::filesystem::path& archive, const std::filesystem::path& into) {
  int code = 0;
  std::unique_ptr<zip_t, decltype(&zip_discard)> zip(zip_open(archive.c_str(), ZIP_RDONLY, &code),
                                                     &zip_discard);
  if (!zip) {
    zip_error_t error;
    zip_error_init_with_code(&error, code);
    const std::string why = zip_error_strerror(&error);
    zip_error_fini(&error);
    throw zip_failure(archive, why);
  }
  const zip_int64_t entries = zip_get_num_entries(zip.get(), 0);
  std::vector<char> buffer(1 << 20);
  for (zip_int64_t i = 0; i < entries; ++i) {
    const char* raw = zip_get_name(zip.get(), static_cast<zip_uint64_t>(i), 0);
    if (raw == nullptr) continue;
    const std::string name = raw;
    if (name.find("..") != std::string::npos || !name.ends_with(".csv")) continue;
    const std::string base = std::filesystem::path(name).filename().string();
    if (base.empty() || base.starts_with(".")) continue;
    std::unique_ptr<zip_file_t, decltype(&zip_fclose)> in(
        zip_fopen_index(zip.get(), static_cast<zip_uint64_t>(i), 0), &zip_fclose);
    if (!in) throw zip_failure(archive, std::string(zip_strerror(zip.get())) + " (" + name + ")");
    const auto target = into / base;
    std::unique_ptr<std::FILE, decltype(&std::fclose)> out(std::fopen(target.c_str(), "wb"),
                                                           &std::fclose);
    if (!out) throw std::runtime_error("Cannot write " + target.string());
    for (;;) {
      const zip_int64_t n = zip_fread(in.get(), buffer.data(), buffer.size());
      if (n < 0)
        throw zip_failure(archive, std::string(zip_file_strerror(in.get())) + " (" + name + ")");
      if (n == 0) break;
      if (std::fwrite(buffer.data(), 1, static_cast<std::size_t>(n), out.get()) !=
          static_cast<std::size_t>(n)) {
        throw std::runtime_error("Cannot write " + target.string() + " (is the disk full?)");
      }
    }
  }
}

void write_csv_zip(const std::filesystem::path& folder, const std::filesystem::path& archive) {
  int code = 0;
  zip_t* zip = zip_open(archive.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &code);
  if (zip == nullptr) throw std::runtime_error("Cannot create the zip " + archive.string());
  for (const auto& entry : std::filesystem::directory_iterator(folder)) {
    if (entry.path().extension() != ".csv") continue;
    zip_source_t* source = zip_source_file(zip, entry.path().c_str(), 0, -1);
    if (source == nullptr || zip_file_add(zip, entry.path().filename().c_str(), source,
                                          ZIP_FL_OVERWRITE | ZIP_FL_ENC_UTF_8) < 0) {
      if (source != nullptr) zip_source_free(source);
      const std::string why = zip_strerror(zip);
      zip_discard(zip);
      throw std::runtime_error("Cannot add " + entry.path().string() + " to " + archive.string() +
                               ": " + why);
    }
  }
  if (zip_close(zip) != 0) {
    const std::string why = zip_strerror(zip);
    zip_discard(zip);
    throw std::runtime_error("Cannot write the zip " + archive.string() + ": " + why);
  }
}

}  // namespace lodestar::people
