#include "kafka/kafka_status.h"

#include <gtest/gtest.h>

namespace salesflow {
namespace {

TEST(KafkaStatusTest, MapsErrorsToStatusCodesWithContext) {
  EXPECT_TRUE(KafkaStatus(RD_KAFKA_RESP_ERR_NO_ERROR, "x").ok());
  Status down = KafkaStatus(RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN, "sending to ventes_stream");
  EXPECT_EQ(down.code(), StatusCode::kUnavailable);
  EXPECT_EQ(down.message().rfind("sending to ventes_stream: ", 0), 0u) << down.message();
  EXPECT_NE(down.message().find("_ALL_BROKERS_DOWN"), std::string::npos) << down.message();
  EXPECT_EQ(KafkaStatus(RD_KAFKA_RESP_ERR__TRANSPORT, "c").code(), StatusCode::kUnavailable);
  EXPECT_EQ(KafkaStatus(RD_KAFKA_RESP_ERR__TIMED_OUT, "c").code(), StatusCode::kUnavailable);
  EXPECT_EQ(KafkaStatus(RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART, "c").code(),
            StatusCode::kNotFound);
  EXPECT_EQ(KafkaStatus(RD_KAFKA_RESP_ERR_OFFSET_OUT_OF_RANGE, "c").code(),
            StatusCode::kOutOfRange);
  EXPECT_EQ(KafkaStatus(RD_KAFKA_RESP_ERR__INVALID_ARG, "c").code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(KafkaStatus(RD_KAFKA_RESP_ERR_ILLEGAL_GENERATION, "c").code(), StatusCode::kConflict);
  EXPECT_EQ(KafkaStatus(RD_KAFKA_RESP_ERR_INVALID_MSG, "c").code(), StatusCode::kInternal);
}

}  // namespace
}  // namespace salesflow
