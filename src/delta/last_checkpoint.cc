#include "delta/last_checkpoint.h"

#include <fmt/format.h>

#include <simdjson.h>

#include "delta/json_writer.h"

namespace salesflow::delta {

Result<LastCheckpoint> ParseLastCheckpoint(std::string_view text) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  auto error = parser.parse(text.data(), text.size()).get(doc);
  if (error != simdjson::SUCCESS) {
    return Corruption(
        fmt::format("_last_checkpoint: invalid JSON: {}", simdjson::error_message(error)));
  }
  LastCheckpoint last;
  int64_t version = 0;
  if (doc["version"].get_int64().get(version) != simdjson::SUCCESS || version < 0) {
    return Corruption("_last_checkpoint: no integer 'version'");
  }
  last.version = TableVersion(version);
  if (doc["size"].get_int64().get(last.size) != simdjson::SUCCESS) {
    return Corruption("_last_checkpoint: no integer 'size'");
  }
  int64_t value = 0;
  if (doc["parts"].get_int64().get(value) == simdjson::SUCCESS) {
    if (value <= 0) return Corruption("_last_checkpoint: 'parts' must be positive");
    last.parts = static_cast<int32_t>(value);
  }
  if (doc["sizeInBytes"].get_int64().get(value) == simdjson::SUCCESS) last.size_in_bytes = value;
  if (doc["numOfAddFiles"].get_int64().get(value) == simdjson::SUCCESS) {
    last.num_of_add_files = value;
  }
  return last;
}

std::string SerializeLastCheckpoint(const LastCheckpoint& last) {
  std::string out;
  JsonWriter w(&out);
  w.BeginObject();
  w.Key("version");
  w.Int(last.version.value());
  w.Key("size");
  w.Int(last.size);
  if (last.parts) {
    w.Key("parts");
    w.Int(*last.parts);
  }
  if (last.size_in_bytes) {
    w.Key("sizeInBytes");
    w.Int(*last.size_in_bytes);
  }
  if (last.num_of_add_files) {
    w.Key("numOfAddFiles");
    w.Int(*last.num_of_add_files);
  }
  w.EndObject();
  return out;
}

}  // namespace salesflow::delta
