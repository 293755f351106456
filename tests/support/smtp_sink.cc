#include <utility>  // before Asio: Boost 1.74 with GCC 12 in C++20 needs it (STACK.md)

#include "support/smtp_sink.h"

#include <sodium.h>

#include <algorithm>
#include <cctype>
#include <functional>

#include <boost/asio.hpp>

namespace lodestar::testing {
namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

// The address between < and > in "MAIL FROM:<a@b> SIZE=12"; empty when there is none.
std::string angle_address(std::string_view argument) {
  const auto open = argument.find('<');
  const auto close = argument.find('>', open == std::string_view::npos ? 0 : open);
  if (open == std::string_view::npos || close == std::string_view::npos) return {};
  return std::string(argument.substr(open + 1, close - open - 1));
}

std::string base64_decode(std::string_view text) {
  std::string out(text.size(), '\0');
  std::size_t length = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                        text.size(), " \t\r\n", &length, nullptr,
                        sodium_base64_VARIANT_ORIGINAL) != 0) {
    return std::string(text);  // not Base64: shown as it came, so a test sees what was wrong
  }
  out.resize(length);
  return out;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

// RFC 2045 §6.7, the other way.
std::string decode_quoted_printable(std::string_view body) {
  std::string out;
  for (std::size_t i = 0; i < body.size(); ++i) {
    if (body[i] != '=') {
      out.push_back(body[i]);
    } else if (body.substr(i + 1, 2) == "\r\n") {
      i += 2;  // a soft line break
    } else if (i + 2 < body.size() && hex_value(body[i + 1]) >= 0 && hex_value(body[i + 2]) >= 0) {
      out.push_back(static_cast<char>(hex_value(body[i + 1]) * 16 + hex_value(body[i + 2])));
      i += 2;
    } else {
      out.push_back('=');
    }
  }
  return out;
}

std::string crlf_to_lf(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') continue;
    out.push_back(text[i]);
  }
  return out;
}

ReceivedMail parse(std::string from, std::vector<std::string> recipients, std::string data) {
  ReceivedMail mail{std::move(from), std::move(recipients), std::move(data), {}, {}};
  mail.subject = decode_encoded_words(mail.header("Subject"));
  const auto split = mail.data.find("\r\n\r\n");
  std::string_view body = split == std::string::npos
                              ? std::string_view()
                              : std::string_view(mail.data).substr(split + 4);
  mail.text = iequals(mail.header("Content-Transfer-Encoding"), "quoted-printable")
                  ? crlf_to_lf(decode_quoted_printable(body))
                  : crlf_to_lf(body);
  return mail;
}

// One client connection: a reply to each command line, then the next line. Lives on the sink's
// thread only.
class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, std::function<void(ReceivedMail)> deliver)
      : socket_(std::move(socket)), deliver_(std::move(deliver)) {}

  void start() { reply("220 127.0.0.1 ESMTP Lodestar test sink\r\n"); }
  void close() {
    boost::system::error_code ignored;
    socket_.close(ignored);
  }

 private:
  void read_line() {
    asio::async_read_until(
        socket_, buffer_, "\r\n",
        [self = shared_from_this()](boost::system::error_code ec, std::size_t n) {
          if (ec) return;
          auto begin = asio::buffers_begin(self->buffer_.data());
          std::string line(begin, begin + static_cast<std::ptrdiff_t>(n - 2));
          self->buffer_.consume(n);
          self->on_line(line);
        });
  }

  void reply(std::string text, bool then_close = false) {
    auto message = std::make_shared<std::string>(std::move(text));
    asio::async_write(socket_, asio::buffer(*message),
                      [self = shared_from_this(), message, then_close](boost::system::error_code ec,
                                                                       std::size_t) {
                        if (ec) return;
                        if (then_close) {
                          self->close();
                        } else {
                          self->read_line();
                        }
                      });
  }

  void on_line(const std::string& line) {
    if (in_data_) return on_data_line(line);
    const auto space = line.find_first_of(" :");
    const std::string verb = line.substr(0, space);
    const std::string_view argument =
        space == std::string::npos ? std::string_view() : std::string_view(line).substr(space);
    if (iequals(verb, "EHLO")) {
      reply("250-127.0.0.1 hello\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n");
    } else if (iequals(verb, "HELO")) {
      reply("250 127.0.0.1 hello\r\n");
    } else if (iequals(verb, "MAIL")) {
      reset();
      from_ = angle_address(argument);
      has_sender_ = true;
      reply("250 2.1.0 OK\r\n");
    } else if (iequals(verb, "RCPT")) {
      if (!has_sender_) return reply("503 5.5.1 MAIL first\r\n");
      recipients_.push_back(angle_address(argument));
      reply("250 2.1.5 OK\r\n");
    } else if (iequals(verb, "DATA")) {
      if (recipients_.empty()) return reply("503 5.5.1 RCPT first\r\n");
      in_data_ = true;
      reply("354 End data with <CR><LF>.<CR><LF>\r\n");
    } else if (iequals(verb, "RSET")) {
      reset();
      reply("250 2.0.0 OK\r\n");
    } else if (iequals(verb, "NOOP")) {
      reply("250 2.0.0 OK\r\n");
    } else if (iequals(verb, "QUIT")) {
      reply("221 2.0.0 Bye\r\n", true);
    } else {
      reply("502 5.5.2 Command not implemented\r\n");
    }
  }

  // RFC 5321 §4.5.2: a line of one "." ends the data; any other leading "." was doubled.
  void on_data_line(const std::string& line) {
    if (line == ".") {
      in_data_ = false;
      deliver_(parse(from_, recipients_, std::move(data_)));
      reset();
      return reply("250 2.0.0 OK queued\r\n");
    }
    data_ += line.starts_with('.') ? line.substr(1) : line;
    data_ += "\r\n";
    read_line();
  }

  void reset() {
    has_sender_ = false;
    from_.clear();
    recipients_.clear();
    data_.clear();
  }

  tcp::socket socket_;
  asio::streambuf buffer_{1 << 20};
  std::function<void(ReceivedMail)> deliver_;
  bool in_data_ = false;
  bool has_sender_ = false;
  std::string from_;
  std::vector<std::string> recipients_;
  std::string data_;
};

}  // namespace

class SmtpSink::Impl {
 public:
  explicit Impl(SmtpSink& owner)
      : owner_(owner), acceptor_(ioc_, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)) {}

  void accept() {
    acceptor_.async_accept([this](boost::system::error_code ec, tcp::socket socket) {
      if (ec) return;  // closed: the sink is stopping
      auto session = std::make_shared<Session>(
          std::move(socket), [this](ReceivedMail mail) { owner_.received(std::move(mail)); });
      sessions_.push_back(session);
      session->start();
      accept();
    });
  }

  void close_all() {
    boost::system::error_code ignored;
    acceptor_.close(ignored);
    for (auto& weak : sessions_) {
      if (auto session = weak.lock()) session->close();
    }
  }

  SmtpSink& owner_;
  asio::io_context ioc_;
  tcp::acceptor acceptor_;
  std::vector<std::weak_ptr<Session>> sessions_;  // the sink's thread only
};

std::string ReceivedMail::header(std::string_view name) const {
  const auto end = data.find("\r\n\r\n");
  std::string_view headers =
      std::string_view(data).substr(0, end == std::string::npos ? 0 : end + 2);
  std::string value;
  bool inside = false;  // within the header asked for (its folded continuation lines too)
  while (!headers.empty()) {
    const auto eol = headers.find("\r\n");
    std::string_view line = headers.substr(0, eol);
    headers.remove_prefix(eol == std::string_view::npos ? headers.size() : eol + 2);
    if (!line.empty() && (line.front() == ' ' || line.front() == '\t')) {
      if (inside) value += line;  // RFC 5322 §2.2.3: unfolding removes only the CRLF
      continue;
    }
    if (inside) break;
    const auto colon = line.find(':');
    if (colon != std::string_view::npos && iequals(line.substr(0, colon), name)) {
      inside = true;
      std::string_view rest = line.substr(colon + 1);
      while (!rest.empty() && (rest.front() == ' ' || rest.front() == '\t')) rest.remove_prefix(1);
      value = rest;
    }
  }
  return value;
}

std::string decode_encoded_words(std::string_view header) {
  std::string out;
  std::string space;  // whitespace seen since the last word, kept unless between encoded words
  bool after_encoded = false;
  std::size_t i = 0;
  while (i < header.size()) {
    if (header.substr(i, 2) == "=?") {
      const auto q1 = header.find('?', i + 2);
      const auto q2 = q1 == std::string_view::npos ? q1 : header.find('?', q1 + 1);
      const auto end = q2 == std::string_view::npos ? q2 : header.find("?=", q2 + 1);
      if (end != std::string_view::npos && q2 == q1 + 2 &&
          (header[q1 + 1] == 'B' || header[q1 + 1] == 'b')) {
        if (!after_encoded) out += space;
        space.clear();
        out += base64_decode(header.substr(q2 + 1, end - q2 - 1));
        after_encoded = true;
        i = end + 2;
        continue;
      }
    }
    if (header[i] == ' ' || header[i] == '\t') {
      space.push_back(header[i++]);
      continue;
    }
    out += space;
    space.clear();
    out.push_back(header[i++]);
    after_encoded = false;
  }
  return out + space;
}

SmtpSink::SmtpSink() : impl_(std::make_unique<Impl>(*this)) {
  port_ = impl_->acceptor_.local_endpoint().port();
  impl_->accept();
  thread_ = std::thread([this] { impl_->ioc_.run(); });
}

SmtpSink::~SmtpSink() {
  asio::post(impl_->ioc_, [this] {
    impl_->close_all();
    impl_->ioc_.stop();
  });
  thread_.join();
  impl_.reset();  // handlers still pending are destroyed with the io_context, on this thread
}

std::string SmtpSink::url() const {
  return "smtp://127.0.0.1:" + std::to_string(port_);
}

bool SmtpSink::wait_for(std::size_t count, std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  return arrived_.wait_for(lock, timeout, [&] { return messages_.size() >= count; });
}

std::vector<ReceivedMail> SmtpSink::messages() const {
  std::lock_guard lock(mutex_);
  return messages_;
}

void SmtpSink::received(ReceivedMail mail) {
  {
    std::lock_guard lock(mutex_);
    messages_.push_back(std::move(mail));
  }
  arrived_.notify_all();
}

}  // namespace lodestar::testing
