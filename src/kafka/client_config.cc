#include "kafka/client_config.h"

#include <spdlog/spdlog.h>

#include <string_view>

namespace salesflow {
namespace {

bool IsSecret(std::string_view key) {
  return key.find("password") != std::string_view::npos ||
         key.find("secret") != std::string_view::npos;
}

// librdkafka's syslog levels to spdlog's.
void LogToSpdlog(const rd_kafka_t* rk, int level, const char* facility, const char* message) {
  spdlog::level::level_enum spd = spdlog::level::debug;
  if (level <= 3) {
    spd = spdlog::level::err;
  } else if (level == 4) {
    spd = spdlog::level::warn;
  } else if (level <= 6) {
    spd = spdlog::level::info;
  }
  spdlog::log(spd, "librdkafka {} {}: {}", rk != nullptr ? rd_kafka_name(rk) : "", facility,
              message);
}

}  // namespace

Status SetClientProperty(rd_kafka_conf_t* conf, const ClientProperty& property) {
  char errstr[512];
  if (rd_kafka_conf_set(conf, property.key.c_str(), property.value.c_str(), errstr,
                        sizeof(errstr)) != RD_KAFKA_CONF_OK) {
    std::string message = "librdkafka property '" + property.key + "' from " + property.origin;
    if (IsSecret(property.key)) {
      message += " rejected";
    } else {
      message += ": ";
      message += errstr;
    }
    return InvalidArgument(std::move(message));
  }
  return Status::Ok();
}

Result<ConfHandle> BuildClientConf(const std::vector<ClientProperty>& defaults,
                                   const std::vector<ClientProperty>& overrides) {
  ConfHandle conf(rd_kafka_conf_new());
  rd_kafka_conf_set_log_cb(conf.get(), &LogToSpdlog);
  for (const ClientProperty& p : defaults) SF_RETURN_IF_ERROR(SetClientProperty(conf.get(), p));
  for (const ClientProperty& p : overrides) SF_RETURN_IF_ERROR(SetClientProperty(conf.get(), p));
  return conf;
}

}  // namespace salesflow
