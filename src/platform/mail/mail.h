// E-mail: an outbox in the database and a sender that empties it over SMTP.
//
// A service that wants to send mail calls enqueue() inside its own transaction, so the change and
// the messages about it commit (or roll back) together. An Outbox worker then delivers what is
// queued through a Transport — SMTP through libcurl in production, a fake or a local sink in
// tests — and retries failures with exponential backoff. Delivery is at least once: a process
// that dies between a successful send and the status update sends that message again later.
//
// Addresses, subjects and bodies are personal data: they are stored in mail_outbox and sent, but
// never logged. Logs carry counts, message ids, kinds and error text.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

#include "platform/auth/clock.h"
#include "platform/store/database.h"

namespace lodestar::mail {

struct Message {
  std::string to;       // one bare address: "ana@example.org"
  std::string subject;  // UTF-8, one line
  std::string text;     // UTF-8 plain text; any line endings
  std::string kind;     // what it is for, dotted ("growth.invitation"): counted, never personal
};

// True for one bare address: one '@' with something on both sides, no spaces, control characters
// or any of <>,;"()[]\ — nothing that could end an SMTP command or a header, or add a recipient.
bool is_address(std::string_view text);

// Throws lodestar::Invalid (field "email") unless `message.to` is_address() and the subject is
// one line. Both end up in SMTP commands and headers: this is what stops header injection.
void validate(const Message& message);

// Queues `message` in the outbox inside the caller's transaction. `now_iso` is an ISO-8601 UTC
// time (auth::to_iso8601); the message is due at once. Returns the message's id.
// Throws Invalid as validate() does; nothing is written then.
std::string enqueue(store::Tx& tx, const Message& message, std::string_view now_iso);

// Messages still waiting to be sent (an operations view).
std::size_t count_queued(store::Tx& tx);

// Where messages go. Implementations are used from one thread at a time.
class Transport {
 public:
  virtual ~Transport();
  // Sends `message` from `from` ("noreply@district.org" or "Lodestar <noreply@district.org>").
  // Returns when the server accepted it; throws std::runtime_error saying why otherwise.
  virtual void send(const Message& message, const std::string& from) = 0;
};

struct SmtpOptions {
  std::string url;       // smtp://host:port or smtps://host:port; empty: mail is not sent
  std::string from;      // the sender, for OutboxOptions::from (send() takes it as an argument)
  std::string username;  // empty: no AUTH
  std::string password;
  bool require_tls = false;  // STARTTLS required on smtp:// (smtps:// is TLS from the start)
};

// SMTP through libcurl: STARTTLS or SMTPS, AUTH, a 10 s connect and 30 s overall timeout.
// Certificates are verified against the system's trust store.
class SmtpTransport final : public Transport {
 public:
  // Throws std::invalid_argument when the URL is not smtp:// or smtps://.
  explicit SmtpTransport(SmtpOptions options);
  void send(const Message& message, const std::string& from) override;

 private:
  SmtpOptions options_;
};

// An SmtpTransport for `options`, or nothing when no URL is configured.
std::unique_ptr<Transport> make_transport(const SmtpOptions& options);

// The RFC 5322 message for `message`: Date, From, To, Subject (RFC 2047 encoded words when not
// plain ASCII), Message-ID, MIME-Version and a text/plain UTF-8 body (7bit when it is short-lined
// ASCII, else quoted-printable), every line ending in CRLF. Dot-stuffing is left to the SMTP
// client. REQUIRES: validate(message) passed.
std::string compose(const Message& message, std::string_view from, auth::TimePoint at,
                    std::string_view message_id);

// After this many failed attempts a message is 'failed' and no longer retried.
inline constexpr int kMaxAttempts = 8;

// How long to wait after the `attempts`-th failure: 1, 2, 4 … minutes, at most an hour.
std::chrono::seconds retry_delay(int attempts);

// Sends up to `limit` queued messages that are due at `now`, oldest due first, and records each
// outcome: 'sent' with sent_at, or one more attempt with last_error and a later next_attempt_at
// ('failed' after kMaxAttempts). Each message is claimed (its next_attempt_at moved a few
// minutes on, so a second worker leaves it alone), sent outside any transaction, and updated in
// a small transaction of its own. Returns how many were sent. Throws only when the database does.
std::size_t deliver_pending(store::Database& db, Transport& transport, const std::string& from,
                            std::chrono::system_clock::time_point now, std::size_t limit = 50);

struct OutboxOptions {
  std::string from;                                              // the sender of every message
  std::chrono::milliseconds interval = std::chrono::seconds(5);  // between looks at the outbox
  std::size_t batch = 50;                                        // messages per look at most
};

// The background worker: a thread that calls deliver_pending() every `interval`, and at once
// after notify(), until it is destroyed. With no transport (no SMTP URL configured) it starts no
// thread and messages stay queued. REQUIRES: `db` and `clock` outlive the Outbox.
class Outbox {
 public:
  Outbox(store::Database& db, std::unique_ptr<Transport> transport, OutboxOptions options,
         const auth::Clock& clock = auth::SystemClock::instance());
  // Stops the worker: waits for the message being sent, if any (at most the SMTP timeout).
  ~Outbox();
  Outbox(const Outbox&) = delete;
  Outbox& operator=(const Outbox&) = delete;

  // Wakes the worker to look at the outbox now (call after a transaction that enqueued mail).
  void notify();
  bool enabled() const { return transport_ != nullptr; }

 private:
  void run();

  store::Database& db_;
  std::unique_ptr<Transport> transport_;
  OutboxOptions options_;
  const auth::Clock& clock_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool woken_ = false;                 // guarded by mutex_
  std::atomic<bool> stopping_{false};  // set under mutex_; read between messages as well
  std::thread worker_;
};

}  // namespace lodestar::mail
