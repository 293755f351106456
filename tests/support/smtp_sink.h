// A local SMTP server for tests: the in-memory mail sink of STYLE.md ("replace the world, not the
// code"). It listens on 127.0.0.1 on an ephemeral port, speaks enough of RFC 5321 for libcurl
// (EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT; no TLS, no AUTH) and keeps every message it is
// given. Runs on a background thread from construction until destruction.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace lodestar::testing {

struct ReceivedMail {
  std::string from;                     // the envelope sender, without <>
  std::vector<std::string> recipients;  // envelope recipients, without <>
  std::string data;                     // the message as sent, dot-stuffing undone, CRLF lines
  std::string subject;                  // the Subject header, unfolded, RFC 2047 B-words decoded
  std::string text;                     // the body, transfer encoding undone, "\n" line endings

  // The first header of that name (case-insensitive), unfolded; empty when there is none.
  std::string header(std::string_view name) const;
};

class SmtpSink {
 public:
  // Starts listening. Throws when no port can be had.
  SmtpSink();
  // Closes every connection and stops the thread.
  ~SmtpSink();
  SmtpSink(const SmtpSink&) = delete;
  SmtpSink& operator=(const SmtpSink&) = delete;

  std::uint16_t port() const { return port_; }
  // "smtp://127.0.0.1:PORT"
  std::string url() const;

  // Waits until at least `count` messages have arrived, or `timeout` has passed. Returns whether
  // they arrived.
  bool wait_for(std::size_t count, std::chrono::milliseconds timeout = std::chrono::seconds(30));
  // Every message received so far, in order of arrival.
  std::vector<ReceivedMail> messages() const;

  class Impl;

 private:
  void received(ReceivedMail mail);

  std::unique_ptr<Impl> impl_;
  std::uint16_t port_ = 0;
  mutable std::mutex mutex_;
  std::condition_variable arrived_;
  std::vector<ReceivedMail> messages_;
  std::thread thread_;
};

// The text of `header` with RFC 2047 B-encoded words decoded (Q-encoded ones are left as they
// are) and the whitespace between adjacent encoded words dropped (RFC 2047 §6.2).
std::string decode_encoded_words(std::string_view header);

}  // namespace lodestar::testing
