#include "server/table_follower.h"

#include <fmt/format.h>

#include <utility>
#include <variant>
#include <vector>

namespace salesflow {
namespace {

// The txn version for `app_id` set by one commit, if it sets one.
std::optional<int64_t> CommitTxn(const std::vector<delta::Action>& actions,
                                 const std::string& app_id) {
  std::optional<int64_t> found;
  for (const delta::Action& action : actions) {
    if (const auto* txn = std::get_if<delta::Txn>(&action); txn && txn->app_id == app_id) {
      found = txn->version;
    }
  }
  return found;
}

}  // namespace

TableFollower::TableFollower(std::string name, std::unique_ptr<delta::Storage> storage,
                             std::string app_id)
    : name_(std::move(name)), storage_(std::move(storage)), app_id_(std::move(app_id)) {}

std::optional<int64_t> TableFollower::latest_bronze() const {
  if (!latest_) return std::nullopt;
  return latest_->TxnVersion(app_id_);
}

void TableFollower::Remember(int64_t bronze, delta::TableVersion version) {
  auto [it, inserted] = by_bronze_.try_emplace(bronze, version);
  if (!inserted && it->second < version) it->second = version;
  while (by_bronze_.size() > kMaxRemembered) by_bronze_.erase(by_bronze_.begin());
}

Status TableFollower::ReadHistory() {
  // The bronze version each recent table version holds: the txn of the newest commit at or
  // before it that sets one (commits without it, e.g. OPTIMIZE, keep it). Read the recent
  // commits, then replay their txns forward from the state just before the oldest.
  int64_t newest = latest_->version().value();
  int64_t oldest = newest + 1;
  std::vector<std::optional<int64_t>> set_by;  // newest first
  while (oldest > 0 && newest - oldest + 1 < kHistoryCommits) {
    auto actions = delta::ReadCommit(*storage_, delta::TableVersion(oldest - 1));
    if (!actions.ok()) {
      if (actions.status().code() == StatusCode::kNotFound) break;  // cleaned up
      return actions.status().WithContext(fmt::format("{}: reading version {}", name_, oldest - 1));
    }
    set_by.push_back(CommitTxn(*actions, app_id_));
    --oldest;
  }
  std::optional<int64_t> bronze;
  if (oldest > 0) {
    auto before = delta::LoadSnapshot(*storage_, {.version = delta::TableVersion(oldest - 1),
                                                  .checkpoint_reader = &checkpoint_reader_});
    if (before.ok()) bronze = before->TxnVersion(app_id_);
  }
  for (int64_t v = oldest; v <= newest; ++v) {
    const std::optional<int64_t>& set = set_by[static_cast<size_t>(newest - v)];
    if (set) bronze = set;
    if (!bronze) continue;
    if (!by_bronze_.empty() && *bronze < by_bronze_.rbegin()->first) by_bronze_.clear();
    Remember(*bronze, delta::TableVersion(v));
  }
  if (std::optional<int64_t> latest = latest_->TxnVersion(app_id_)) {
    Remember(*latest, latest_->version());
  }
  return Status::Ok();
}

Result<bool> TableFollower::Poll() {
  if (!latest_) {
    auto snapshot = delta::LoadSnapshot(*storage_, {.checkpoint_reader = &checkpoint_reader_});
    if (!snapshot.ok()) return snapshot.status().WithContext(name_);
    latest_ = std::move(*snapshot);
    SF_RETURN_IF_ERROR(ReadHistory());
    return true;
  }
  bool moved = false;
  while (true) {
    delta::TableVersion next(latest_->version().value() + 1);
    auto actions = delta::ReadCommit(*storage_, next);
    if (!actions.ok()) {
      if (actions.status().code() == StatusCode::kNotFound) break;
      return actions.status().WithContext(fmt::format("{}: reading version {}", name_, next));
    }
    SF_RETURN_IF_ERROR(latest_->Apply(next, *actions).WithContext(name_));
    moved = true;
    if (std::optional<int64_t> bronze = latest_->TxnVersion(app_id_)) {
      // Going backwards means silver started over (a new bronze table): what it recorded
      // before no longer describes the same bronze history.
      if (!by_bronze_.empty() && *bronze < by_bronze_.rbegin()->first) by_bronze_.clear();
      Remember(*bronze, next);
    }
  }
  return moved;
}

Result<delta::Snapshot> TableFollower::SnapshotAt(delta::TableVersion version) {
  if (latest_ && latest_->version() == version) return *latest_;
  auto snapshot = delta::LoadSnapshot(
      *storage_, {.version = version, .checkpoint_reader = &checkpoint_reader_});
  if (!snapshot.ok()) {
    return snapshot.status().WithContext(fmt::format("{}: loading version {}", name_, version));
  }
  return snapshot;
}

}  // namespace salesflow
