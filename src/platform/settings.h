// Settings of this installation: one text value per key in the `settings` table. The code that
// owns a key parses its value; a key that was never set has no value.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "platform/store/database.h"

namespace lodestar::settings {

std::optional<std::string> get(store::Tx& tx, std::string_view key);
// True only for "true" (the way flags are written).
bool flag(store::Tx& tx, std::string_view key);
void set(store::Tx& tx, std::string_view key, std::string_view value);

}  // namespace lodestar::settings
