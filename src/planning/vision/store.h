// The vision's and input rounds' SQL. Callers hold the transaction; ids are the callers'; `now`
// is ISO-8601 UTC text.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "planning/vision/model.h"
#include "platform/store/database.h"

namespace lodestar::planning::vision::db {

// The district the vision belongs to: the first organization of type district without a parent.
std::optional<std::string> district(store::Tx& tx);

// Versions newest first, without their parts.
std::vector<Version> versions(store::Tx& tx, std::string_view org_id);
// A version with its parts in order.
std::optional<Version> version(store::Tx& tx, std::string_view id);
std::optional<Version> latest_version(store::Tx& tx, std::string_view org_id);
std::optional<Version> adopted_version(store::Tx& tx, std::string_view org_id);
// Inserts the version and its parts (parts get new ids when theirs are empty).
void insert_version(store::Tx& tx, const Version& version);
// Sets the note and the parts: parts with an id of this version are updated in place (so
// answers and comparisons keep meaning), new ones inserted, missing ones deleted.
void update_version(store::Tx& tx, const Version& version);
// Makes `id` the adopted version of its district and supersedes the one adopted before and any
// older draft.
void adopt_version(store::Tx& tx, std::string_view org_id, std::string_view id,
                   std::string_view now);

std::vector<Round> rounds(store::Tx& tx, std::string_view org_id);
std::optional<Round> round(store::Tx& tx, std::string_view id);
void insert_round(store::Tx& tx, const Round& round);
// Sets the status and, when `closes_on` is not empty, the closing date.
void set_round_status(store::Tx& tx, std::string_view id, std::string_view status,
                      std::string_view closes_on, std::string_view now);

// Replaces the group's link (the old one stops working).
void put_link(store::Tx& tx, std::string_view round_id, std::string_view audience,
              std::string_view token_hash, std::string_view now);
struct Link {
  std::string round_id, audience;
};
std::optional<Link> link_by_hash(store::Tx& tx, std::string_view token_hash);
// The groups invited to a round, in audiences() order.
std::vector<std::string> invited(store::Tx& tx, std::string_view round_id);

struct NewAnswer {
  std::string part_key, part_label;
  std::int64_t position = 0;
  std::optional<int> rating;
  std::string comment;
};
void insert_response(store::Tx& tx, std::string_view round_id, std::string_view audience,
                     std::string_view language, const std::vector<NewAnswer>& answers,
                     std::string_view now);
// Responses per audience.
std::vector<std::pair<std::string, std::int64_t>> response_counts(store::Tx& tx,
                                                                  std::string_view round_id);
// Every answer of a round with its themes, by part then time.
std::vector<Answer> answers(store::Tx& tx, std::string_view round_id);
std::optional<Answer> answer(store::Tx& tx, std::string_view round_id, std::string_view id);

std::vector<Theme> themes(store::Tx& tx, std::string_view round_id);
// The theme of that name in the round, made when missing. Returns its id.
std::string theme_named(store::Tx& tx, std::string_view round_id, std::string_view name);
void set_tags(store::Tx& tx, std::string_view answer_id, const std::vector<std::string>& themes);

void insert_change(store::Tx& tx, const Change& change);
std::vector<Change> changes(store::Tx& tx, std::string_view round_id);
std::vector<Change> district_changes(store::Tx& tx, std::string_view org_id);

}  // namespace lodestar::planning::vision::db
