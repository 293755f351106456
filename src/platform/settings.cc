#include "platform/settings.h"

#include "platform/auth/clock.h"

namespace lodestar::settings {

std::optional<std::string> get(store::Tx& tx, std::string_view key) {
  auto row =
      tx.query_one("SELECT value FROM settings WHERE key = :key", {{"key", std::string(key)}});
  if (!row) return std::nullopt;
  return row->text("value");
}

bool flag(store::Tx& tx, std::string_view key) {
  return get(tx, key).value_or("") == "true";
}

void set(store::Tx& tx, std::string_view key, std::string_view value) {
  store::Params params = {{"key", std::string(key)},
                          {"value", std::string(value)},
                          {"at", auth::to_iso8601(auth::SystemClock::instance().now())}};
  if (tx.exec("UPDATE settings SET value = :value, updated_at = :at WHERE key = :key", params) ==
      0) {
    tx.exec("INSERT INTO settings (key, value, updated_at) VALUES (:key, :value, :at)", params);
  }
}

}  // namespace lodestar::settings
