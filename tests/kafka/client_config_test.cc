#include "kafka/client_config.h"

#include <gtest/gtest.h>

namespace salesflow {
namespace {

std::string Get(rd_kafka_conf_t* conf, const char* key) {
  char value[256];
  size_t size = sizeof(value);
  if (rd_kafka_conf_get(conf, key, value, &size) != RD_KAFKA_CONF_OK) return "<unset>";
  return value;
}

TEST(ClientConfigTest, OverridesWinOverDefaultsVerbatim) {
  auto conf = BuildClientConf(
      {{"linger.ms", "10", "default"}, {"acks", "all", "default"}},
      {{"linger.ms", "50", "flag -X"}, {"security.protocol", "sasl_ssl", "file salesflow.toml:3"}});
  ASSERT_TRUE(conf.ok()) << conf.status().ToString();
  EXPECT_EQ(Get(conf->get(), "linger.ms"), "50");
  EXPECT_EQ(Get(conf->get(), "acks"), "-1");  // librdkafka's spelling of all
  EXPECT_EQ(Get(conf->get(), "security.protocol"), "sasl_ssl");
}

TEST(ClientConfigTest, RejectedPropertyNamesKeyAndOrigin) {
  auto unknown = BuildClientConf({}, {{"no.such.property", "1", "file salesflow.toml:7"}});
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(unknown.status().message().find("'no.such.property'"), std::string::npos)
      << unknown.status().message();
  EXPECT_NE(unknown.status().message().find("file salesflow.toml:7"), std::string::npos)
      << unknown.status().message();

  auto bad_value = BuildClientConf({}, {{"linger.ms", "soon", "flag -X"}});
  ASSERT_FALSE(bad_value.ok());
  EXPECT_NE(bad_value.status().message().find("'linger.ms' from flag -X"), std::string::npos)
      << bad_value.status().message();
}

TEST(ClientConfigTest, SecretValuesAreNotRepeated) {
  auto bad = BuildClientConf({}, {{"sasl.password.bogus", "hunter2", "env"}});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message().find("hunter2"), std::string::npos) << bad.status().message();
  EXPECT_NE(bad.status().message().find("sasl.password.bogus"), std::string::npos);
}

}  // namespace
}  // namespace salesflow
