#include "delta/protocol_support.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <string_view>

namespace salesflow::delta {
namespace {

constexpr std::array<std::string_view, 3> kReaderFeatures = {"timestampNtz", "vacuumProtocolCheck",
                                                             "v2Checkpoint"};

bool IsTrue(const Metadata& metadata, std::string_view key) {
  const std::string* value = FindValue(metadata.configuration, key);
  if (value == nullptr) return false;
  std::string lower(*value);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return lower == "true";
}

bool ColumnMappingInUse(const Metadata& metadata) {
  const std::string* mode = FindValue(metadata.configuration, "delta.columnMapping.mode");
  return mode != nullptr && *mode != "none";
}

// Why a writer feature cannot be honoured by us; empty when we can.
std::string WriterFeatureProblem(std::string_view feature, const Metadata& metadata) {
  const std::string& schema = metadata.schema_string;
  if (feature == "appendOnly" || feature == "timestampNtz" || feature == "vacuumProtocolCheck") {
    return "";
  }
  if (feature == "invariants") {
    return schema.find("delta.invariants") == std::string::npos ? "" : "column invariants are set";
  }
  if (feature == "checkConstraints") {
    bool any =
        std::any_of(metadata.configuration.begin(), metadata.configuration.end(),
                    [](const auto& kv) { return kv.first.starts_with("delta.constraints."); });
    return any ? "CHECK constraints are set" : "";
  }
  if (feature == "changeDataFeed") {
    return IsTrue(metadata, "delta.enableChangeDataFeed") ? "delta.enableChangeDataFeed is true"
                                                          : "";
  }
  if (feature == "generatedColumns") {
    return schema.find("delta.generationExpression") == std::string::npos
               ? ""
               : "generated columns are defined";
  }
  if (feature == "columnMapping") {
    return ColumnMappingInUse(metadata) ? "delta.columnMapping.mode is set" : "";
  }
  if (feature == "identityColumns") {
    return schema.find("delta.identity.") == std::string::npos ? ""
                                                               : "identity columns are defined";
  }
  return "not implemented by salesflow";
}

}  // namespace

Protocol DefaultProtocol() {
  return Protocol{.min_reader_version = 1, .min_writer_version = 2};
}

bool IsAppendOnly(const Metadata& metadata) {
  return IsTrue(metadata, "delta.appendOnly");
}

Status CheckReadSupported(const Protocol& protocol, const Metadata* metadata) {
  if (protocol.min_reader_version < 1 || protocol.min_reader_version > 3) {
    return Unsupported(fmt::format("table needs reader version {}; salesflow reads versions 1 to 3",
                                   protocol.min_reader_version));
  }
  if (protocol.min_reader_version == 2 && metadata != nullptr && ColumnMappingInUse(*metadata)) {
    return Unsupported("table uses reader feature columnMapping, which salesflow does not support");
  }
  if (protocol.min_reader_version == 3) {
    if (!protocol.reader_features) {
      return Unsupported("table has reader version 3 but no readerFeatures list");
    }
    for (const std::string& feature : *protocol.reader_features) {
      if (std::find(kReaderFeatures.begin(), kReaderFeatures.end(), feature) ==
          kReaderFeatures.end()) {
        return Unsupported(
            fmt::format("table uses reader feature {}, which salesflow does not support", feature));
      }
    }
  }
  return Status::Ok();
}

Status CheckWriteSupported(const Protocol& protocol, const Metadata& metadata) {
  SF_RETURN_IF_ERROR(CheckReadSupported(protocol, &metadata));
  int writer = protocol.min_writer_version;
  if (writer < 1 || writer > 7) {
    return Unsupported(
        fmt::format("table needs writer version {}; salesflow writes versions 1 to 7", writer));
  }
  std::vector<std::string> features;
  if (writer == 7) {
    if (!protocol.writer_features) {
      return Unsupported("table has writer version 7 but no writerFeatures list");
    }
    features = *protocol.writer_features;
  } else {
    // Legacy versions imply their features cumulatively.
    if (writer >= 2) features.insert(features.end(), {"appendOnly", "invariants"});
    if (writer >= 3) features.emplace_back("checkConstraints");
    if (writer >= 4) features.insert(features.end(), {"changeDataFeed", "generatedColumns"});
    if (writer >= 5) features.emplace_back("columnMapping");
    if (writer >= 6) features.emplace_back("identityColumns");
  }
  for (const std::string& feature : features) {
    std::string problem = WriterFeatureProblem(feature, metadata);
    if (!problem.empty()) {
      return Unsupported(
          fmt::format("refusing to write: table uses writer feature {} ({})", feature, problem));
    }
  }
  // Properties that ask writers for behaviour we do not implement, whatever the protocol says.
  constexpr std::array<std::pair<std::string_view, std::string_view>, 5> kProperties = {{
      {"delta.enableDeletionVectors", "deletionVectors"},
      {"delta.enableChangeDataFeed", "changeDataFeed"},
      {"delta.enableRowTracking", "rowTracking"},
      {"delta.enableInCommitTimestamps", "inCommitTimestamp"},
      {"delta.enableTypeWidening", "typeWidening"},
  }};
  for (const auto& [key, feature] : kProperties) {
    if (IsTrue(metadata, key)) {
      return Unsupported(
          fmt::format("refusing to write: table property {}=true needs writer "
                      "feature {}, which salesflow does not support",
                      key, feature));
    }
  }
  if (ColumnMappingInUse(metadata)) {
    return Unsupported("refusing to write: table uses columnMapping (delta.columnMapping.mode)");
  }
  const std::string* policy = FindValue(metadata.configuration, "delta.checkpointPolicy");
  if (policy != nullptr && *policy == "v2") {
    return Unsupported("refusing to write: delta.checkpointPolicy=v2 needs V2 checkpoints");
  }
  return Status::Ok();
}

}  // namespace salesflow::delta
