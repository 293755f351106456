// The vision's and input rounds' use cases, each one unit of work that records its audit event
// in the same transaction. Throws NotFound for what does not exist, Conflict for a change the
// record's state refuses (editing an adopted version, answering a closed round) and Invalid for
// bad input (problems named by field).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "planning/vision/model.h"
#include "platform/audit/audit.h"
#include "platform/store/database.h"

namespace lodestar::planning::vision {

struct Overview {
  std::string org_id;
  std::optional<Version> adopted;
  std::vector<Version> versions;  // newest first, without parts
  std::vector<Round> rounds;
  std::vector<Change> changes;
};

// What a leader may open a round on: draft versions and plans.
struct Subject {
  std::string value, label;  // value: "version:<id>" | "plan:<id>"
  bool is_version = false;
  std::int64_t number = 0;
};

struct OpenedRound {
  std::string id;
  std::vector<std::pair<std::string, std::string>> links;  // audience, token (shown once)
};

struct RoundView {
  Round round;
  std::vector<RoundPart> parts;
  std::vector<std::string> invited;
  std::vector<std::pair<std::string, std::int64_t>> responses;  // per audience
  std::vector<Answer> answers;
  std::vector<Theme> themes;
  std::vector<Change> changes;
  std::vector<Version> versions;  // the district's, for "led to version …"
};

struct ChangeInput {
  std::string description, part_key, theme_id, version_id;
};

// What the public form behind a link shows.
struct InputForm {
  Round round;
  std::string audience;
  std::vector<RoundPart> parts;
  bool open = false;  // open, and today within its dates
};

class VisionService {
 public:
  // REQUIRES: db outlives the service.
  explicit VisionService(store::Database& db) : db_(db) {}

  Overview overview();
  Version version(std::string_view id);
  // Numbered after the latest and starting as its copy (or the usual headings for the first).
  std::string new_version(audit::Event event);
  void save_version(std::string_view id, const VersionInput& input, audit::Event event);
  void adopt(std::string_view id, audit::Event event);

  std::vector<Subject> subjects();
  OpenedRound open_round(const RoundInput& input, audit::Event event);
  // A fresh link for one invited group; the old one stops working. Returns the token.
  std::string new_link(std::string_view round_id, std::string_view audience, audit::Event event);
  // Closes or reopens a round; reopening may move its closing date (`closes_on`, or "" to keep
  // it). Invalid for a date that is not one or falls before the opening date.
  void set_status(std::string_view round_id, std::string_view status, std::string_view closes_on,
                  audit::Event event);
  RoundView round(std::string_view round_id);
  // Sets an answer's themes: those chosen plus, when `new_theme` is not blank, that one (made
  // when the round has none of that name).
  void tag(std::string_view round_id, std::string_view answer_id,
           const std::vector<std::string>& theme_ids, std::string_view new_theme,
           audit::Event event);
  void record_change(std::string_view round_id, const ChangeInput& input, audit::Event event);

  // NotFound for a link that does not exist.
  InputForm input_form(std::string_view token);
  // Conflict when the round is not open; Invalid for bad answers (`answers` in parts' order).
  void submit_input(std::string_view token, const std::vector<AnswerInput>& answers,
                    std::string_view language, audit::Event event);

 private:
  store::Database& db_;
};

}  // namespace lodestar::planning::vision
