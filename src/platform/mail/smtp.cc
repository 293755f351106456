// The SMTP transport (libcurl) and the RFC 5322 message it sends.
#include <curl/curl.h>
#include <sodium.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <ctime>
#include <mutex>
#include <stdexcept>
#include <vector>

#include <fmt/format.h>

#include "platform/auth/secrets.h"
#include "platform/mail/mail.h"

namespace lodestar::mail {
namespace {

// RFC 5322 §2.1.1: a line is at most 998 characters before its CRLF.
constexpr std::size_t kLongestLine = 998;
// RFC 2047 §2: a line holding encoded words is at most 76 characters, and "=?UTF-8?B?" and "?="
// take 12 of them.
constexpr std::size_t kEncodedLine = 76;
constexpr std::size_t kWordOverhead = 12;

struct Mailbox {
  std::string display_name;  // may be empty
  std::string address;
};

// "Name <a@b>" or "a@b".
Mailbox parse_mailbox(std::string_view text) {
  auto trim = [](std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
  };
  const auto open = text.rfind('<');
  if (open == std::string_view::npos || text.back() != '>') return {{}, std::string(trim(text))};
  std::string_view name = trim(text.substr(0, open));
  if (name.size() >= 2 && name.front() == '"' && name.back() == '"') {
    name = name.substr(1, name.size() - 2);
  }
  return {std::string(name), std::string(text.substr(open + 1, text.size() - open - 2))};
}

std::string base64(std::string_view bytes) {
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(std::strlen(out.c_str()));
  return out;
}

// Printable ASCII that no mail reader would mistake for an encoded word.
bool plain_ascii(std::string_view text) {
  return text.find("=?") == std::string_view::npos &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= 0x20 && c < 0x7F; });
}

std::size_t utf8_length(unsigned char lead) {
  if (lead >= 0xF0 && lead <= 0xF7) return 4;
  if (lead >= 0xE0) return 3;
  if (lead >= 0xC0) return 2;
  return 1;
}

// RFC 2047 B-encoded words, folded one to a line, never splitting a UTF-8 character. `column` is
// where the first word starts ("Subject: " takes 9); later lines start after one space.
std::string encoded_words(std::string_view text, std::size_t column) {
  std::string out;
  std::size_t at = 0;
  while (at < text.size()) {
    // Base64 turns each 3 bytes into 4 characters.
    const std::size_t room = (kEncodedLine - (out.empty() ? column : 1) - kWordOverhead) / 4 * 3;
    std::size_t end = at;
    while (end < text.size()) {
      const std::size_t next =
          std::min(text.size(), end + utf8_length(static_cast<unsigned char>(text[end])));
      if (next - at > room && end > at) break;
      end = next;
    }
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + base64(text.substr(at, end - at)) + "?=";
    at = end;
  }
  return out;
}

// The value of header `name`: as it is when it is plain ASCII that fits on one line, else
// encoded words.
std::string header_text(std::string_view name, std::string_view text) {
  const std::size_t column = name.size() + 2;  // "Subject: "
  if (plain_ascii(text) && column + text.size() <= kLongestLine) return std::string(text);
  return encoded_words(text, column);
}

// The From header: a display name with RFC 5322 specials is quoted; a non-ASCII one encoded.
std::string from_header(const Mailbox& from) {
  if (from.display_name.empty()) return from.address;
  const std::string_view name = from.display_name;
  if (!plain_ascii(name)) return encoded_words(name, 6) + " <" + from.address + ">";  // "From: "
  if (name.find_first_of("()<>[]:;@\\,.\"") == std::string_view::npos) {
    return from.display_name + " <" + from.address + ">";
  }
  std::string quoted = "\"";
  for (char c : name) {
    if (c == '"' || c == '\\') quoted.push_back('\\');
    quoted.push_back(c);
  }
  return quoted + "\" <" + from.address + ">";
}

// RFC 5322 §3.3, in UTC and without the locale: "Wed, 14 Aug 2024 16:05:00 +0000".
std::string rfc5322_date(auth::TimePoint at) {
  static constexpr std::array<const char*, 7> kDays = {"Sun", "Mon", "Tue", "Wed",
                                                       "Thu", "Fri", "Sat"};
  static constexpr std::array<const char*, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const std::time_t t = std::chrono::system_clock::to_time_t(at);
  std::tm tm{};
  gmtime_r(&t, &tm);
  return fmt::format("{}, {:02} {} {:04} {:02}:{:02}:{:02} +0000", kDays.at(tm.tm_wday), tm.tm_mday,
                     kMonths.at(tm.tm_mon), tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

// The text's lines, whatever ended them (CRLF, LF or CR); a final line ending adds no line.
std::vector<std::string_view> lines_of(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find_first_of("\r\n", start);
    if (end == std::string_view::npos) end = text.size();
    lines.push_back(text.substr(start, end - start));
    if (end < text.size() && text[end] == '\r' && end + 1 < text.size() && text[end + 1] == '\n') {
      ++end;
    }
    start = end + 1;
  }
  return lines;
}

bool seven_bit(const std::vector<std::string_view>& lines) {
  return std::all_of(lines.begin(), lines.end(), [](std::string_view line) {
    return line.size() <= kLongestLine && std::all_of(line.begin(), line.end(), [](char c) {
             return c == '\t' || (c >= 0x20 && c < 0x7F);
           });
  });
}

// RFC 2045 §6.7: '=' and bytes outside printable ASCII as =XX, spaces and tabs kept except at
// the end of a line, and soft line breaks ("=" CRLF) keeping every line within 76 characters.
void append_quoted_printable(std::string& out, std::string_view line) {
  std::size_t column = 0;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const auto c = static_cast<unsigned char>(line[i]);
    const bool last = i + 1 == line.size();
    std::string token;
    if (((c == ' ' || c == '\t') && !last) || (c > 0x20 && c < 0x7F && c != '=')) {
      token.push_back(static_cast<char>(c));
    } else {
      token = fmt::format("={:02X}", c);
    }
    if (column + token.size() > 75) {
      out += "=\r\n";
      column = 0;
    }
    out += token;
    column += token.size();
  }
  out += "\r\n";
}

void ensure_curl() {
  static std::once_flag once;
  static CURLcode result = CURLE_OK;
  std::call_once(once, [] { result = curl_global_init(CURL_GLOBAL_DEFAULT); });
  if (result != CURLE_OK) {
    throw std::runtime_error(
        fmt::format("libcurl could not start: {}", curl_easy_strerror(result)));
  }
}

// curl_easy_setopt, failing loudly (an option this libcurl lacks is a setup problem).
template <typename Value>
void set(CURL* curl, CURLoption option, Value value) {
  if (CURLcode rc = curl_easy_setopt(curl, option, value); rc != CURLE_OK) {
    throw std::runtime_error(fmt::format("libcurl refused an option: {}", curl_easy_strerror(rc)));
  }
}

struct Upload {
  std::string_view data;
  std::size_t offset = 0;
};

std::size_t read_upload(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* upload = static_cast<Upload*>(user);
  const std::size_t n = std::min(size * count, upload->data.size() - upload->offset);
  std::memcpy(buffer, upload->data.data() + upload->offset, n);
  upload->offset += n;
  return n;
}

}  // namespace

std::string compose(const Message& message, std::string_view from, auth::TimePoint at,
                    std::string_view message_id) {
  const auto lines = lines_of(message.text);
  const bool plain = seven_bit(lines);
  std::string out;
  out += "Date: " + rfc5322_date(at) + "\r\n";
  out += "From: " + from_header(parse_mailbox(from)) + "\r\n";
  out += "To: " + message.to + "\r\n";
  out += "Subject: " + header_text("Subject", message.subject) + "\r\n";
  out += "Message-ID: <" + std::string(message_id) + ">\r\n";
  out += "MIME-Version: 1.0\r\n";
  out += "Content-Type: text/plain; charset=UTF-8\r\n";
  out += plain ? "Content-Transfer-Encoding: 7bit\r\n"
               : "Content-Transfer-Encoding: quoted-printable\r\n";
  out += "\r\n";
  for (std::string_view line : lines) {
    if (plain) {
      out.append(line);
      out += "\r\n";
    } else {
      append_quoted_printable(out, line);
    }
  }
  return out;
}

SmtpTransport::SmtpTransport(SmtpOptions options) : options_(std::move(options)) {
  if (!options_.url.starts_with("smtp://") && !options_.url.starts_with("smtps://")) {
    throw std::invalid_argument("the SMTP URL must start with smtp:// or smtps://");
  }
}

void SmtpTransport::send(const Message& message, const std::string& from) {
  validate(message);
  const Mailbox sender = parse_mailbox(from);
  if (!is_address(sender.address) || from.find_first_of("\r\n") != std::string::npos) {
    throw std::runtime_error("the sender (mail from) is not an e-mail address");
  }
  const std::string domain = sender.address.substr(sender.address.find('@') + 1);
  const std::string data =
      compose(message, from, std::chrono::system_clock::now(), auth::random_hex(16) + "@" + domain);

  ensure_curl();
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl) throw std::runtime_error("libcurl could not make a handle");
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> recipients(
      curl_slist_append(nullptr, ("<" + message.to + ">").c_str()), curl_slist_free_all);
  if (!recipients) throw std::runtime_error("libcurl could not list the recipient");
  const std::string mail_from = "<" + sender.address + ">";
  Upload upload{data};
  char error[CURL_ERROR_SIZE] = {};

  CURL* c = curl.get();
  set(c, CURLOPT_ERRORBUFFER, error);
  set(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  set(c, CURLOPT_URL, options_.url.c_str());
  set(c, CURLOPT_MAIL_FROM, mail_from.c_str());
  set(c, CURLOPT_MAIL_RCPT, recipients.get());
  set(c, CURLOPT_UPLOAD, 1L);
  set(c, CURLOPT_READFUNCTION, &read_upload);
  set(c, CURLOPT_READDATA, &upload);
  set(c, CURLOPT_CONNECTTIMEOUT, 10L);
  set(c, CURLOPT_TIMEOUT, 30L);
  // Signals for timeouts are not safe in a threaded server.
  set(c, CURLOPT_NOSIGNAL, 1L);
  if (options_.require_tls) set(c, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
  if (!options_.username.empty()) {
    set(c, CURLOPT_USERNAME, options_.username.c_str());
    set(c, CURLOPT_PASSWORD, options_.password.c_str());
  }
  // curl's messages name the failing step and the server's reply code ("RCPT failed: 550"),
  // never the password or the message.
  if (CURLcode rc = curl_easy_perform(c); rc != CURLE_OK) {
    throw std::runtime_error(
        fmt::format("SMTP: {}", error[0] != '\0' ? error : curl_easy_strerror(rc)));
  }
}

std::unique_ptr<Transport> make_transport(const SmtpOptions& options) {
  if (options.url.empty()) return nullptr;
  return std::make_unique<SmtpTransport>(options);
}

}  // namespace lodestar::mail
