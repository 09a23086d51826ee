#pragma once

#include <memory>
#include <string>
#include <vector>

#include "kafka/client_config.h"
#include "kafka/consumer.h"
#include "kafka/consumer_client.h"

namespace salesflow {

// Told when the group moves partitions to or from this member. Called from inside Poll, on the
// polling thread, before the change takes effect.
class RebalanceListener {
 public:
  virtual ~RebalanceListener() = default;
  // `partitions` are being added to this member. Set an entry's offset to start reading there
  // (e.g. the offset after the last one written downstream); leave kOffsetStored to start at
  // the group's committed offset (or the earliest when none). An error is returned by Poll.
  virtual Status OnAssigned(std::vector<PartitionOffset>& partitions) = 0;
  // `partitions` are leaving this member: flush or drop their buffered work now, it must not
  // be committed by this member after returning. `lost` is true when they were taken away
  // without a clean revoke (session timeout): another member may already own them.
  virtual Status OnRevoked(const std::vector<PartitionOffset>& partitions, bool lost) = 0;
};

// How the group hands out partitions.
enum class RebalanceProtocol {
  kCooperative,  // cooperative-sticky: only moved partitions are revoked (incremental)
  kEager,        // range: every partition is revoked and reassigned on each rebalance
};

// Where and how a GroupConsumer reads.
struct GroupConsumerOptions {
  std::string brokers;                  // bootstrap.servers
  std::string topic = "ventes_stream";  // topic subscribed to
  std::string group_id;                 // consumer group (bronze: salesflow-bronze)
  RebalanceProtocol protocol = RebalanceProtocol::kCooperative;  // see RebalanceProtocol
  std::vector<ClientProperty> properties;  // user pass-through properties; they win over ours
};

// A consumer-group member with manual offsets: auto-commit is off, the caller commits what it
// has durably written (Commit) or keeps offsets elsewhere (bronze: in the Delta log) and seeks
// on assignment through its RebalanceListener.
class GroupConsumer final : public Consumer {
 public:
  // Creates the client and subscribes; the group is joined during the first Polls.
  // `listener` (may be null) must outlive the consumer.
  static Result<std::unique_ptr<GroupConsumer>> Create(GroupConsumerOptions options,
                                                       RebalanceListener* listener);
  // Leaves the group (revoking through the listener) unless Close was called.
  ~GroupConsumer() override;

  Result<std::optional<Message>> Poll(std::chrono::milliseconds timeout) override;
  // For a partition this member is fetching, the watermarks of its latest fetch response (no
  // round trip: a ListOffsets request queues behind the fetch long-poll on the leader's
  // connection, up to fetch.wait.max.ms per call, which starved a caller asking every second
  // for three partitions). Otherwise, and before the first fetch, asks the leader.
  Result<Watermarks> QueryWatermarks(Partition partition,
                                     std::chrono::milliseconds timeout) override;
  Result<int> PartitionCount(std::chrono::milliseconds timeout) override;
  const std::string& topic() const override { return client_.topic(); }

  // Commits, synchronously, the next offsets to read (last processed + 1) for the group.
  Status Commit(const std::vector<PartitionOffset>& next_offsets);
  // The group's committed next offsets for `partitions` (kOffsetInvalid when none).
  Result<std::vector<PartitionOffset>> Committed(const std::vector<Partition>& partitions,
                                                 std::chrono::milliseconds timeout);
  // Partitions currently assigned to this member.
  Result<std::vector<Partition>> Assignment();
  // Leaves the group cleanly (the listener sees the final revoke).
  Status Close();

 private:
  GroupConsumer(ConsumerClient client, RebalanceListener* listener)
      : client_(std::move(client)), listener_(listener) {}
  static void OnRebalance(rd_kafka_t* rk, rd_kafka_resp_err_t err,
                          rd_kafka_topic_partition_list_t* partitions, void* opaque);
  void HandleRebalance(rd_kafka_resp_err_t err, rd_kafka_topic_partition_list_t* partitions);

  ConsumerClient client_;
  RebalanceListener* listener_;
  Status rebalance_error_;  // the listener's first failure, returned by the next Poll
};

}  // namespace salesflow
