// Evidence (files kept by content hash in the blob store, or links) and the portfolio that shows
// it by indicator, to its owner and to anyone holding a share link.
#include <algorithm>
#include <map>

#include "growth/records/service.h"
#include "growth/records/service_support.h"
#include "platform/auth/secrets.h"

namespace lodestar::growth::records {
namespace {

constexpr std::string_view kPortfolioType = "growth_portfolio";

// At most `limit` bytes, not cutting a UTF-8 sequence.
std::string clip(std::string text, std::size_t limit) {
  if (text.size() <= limit) return text;
  auto n = limit;
  while (n > 0 && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) --n;
  text.resize(n);
  return text;
}

}  // namespace

std::vector<EvidenceItem> Records::evidence(const auth::Principal& who) {
  const auto& person = require_person(who);
  return db_.read([&](store::Tx& tx) {
    std::vector<EvidenceItem> out;
    for (auto& row : db::evidence_of(tx, person)) {
      auto indicators = aligned(tx, kEvidenceType, row.id);
      out.push_back({std::move(row), std::move(indicators)});
    }
    return out;
  });
}

std::string Records::add_evidence(const auth::Principal& who, const EvidenceInput& given,
                                  audit::Event event) {
  const auto& person = require_person(who);
  auto input = given;
  input.indicators = unique_ids(input.indicators);
  auto problems = evidence_problems(input);
  bool is_file = input.file && !input.file->bytes.empty();
  std::optional<files::FileType> type;
  if (problems.empty() && is_file) {
    // By content, never by name or the browser's word (platform/files/blob_store.h).
    type = files::sniff(input.file->bytes);
    if (!type) problems.push_back({"file", "records.evidence.error.type", {}});
  }
  auto offered = db_.read([&](store::Tx& tx) { return offered_indicators(tx); });
  for (auto& p : unknown_indicators(offered, input.indicators)) problems.push_back(std::move(p));
  if (!problems.empty()) throw Invalid(std::move(problems));

  db::EvidenceRow row;
  row.id = auth::random_hex(16);
  row.person_id = person;
  row.title = input.title;
  if (is_file) {
    // Stored before the row: a blob whose row then fails to commit is unreferenced, never the
    // other way round.
    row.kind = "file";
    row.blob_hash = blobs_.put(input.file->bytes);
    row.mime = type->mime;
    row.size_bytes = static_cast<std::int64_t>(input.file->bytes.size());
    row.file_name = clip(input.file->name, kMaxTitle);
  } else {
    row.kind = "link";
    row.url = input.url;
  }
  return db_.write([&](store::Tx& tx) {
    row.created_at = now();
    db::insert_evidence(tx, row);
    align(tx, kEvidenceType, row.id, input.indicators, who);
    nlohmann::json detail = {{"kind", row.kind}, {"indicators", input.indicators.size()}};
    if (is_file) {
      detail["blob"] = row.blob_hash;
      detail["mime"] = row.mime;
      detail["size"] = row.size_bytes;
    }
    finish_event(tx, event, kEvidenceType, row.id, std::move(detail));
    return row.id;
  });
}

void Records::delete_evidence(const auth::Principal& who, const std::string& id,
                              audit::Event event) {
  const auto& person = require_person(who);
  db_.write([&](store::Tx& tx) {
    auto row = db::evidence(tx, id);
    if (!row || row->person_id != person) throw NotFound("error.not_found", "no evidence " + id);
    align(tx, kEvidenceType, id, {}, who);
    db::delete_evidence(tx, id);
    // The blob stays: another record may hold the same bytes, and blobs are never rewritten.
    finish_event(tx, event, kEvidenceType, id, {{"kind", row->kind}});
  });
}

EvidenceFile Records::file_of(const db::EvidenceRow& row) const {
  if (row.kind != "file") throw NotFound("error.not_found", "evidence " + row.id + " is a link");
  auto bytes = blobs_.get(row.blob_hash);
  if (!bytes) throw NotFound("error.not_found", "no blob for evidence " + row.id);
  auto type = files::sniff(*bytes);
  auto name = download_name(row.file_name, type ? type->extension : "bin");
  return {std::move(*bytes), row.mime, std::move(name)};
}

EvidenceFile Records::evidence_file(const auth::Principal& who, const std::string& id) {
  const auto& person = require_person(who);
  auto row = db_.read([&](store::Tx& tx) { return db::evidence(tx, id); });
  if (!row || row->person_id != person) throw NotFound("error.not_found", "no evidence " + id);
  return file_of(*row);
}

Portfolio Records::portfolio_of(store::Tx& tx, const std::string& person_id) {
  Portfolio out;
  out.owner_name = db::person_name(tx, person_id);
  for (auto& row : db::goals_of(tx, person_id)) {
    auto indicators = aligned(tx, kGoalType, row.id);
    out.goals.push_back({std::move(row), std::move(indicators)});
  }
  std::map<std::string, std::size_t> group_of;
  for (const auto& row : db::evidence_of(tx, person_id)) {
    auto indicators = aligned(tx, kEvidenceType, row.id);
    if (indicators.empty()) out.unaligned.push_back(row);
    for (const auto& indicator : indicators) {
      auto [at, added] = group_of.try_emplace(indicator.id, out.groups.size());
      if (added) out.groups.push_back({indicator, {}});
      out.groups[at->second].evidence.push_back(row);
    }
  }
  std::sort(out.groups.begin(), out.groups.end(),
            [](const Portfolio::Group& a, const Portfolio::Group& b) {
              return std::tie(a.indicator.framework_title, a.indicator.code) <
                     std::tie(b.indicator.framework_title, b.indicator.code);
            });
  return out;
}

Portfolio Records::portfolio(const auth::Principal& who) {
  const auto& person = require_person(who);
  return db_.read([&](store::Tx& tx) {
    auto out = portfolio_of(tx, person);
    out.share = db::active_share(tx, person);
    return out;
  });
}

std::string Records::share_portfolio(const auth::Principal& who, audit::Event event) {
  const auto& person = require_person(who);
  auto token = new_share_token();
  db_.write([&](store::Tx& tx) {
    auto at = now();
    auto revoked = db::revoke_shares(tx, person, at);
    db::ShareRow share{auth::random_hex(16), person, at};
    db::insert_share(tx, share, auth::sha256_hex(token));
    finish_event(tx, event, kPortfolioType, share.id, {{"person", person}, {"revoked", revoked}});
  });
  return token;
}

void Records::unshare_portfolio(const auth::Principal& who, audit::Event event) {
  const auto& person = require_person(who);
  db_.write([&](store::Tx& tx) {
    auto share = db::active_share(tx, person);
    if (!share) throw NotFound("error.not_found", "no share link");
    db::revoke_shares(tx, person, now());
    finish_event(tx, event, kPortfolioType, share->id, {{"person", person}});
  });
}

Portfolio Records::shared_portfolio(const std::string& token) {
  if (!is_share_token(token)) throw NotFound("error.not_found", "malformed share token");
  return db_.read([&](store::Tx& tx) {
    auto share = db::share_by_token_hash(tx, auth::sha256_hex(token));
    if (!share) throw NotFound("error.not_found", "unknown or revoked share token");
    return portfolio_of(tx, share->person_id);
  });
}

EvidenceFile Records::shared_file(const std::string& token, const std::string& evidence_id) {
  if (!is_share_token(token)) throw NotFound("error.not_found", "malformed share token");
  auto row = db_.read([&](store::Tx& tx) -> std::optional<db::EvidenceRow> {
    auto share = db::share_by_token_hash(tx, auth::sha256_hex(token));
    if (!share) return std::nullopt;
    auto found = db::evidence(tx, evidence_id);
    if (!found || found->person_id != share->person_id) return std::nullopt;
    return found;
  });
  if (!row) throw NotFound("error.not_found", "no such shared evidence");
  return file_of(*row);
}

std::map<std::string, std::vector<db::EvidenceRow>> evidence_by_indicator(
    store::Tx& tx, const frameworks::Alignments& alignments, const std::string& person_id) {
  std::map<std::string, std::vector<db::EvidenceRow>> out;
  for (const auto& row : db::evidence_of(tx, person_id)) {
    for (const auto& item : alignments.items_of(tx, std::string(kEvidenceType), row.id)) {
      out[item].push_back(row);
    }
  }
  return out;
}

}  // namespace lodestar::growth::records
