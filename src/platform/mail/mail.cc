#include "platform/mail/mail.h"

#include <algorithm>
#include <cstdint>
#include <exception>
#include <optional>
#include <stdexcept>
#include <vector>

#include "platform/auth/secrets.h"
#include "platform/errors.h"
#include "platform/log.h"

namespace lodestar::mail {
namespace {

// A claimed message is left alone by other workers this long: more than one send can take
// (a 10 s connect plus a 30 s transfer), so a crashed worker's message is retried after it.
constexpr std::chrono::minutes kClaim{5};
// last_error is for an operator to read, not a transcript.
constexpr std::size_t kErrorLimit = 1000;

struct Due {
  std::string id;
  Message message;
  int attempts = 0;
  std::string next_attempt_at;
};

struct Pass {
  std::size_t sent = 0;
  std::size_t tried = 0;
};

// At most `limit` bytes of `text`, cut at a UTF-8 character boundary (PostgreSQL refuses text
// that ends in half a character).
std::string truncated(std::string text, std::size_t limit) {
  if (text.size() <= limit) return text;
  std::size_t cut = limit;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  text.resize(cut);
  return text;
}

std::vector<Due> due_messages(store::Database& db, const std::string& now, std::size_t limit) {
  return db.read([&](store::Tx& tx) {
    auto rows = tx.query(R"(
        SELECT id, to_address, subject, body_text, kind, attempts, next_attempt_at
        FROM mail_outbox
        WHERE status = 'queued' AND next_attempt_at <= :now
        ORDER BY next_attempt_at, created_at
        LIMIT :limit)",
                         {{"now", now}, {"limit", static_cast<std::int64_t>(limit)}});
    std::vector<Due> due;
    due.reserve(rows.size());
    for (const auto& row : rows) {
      due.push_back(
          {row.text("id"),
           {row.text("to_address"), row.text("subject"), row.text("body_text"), row.text("kind")},
           static_cast<int>(row.integer("attempts")),
           row.text("next_attempt_at")});
    }
    return due;
  });
}

// Moves the message's next_attempt_at on, unless another worker did so first. True when this
// worker now owns the message.
bool claim(store::Database& db, const Due& due, const std::string& until) {
  return db.write([&](store::Tx& tx) {
    return tx.exec(R"(UPDATE mail_outbox SET next_attempt_at = :until
                      WHERE id = :id AND status = 'queued' AND next_attempt_at = :seen)",
                   {{"until", until}, {"id", due.id}, {"seen", due.next_attempt_at}}) == 1;
  });
}

void record_sent(store::Database& db, const Due& due, const std::string& now) {
  db.write([&](store::Tx& tx) {
    tx.exec(R"(UPDATE mail_outbox
               SET status = 'sent', sent_at = :now, attempts = :attempts, last_error = NULL
               WHERE id = :id)",
            {{"now", now}, {"attempts", std::int64_t{due.attempts + 1}}, {"id", due.id}});
  });
}

void record_failure(store::Database& db, const Due& due, auth::TimePoint now,
                    const std::string& error) {
  const int attempts = due.attempts + 1;
  const bool gave_up = attempts >= kMaxAttempts;
  const std::string next = auth::to_iso8601(gave_up ? now : now + retry_delay(attempts));
  const std::string text = truncated(error, kErrorLimit);
  db.write([&](store::Tx& tx) {
    tx.exec(R"(UPDATE mail_outbox
               SET status = :status, attempts = :attempts, next_attempt_at = :next,
                   last_error = :error
               WHERE id = :id)",
            {{"status", std::string(gave_up ? "failed" : "queued")},
             {"attempts", std::int64_t{attempts}},
             {"next", next},
             {"error", text},
             {"id", due.id}});
  });
  // The id and kind identify the message for an operator; the address and text stay out.
  log::warn("mail.send_failed", {{"id", due.id},
                                 {"kind", due.message.kind},
                                 {"attempts", attempts},
                                 {"gave_up", gave_up},
                                 {"error", text}});
}

// deliver_pending(), stopping between messages once `stop` is set (the Outbox's destructor).
Pass deliver(store::Database& db, Transport& transport, const std::string& from,
             auth::TimePoint now, std::size_t limit, const std::atomic<bool>* stop) {
  const std::string now_iso = auth::to_iso8601(now);
  const std::string claimed_until = auth::to_iso8601(now + kClaim);
  Pass pass;
  for (const Due& due : due_messages(db, now_iso, limit)) {
    if (stop && stop->load()) break;
    if (!claim(db, due, claimed_until)) continue;
    ++pass.tried;
    // The send happens outside any transaction: it may take seconds, and a transaction held
    // that long would block every other writer (SQLite has one).
    std::optional<std::string> error;
    try {
      transport.send(due.message, from);
    } catch (const std::exception& e) {
      error = e.what();
    }
    if (error) {
      record_failure(db, due, now, *error);
    } else {
      record_sent(db, due, now_iso);
      ++pass.sent;
    }
  }
  return pass;
}

}  // namespace

bool is_address(std::string_view text) {
  if (text.empty() || text.size() > 254) return false;
  const auto at = text.find('@');
  if (at == std::string_view::npos || at == 0 || at + 1 == text.size() ||
      text.find('@', at + 1) != std::string_view::npos) {
    return false;
  }
  constexpr std::string_view kForbidden = "<>,;\"()[]\\";
  return std::none_of(text.begin(), text.end(), [&](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte <= 0x20 || byte == 0x7F || kForbidden.find(c) != std::string_view::npos;
  });
}

void validate(const Message& message) {
  std::vector<FieldProblem> problems;
  if (!is_address(message.to)) problems.push_back({"email", "auth.error.email_invalid", {}});
  if (message.subject.find_first_of(std::string_view("\r\n\0", 3)) != std::string::npos) {
    problems.push_back({"email", "error.invalid", "the subject must be one line"});
  }
  if (!problems.empty()) throw Invalid(std::move(problems));
}

std::string enqueue(store::Tx& tx, const Message& message, std::string_view now_iso) {
  validate(message);
  if (message.kind.empty()) throw std::invalid_argument("mail::enqueue: a message needs a kind");
  std::string id = auth::random_hex(16);
  tx.exec(R"(INSERT INTO mail_outbox (id, created_at, to_address, subject, body_text, kind,
                                      status, attempts, next_attempt_at)
             VALUES (:id, :now, :to, :subject, :text, :kind, 'queued', 0, :now))",
          {{"id", id},
           {"now", std::string(now_iso)},
           {"to", message.to},
           {"subject", message.subject},
           {"text", message.text},
           {"kind", message.kind}});
  return id;
}

std::size_t count_queued(store::Tx& tx) {
  auto row = tx.query_one("SELECT COUNT(*) AS queued FROM mail_outbox WHERE status = 'queued'");
  return row ? static_cast<std::size_t>(row->integer("queued")) : 0;
}

Transport::~Transport() = default;

std::chrono::seconds retry_delay(int attempts) {
  constexpr std::chrono::seconds kLongest = std::chrono::hours(1);
  if (attempts < 1) return std::chrono::minutes(1);
  if (attempts > 7) return kLongest;  // 2^6 minutes is already past the cap
  return std::min<std::chrono::seconds>(std::chrono::minutes(1 << (attempts - 1)), kLongest);
}

std::size_t deliver_pending(store::Database& db, Transport& transport, const std::string& from,
                            std::chrono::system_clock::time_point now, std::size_t limit) {
  return deliver(db, transport, from, now, limit, nullptr).sent;
}

Outbox::Outbox(store::Database& db, std::unique_ptr<Transport> transport, OutboxOptions options,
               const auth::Clock& clock)
    : db_(db), transport_(std::move(transport)), options_(std::move(options)), clock_(clock) {
  if (!transport_) {
    log::info("mail.disabled", {{"reason", "no SMTP URL is configured; mail stays queued"}});
    return;
  }
  worker_ = std::thread([this] { run(); });
}

Outbox::~Outbox() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (worker_.joinable()) worker_.join();
}

void Outbox::notify() {
  {
    std::lock_guard lock(mutex_);
    woken_ = true;
  }
  wake_.notify_all();
}

void Outbox::run() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    woken_ = false;
    lock.unlock();
    bool more = false;
    try {
      Pass pass =
          deliver(db_, *transport_, options_.from, clock_.now(), options_.batch, &stopping_);
      if (pass.tried > 0) {
        log::info("mail.delivered", {{"sent", pass.sent}, {"failed", pass.tried - pass.sent}});
      }
      // A full batch means more may be due: look again at once rather than after the interval.
      more = pass.tried > 0 && pass.tried >= options_.batch;
    } catch (const std::exception& e) {
      // The database failed (it is down, or being migrated): try again after the interval.
      log::error("mail.outbox_failed", {{"error", e.what()}});
    }
    lock.lock();
    if (more) continue;
    wake_.wait_for(lock, options_.interval, [this] { return stopping_ || woken_; });
  }
}

}  // namespace lodestar::mail
