#include "platform/audit/audit.h"

#include <atomic>
#include <cstdint>

#include <sodium.h>

#include <fmt/format.h>

#include "platform/csv.h"
#include "platform/log.h"

namespace lodestar::audit {
namespace {

// The id orders entries newest first: the time's digits, then a number that grows with every
// entry this process records (so two entries in the same millisecond keep their order), then
// random bytes (so app servers sharing a database never collide).
std::string compact_id(std::string_view at) {
  static std::atomic<std::uint64_t> sequence{0};
  std::string digits;
  for (char c : at) {
    if (c != '-' && c != ':' && c != '.') digits.push_back(c);
  }
  auto n = sequence.fetch_add(1, std::memory_order_relaxed);
  unsigned char bytes[3];
  randombytes_buf(bytes, sizeof bytes);
  return fmt::format("{}-{:012x}{:02x}{:02x}{:02x}", digits, n & 0xffffffffffffu, bytes[0],
                     bytes[1], bytes[2]);
}

store::Value text_or_null(const std::string& text) {
  if (text.empty()) return nullptr;
  return text;
}

}  // namespace

Event event_for(const http::Request& request, std::string action) {
  Event event;
  event.action = std::move(action);
  if (request.principal) {
    event.actor_account_id = request.principal->account_id;
    event.actor_label =
        request.principal->email.empty() ? request.principal->account_id : request.principal->email;
  } else {
    event.actor_label = "anonymous";
  }
  event.ip = request.remote_address;
  event.request_id = request.request_id;
  return event;
}

std::string record(store::Tx& tx, const Event& event, std::string_view at) {
  std::string when = at.empty() ? log::utc_timestamp() : std::string(at);
  std::string id = compact_id(when);
  tx.exec(R"(INSERT INTO audit_events (id, at, actor_account_id, actor_label, action, subject_type,
                                       subject_id, org_sourced_id, ip, request_id, detail)
             VALUES (:id, :at, :actor_account_id, :actor_label, :action, :subject_type,
                     :subject_id, :org, :ip, :request_id, :detail))",
          {{"id", id},
           {"at", when},
           {"actor_account_id", text_or_null(event.actor_account_id)},
           {"actor_label", event.actor_label.empty() ? std::string("system") : event.actor_label},
           {"action", event.action},
           {"subject_type", text_or_null(event.subject_type)},
           {"subject_id", text_or_null(event.subject_id)},
           {"org", text_or_null(event.org_id)},
           {"ip", text_or_null(event.ip)},
           {"request_id", text_or_null(event.request_id)},
           {"detail", event.detail.dump()}});
  return id;
}

std::vector<Entry> search(store::Tx& tx, const Filter& filter) {
  // Every condition is always present and switched off by an empty value, so the SQL is one
  // fixed text with named parameters.
  auto rows = tx.query(R"(
      SELECT id, at, actor_account_id, actor_label, action, subject_type, subject_id,
             org_sourced_id, ip, request_id, detail
      FROM audit_events
      WHERE (:action = '' OR substr(action, 1, length(:action)) = :action)
        AND (:actor = '' OR actor_label = :actor)
        AND (:subject = '' OR subject_id = :subject)
        AND (:from = '' OR substr(at, 1, 10) >= :from)
        AND (:to = '' OR substr(at, 1, 10) <= :to)
        AND (:before = '' OR id < :before)
      ORDER BY id DESC
      LIMIT :limit)",
                       {{"action", filter.action},
                        {"actor", filter.actor},
                        {"subject", filter.subject_id},
                        {"from", filter.from},
                        {"to", filter.to},
                        {"before", filter.before},
                        {"limit", static_cast<std::int64_t>(filter.limit)}});
  std::vector<Entry> entries;
  entries.reserve(rows.size());
  for (const auto& row : rows) {
    entries.push_back({row.text("id"), row.text("at"),
                       row.optional_text("actor_account_id").value_or(""), row.text("actor_label"),
                       row.text("action"), row.optional_text("subject_type").value_or(""),
                       row.optional_text("subject_id").value_or(""),
                       row.optional_text("org_sourced_id").value_or(""),
                       row.optional_text("ip").value_or(""),
                       row.optional_text("request_id").value_or(""), row.text("detail")});
  }
  return entries;
}

std::string to_csv(const std::vector<Entry>& entries) {
  std::string out = csv::row({"id", "at", "actor_account_id", "actor", "action", "subject_type",
                              "subject_id", "org", "ip", "request_id", "detail"});
  for (const auto& e : entries) {
    out += csv::row({e.id, e.at, e.actor_account_id, e.actor_label, e.action, e.subject_type,
                     e.subject_id, e.org_id, e.ip, e.request_id, e.detail});
  }
  return out;
}

}  // namespace lodestar::audit
