// Against the real Apache Kafka broker of the CTest fixture "kafka" (scripts/kafka start writes
// its address to <build>/kafka/bootstrap). Each test writes its own fresh topic, so tests can run
// in parallel and reruns against a long-lived broker do not see earlier data.

#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <memory>
#include <set>
#include <string>

#include "event/sale_decoder.h"
#include "kafka/topic_admin.h"
#include "round_trip.h"
#include "test_paths.h"

namespace salesflow {
namespace {

std::string Bootstrap() {
  std::ifstream in(testing::BinaryDir() / "kafka" / "bootstrap");
  std::string address;
  std::getline(in, address);
  return address;
}

std::string FreshTopic(const std::string& brokers, const std::string& prefix) {
  std::string topic = prefix + "_" + std::to_string(getpid()) + "_" +
                      std::to_string(std::chrono::system_clock::now().time_since_epoch().count());
  Status created = CreateTopic(brokers, {}, topic, 3, std::chrono::seconds(30));
  EXPECT_TRUE(created.ok()) << created.ToString();
  return topic;
}

// Runs a shell command, returning its stdout and setting *exit_code.
std::string RunCommand(const std::string& command, int* exit_code) {
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) {
    *exit_code = -1;
    return out;
  }
  char buf[65536];
  size_t n;
  while ((n = fread(buf, 1, sizeof(buf), pipe)) > 0) out.append(buf, n);
  int status = pclose(pipe);
  *exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return out;
}

class RealBrokerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    brokers_ = Bootstrap();
    ASSERT_FALSE(brokers_.empty()) << "no " << (testing::BinaryDir() / "kafka" / "bootstrap")
                                   << ": run through ctest (fixture kafka) or scripts/kafka start";
  }
  std::string brokers_;
};

TEST_F(RealBrokerTest, HundredThousandEventsRoundTrip) {
  const std::string topic = FreshTopic(brokers_, "roundtrip");
  constexpr int64_t kCount = 100'000;
  testing::ProducedRun produced;
  Status sent = testing::ProduceGenerated(brokers_, topic, kCount, /*seed=*/42, /*clients=*/1000,
                                          /*products=*/100, &produced);
  ASSERT_TRUE(sent.ok()) << sent.ToString();
  EXPECT_EQ(produced.count, kCount);
  EXPECT_EQ(produced.checksum, testing::GeneratorChecksum(kCount, 42, 1000, 100));

  testing::ReadBack read;
  Status status = testing::ReadAll(brokers_, topic, &read);
  ASSERT_TRUE(status.ok()) << status.ToString();
  EXPECT_EQ(read.count, kCount);
  EXPECT_EQ(read.checksum, produced.checksum);
  EXPECT_EQ(read.partitions, 3);
  EXPECT_EQ(read.partitions_with_data, 3);
  EXPECT_EQ(read.undecodable, 0);
  EXPECT_EQ(read.key_mismatches, 0);
  EXPECT_EQ(read.misplaced, 0);  // the broker-side placement equals Java's murmur2
  EXPECT_EQ(read.order_violations, 0);
  EXPECT_EQ(read.duplicate_vente_ids, 0);
}

TEST_F(RealBrokerTest, ProduceCommandThenKcatShowsValidEvents) {
  const std::string topic = FreshTopic(brokers_, "cli");
  const std::string binary = (testing::BinaryDir() / "salesflow").string();
  int code = 0;
  std::string summary =
      RunCommand(binary + " produce --brokers " + brokers_ + " --topic " + topic +
                     " --count 1000 --rate 0 --seed 9 --start-id 1 --log-level warn",
                 &code);
  ASSERT_EQ(code, 0) << summary;
  EXPECT_NE(summary.find("produced 1000 events"), std::string::npos) << summary;
  EXPECT_NE(summary.find("delivered 1000, failed 0"), std::string::npos) << summary;

  std::string lines =
      RunCommand("kcat -C -e -q -b " + brokers_ + " -t " + topic + " -f '%s\\n'", &code);
  ASSERT_EQ(code, 0);
  SaleDecoder decoder;
  std::set<int64_t> ids;
  int64_t valid = 0;
  size_t start = 0;
  while (start < lines.size()) {
    size_t end = lines.find('\n', start);
    if (end == std::string::npos) end = lines.size();
    auto sale = decoder.Decode(std::string_view(lines).substr(start, end - start));
    EXPECT_TRUE(sale.ok()) << sale.status().ToString();
    if (sale.ok()) {
      ++valid;
      ids.insert(sale->vente_id.value());
    }
    start = end + 1;
  }
  EXPECT_EQ(valid, 1000);
  ASSERT_EQ(ids.size(), 1000u);
  EXPECT_EQ(*ids.begin(), 1);
  EXPECT_EQ(*ids.rbegin(), 1000);
}

}  // namespace
}  // namespace salesflow
