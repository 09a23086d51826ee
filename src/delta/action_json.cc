#include "delta/action_json.h"

#include <fmt/format.h>

#include <simdjson.h>

#include "delta/json_writer.h"

namespace salesflow::delta {
namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;
using simdjson::dom::object;

// Reads members of one action object with error messages naming the action and field.
class FieldReader {
 public:
  FieldReader(std::string_view action, object obj) : action_(action), obj_(obj) {}

  Result<std::string> RequiredString(std::string_view key) const {
    SF_ASSIGN_OR_RETURN(auto value, OptionalString(key));
    if (!value) return Missing(key);
    return *value;
  }
  Result<std::optional<std::string>> OptionalString(std::string_view key) const {
    element e;
    if (!Find(key, &e)) return std::optional<std::string>();
    std::string_view s;
    if (e.get_string().get(s) != simdjson::SUCCESS) return WrongType(key, "a string");
    return std::optional<std::string>(std::string(s));
  }
  Result<int64_t> RequiredInt(std::string_view key) const {
    SF_ASSIGN_OR_RETURN(auto value, OptionalInt(key));
    if (!value) return Missing(key);
    return *value;
  }
  Result<std::optional<int64_t>> OptionalInt(std::string_view key) const {
    element e;
    if (!Find(key, &e)) return std::optional<int64_t>();
    int64_t v = 0;
    if (e.get_int64().get(v) != simdjson::SUCCESS) return WrongType(key, "an integer");
    return std::optional<int64_t>(v);
  }
  Result<std::optional<bool>> OptionalBool(std::string_view key) const {
    element e;
    if (!Find(key, &e)) return std::optional<bool>();
    bool v = false;
    if (e.get_bool().get(v) != simdjson::SUCCESS) return WrongType(key, "a boolean");
    return std::optional<bool>(v);
  }
  Result<std::optional<std::vector<std::string>>> OptionalStringArray(std::string_view key) const {
    element e;
    if (!Find(key, &e)) return std::optional<std::vector<std::string>>();
    simdjson::dom::array array;
    if (e.get_array().get(array) != simdjson::SUCCESS) return WrongType(key, "an array");
    std::vector<std::string> out;
    for (element item : array) {
      std::string_view s;
      if (item.get_string().get(s) != simdjson::SUCCESS) return WrongType(key, "strings");
      out.emplace_back(s);
    }
    return std::optional<std::vector<std::string>>(std::move(out));
  }
  // An object of string values; null values are refused unless `nullable`.
  Result<std::optional<NullableStringMap>> OptionalMap(std::string_view key, bool nullable) const {
    element e;
    if (!Find(key, &e)) return std::optional<NullableStringMap>();
    object map;
    if (e.get_object().get(map) != simdjson::SUCCESS) return WrongType(key, "an object");
    NullableStringMap out;
    for (auto member : map) {
      if (member.value.is_null()) {
        if (!nullable) return WrongType(key, "an object of strings");
        out.emplace_back(std::string(member.key), std::nullopt);
        continue;
      }
      std::string_view s;
      if (member.value.get_string().get(s) != simdjson::SUCCESS) {
        return WrongType(key, "an object of strings");
      }
      out.emplace_back(std::string(member.key), std::string(s));
    }
    return std::optional<NullableStringMap>(std::move(out));
  }
  Result<std::optional<StringMap>> OptionalStringMap(std::string_view key) const {
    SF_ASSIGN_OR_RETURN(auto map, OptionalMap(key, false));
    if (!map) return std::optional<StringMap>();
    StringMap out;
    for (auto& [k, v] : *map) out.emplace_back(std::move(k), std::move(*v));
    return std::optional<StringMap>(std::move(out));
  }
  // The object member `key` when present and an object.
  Result<std::optional<object>> OptionalObject(std::string_view key) const {
    element e;
    if (!Find(key, &e)) return std::optional<object>();
    object o;
    if (e.get_object().get(o) != simdjson::SUCCESS) return WrongType(key, "an object");
    return std::optional<object>(o);
  }
  // A present member that is JSON null counts as absent (Spark writes no nulls, others do).
  bool Find(std::string_view key, element* out) const {
    if (obj_.at_key(key).get(*out) != simdjson::SUCCESS) return false;
    return !out->is_null();
  }

 private:
  Status Missing(std::string_view key) const {
    return Corruption(fmt::format("{} without required field '{}'", action_, key));
  }
  Status WrongType(std::string_view key, std::string_view want) const {
    return Corruption(fmt::format("{}.{} is not {}", action_, key, want));
  }

  std::string_view action_;
  object obj_;
};

Result<DeletionVector> ParseDeletionVector(object obj) {
  FieldReader r("deletionVector", obj);
  DeletionVector dv;
  SF_ASSIGN_OR_RETURN(dv.storage_type, r.RequiredString("storageType"));
  SF_ASSIGN_OR_RETURN(dv.path_or_inline_dv, r.RequiredString("pathOrInlineDv"));
  SF_ASSIGN_OR_RETURN(auto offset, r.OptionalInt("offset"));
  if (offset) dv.offset = static_cast<int32_t>(*offset);
  SF_ASSIGN_OR_RETURN(auto size, r.OptionalInt("sizeInBytes"));
  dv.size_in_bytes = static_cast<int32_t>(size.value_or(0));
  SF_ASSIGN_OR_RETURN(auto cardinality, r.OptionalInt("cardinality"));
  dv.cardinality = cardinality.value_or(0);
  return dv;
}

Result<std::optional<DeletionVector>> OptionalDeletionVector(const FieldReader& r) {
  SF_ASSIGN_OR_RETURN(auto obj, r.OptionalObject("deletionVector"));
  if (!obj) return std::optional<DeletionVector>();
  SF_ASSIGN_OR_RETURN(DeletionVector dv, ParseDeletionVector(*obj));
  return std::optional<DeletionVector>(std::move(dv));
}

Result<Action> ParseProtocol(object obj) {
  FieldReader r("protocol", obj);
  Protocol p;
  SF_ASSIGN_OR_RETURN(int64_t reader, r.RequiredInt("minReaderVersion"));
  SF_ASSIGN_OR_RETURN(int64_t writer, r.RequiredInt("minWriterVersion"));
  p.min_reader_version = static_cast<int32_t>(reader);
  p.min_writer_version = static_cast<int32_t>(writer);
  SF_ASSIGN_OR_RETURN(p.reader_features, r.OptionalStringArray("readerFeatures"));
  SF_ASSIGN_OR_RETURN(p.writer_features, r.OptionalStringArray("writerFeatures"));
  return Action(std::move(p));
}

Result<Action> ParseMetadata(object obj) {
  FieldReader r("metaData", obj);
  Metadata m;
  SF_ASSIGN_OR_RETURN(m.id, r.RequiredString("id"));
  SF_ASSIGN_OR_RETURN(m.name, r.OptionalString("name"));
  SF_ASSIGN_OR_RETURN(m.description, r.OptionalString("description"));
  SF_ASSIGN_OR_RETURN(auto format, r.OptionalObject("format"));
  if (format) {
    FieldReader f("metaData.format", *format);
    SF_ASSIGN_OR_RETURN(auto provider, f.OptionalString("provider"));
    if (provider) m.format.provider = *provider;
    SF_ASSIGN_OR_RETURN(auto options, f.OptionalStringMap("options"));
    if (options) m.format.options = std::move(*options);
  }
  // Some old golden tables omit schemaString; the snapshot reports it when a schema is needed.
  SF_ASSIGN_OR_RETURN(auto schema, r.OptionalString("schemaString"));
  m.schema_string = schema.value_or("");
  SF_ASSIGN_OR_RETURN(auto columns, r.OptionalStringArray("partitionColumns"));
  if (columns) m.partition_columns = std::move(*columns);
  SF_ASSIGN_OR_RETURN(auto configuration, r.OptionalStringMap("configuration"));
  if (configuration) m.configuration = std::move(*configuration);
  SF_ASSIGN_OR_RETURN(m.created_time, r.OptionalInt("createdTime"));
  return Action(std::move(m));
}

Result<Action> ParseAdd(object obj) {
  FieldReader r("add", obj);
  AddFile a;
  SF_ASSIGN_OR_RETURN(a.path, r.RequiredString("path"));
  SF_ASSIGN_OR_RETURN(auto values, r.OptionalMap("partitionValues", true));
  if (values) a.partition_values = std::move(*values);
  SF_ASSIGN_OR_RETURN(a.size, r.RequiredInt("size"));
  SF_ASSIGN_OR_RETURN(auto mtime, r.OptionalInt("modificationTime"));
  a.modification_time = mtime.value_or(0);
  SF_ASSIGN_OR_RETURN(auto data_change, r.OptionalBool("dataChange"));
  a.data_change = data_change.value_or(true);
  SF_ASSIGN_OR_RETURN(a.stats, r.OptionalString("stats"));
  SF_ASSIGN_OR_RETURN(a.tags, r.OptionalStringMap("tags"));
  SF_ASSIGN_OR_RETURN(a.deletion_vector, OptionalDeletionVector(r));
  SF_ASSIGN_OR_RETURN(a.base_row_id, r.OptionalInt("baseRowId"));
  SF_ASSIGN_OR_RETURN(a.default_row_commit_version, r.OptionalInt("defaultRowCommitVersion"));
  return Action(std::move(a));
}

Result<Action> ParseRemove(object obj) {
  FieldReader r("remove", obj);
  RemoveFile rm;
  SF_ASSIGN_OR_RETURN(rm.path, r.RequiredString("path"));
  SF_ASSIGN_OR_RETURN(rm.deletion_timestamp, r.OptionalInt("deletionTimestamp"));
  SF_ASSIGN_OR_RETURN(auto data_change, r.OptionalBool("dataChange"));
  rm.data_change = data_change.value_or(true);
  SF_ASSIGN_OR_RETURN(rm.extended_file_metadata, r.OptionalBool("extendedFileMetadata"));
  SF_ASSIGN_OR_RETURN(rm.partition_values, r.OptionalMap("partitionValues", true));
  SF_ASSIGN_OR_RETURN(rm.size, r.OptionalInt("size"));
  SF_ASSIGN_OR_RETURN(rm.tags, r.OptionalStringMap("tags"));
  SF_ASSIGN_OR_RETURN(rm.deletion_vector, OptionalDeletionVector(r));
  SF_ASSIGN_OR_RETURN(rm.stats, r.OptionalString("stats"));
  return Action(std::move(rm));
}

Result<Action> ParseTxn(object obj) {
  FieldReader r("txn", obj);
  Txn t;
  SF_ASSIGN_OR_RETURN(t.app_id, r.RequiredString("appId"));
  SF_ASSIGN_OR_RETURN(t.version, r.RequiredInt("version"));
  SF_ASSIGN_OR_RETURN(t.last_updated, r.OptionalInt("lastUpdated"));
  return Action(std::move(t));
}

Result<Action> ParseCommitInfo(object obj) {
  CommitInfo c;
  // commitInfo is free-form provenance: a field of an unexpected type is kept raw, not fatal.
  for (auto member : obj) {
    std::string_view key = member.key;
    element v = member.value;
    int64_t i = 0;
    bool b = false;
    std::string_view s;
    object o;
    if (key == "inCommitTimestamp" && v.get_int64().get(i) == simdjson::SUCCESS) {
      c.in_commit_timestamp = i;
    } else if (key == "timestamp" && v.get_int64().get(i) == simdjson::SUCCESS) {
      c.timestamp = i;
    } else if (key == "operation" && v.get_string().get(s) == simdjson::SUCCESS) {
      c.operation = std::string(s);
    } else if (key == "operationParameters" && v.get_object().get(o) == simdjson::SUCCESS) {
      c.operation_parameters.emplace();
      for (auto param : o) {
        c.operation_parameters->emplace_back(std::string(param.key), simdjson::minify(param.value));
      }
    } else if (key == "readVersion" && v.get_int64().get(i) == simdjson::SUCCESS) {
      c.read_version = i;
    } else if (key == "isolationLevel" && v.get_string().get(s) == simdjson::SUCCESS) {
      c.isolation_level = std::string(s);
    } else if (key == "isBlindAppend" && v.get_bool().get(b) == simdjson::SUCCESS) {
      c.is_blind_append = b;
    } else if (key == "operationMetrics" && v.get_object().get(o) == simdjson::SUCCESS) {
      StringMap metrics;
      bool all_strings = true;
      for (auto metric : o) {
        if (metric.value.get_string().get(s) != simdjson::SUCCESS) {
          all_strings = false;
          break;
        }
        metrics.emplace_back(std::string(metric.key), std::string(s));
      }
      if (all_strings) {
        c.operation_metrics = std::move(metrics);
      } else {
        c.other.emplace_back(std::string(key), simdjson::minify(v));
      }
    } else if (key == "engineInfo" && v.get_string().get(s) == simdjson::SUCCESS) {
      c.engine_info = std::string(s);
    } else if (key == "txnId" && v.get_string().get(s) == simdjson::SUCCESS) {
      c.txn_id = std::string(s);
    } else {
      c.other.emplace_back(std::string(key), simdjson::minify(v));
    }
  }
  return Action(std::move(c));
}

Result<Action> ParseDomainMetadata(object obj) {
  FieldReader r("domainMetadata", obj);
  DomainMetadata d;
  SF_ASSIGN_OR_RETURN(d.domain, r.RequiredString("domain"));
  SF_ASSIGN_OR_RETURN(d.configuration, r.RequiredString("configuration"));
  SF_ASSIGN_OR_RETURN(auto removed, r.OptionalBool("removed"));
  d.removed = removed.value_or(false);
  return Action(std::move(d));
}

Result<Action> ParseOneAction(std::string_view key, element value) {
  object obj;
  bool is_object = value.get_object().get(obj) == simdjson::SUCCESS;
  auto need_object = [&]() -> Status {
    return Corruption(fmt::format("action '{}' is not a JSON object", key));
  };
  if (key == "protocol") return is_object ? ParseProtocol(obj) : need_object();
  if (key == "metaData") return is_object ? ParseMetadata(obj) : need_object();
  if (key == "add") return is_object ? ParseAdd(obj) : need_object();
  if (key == "remove") return is_object ? ParseRemove(obj) : need_object();
  if (key == "txn") return is_object ? ParseTxn(obj) : need_object();
  if (key == "commitInfo") return is_object ? ParseCommitInfo(obj) : need_object();
  if (key == "domainMetadata") return is_object ? ParseDomainMetadata(obj) : need_object();
  return Action(OtherAction{std::string(key), simdjson::minify(value)});
}

void WriteStringMap(JsonWriter& w, const StringMap& map) {
  w.BeginObject();
  for (const auto& [k, v] : map) {
    w.Key(k);
    w.String(v);
  }
  w.EndObject();
}

void WriteNullableMap(JsonWriter& w, const NullableStringMap& map) {
  w.BeginObject();
  for (const auto& [k, v] : map) {
    w.Key(k);
    if (v) {
      w.String(*v);
    } else {
      w.Null();
    }
  }
  w.EndObject();
}

void WriteStringArray(JsonWriter& w, const std::vector<std::string>& values) {
  w.BeginArray();
  for (const auto& v : values) w.String(v);
  w.EndArray();
}

void WriteDeletionVector(JsonWriter& w, const DeletionVector& dv) {
  w.BeginObject();
  w.Key("storageType");
  w.String(dv.storage_type);
  w.Key("pathOrInlineDv");
  w.String(dv.path_or_inline_dv);
  if (dv.offset) {
    w.Key("offset");
    w.Int(*dv.offset);
  }
  w.Key("sizeInBytes");
  w.Int(dv.size_in_bytes);
  w.Key("cardinality");
  w.Int(dv.cardinality);
  w.EndObject();
}

// One overload per action type, writing {"<key>":{...}}.
struct ActionWriter {
  JsonWriter& w;

  void operator()(const Protocol& p) const {
    w.Key("protocol");
    w.BeginObject();
    w.Key("minReaderVersion");
    w.Int(p.min_reader_version);
    w.Key("minWriterVersion");
    w.Int(p.min_writer_version);
    if (p.reader_features) {
      w.Key("readerFeatures");
      WriteStringArray(w, *p.reader_features);
    }
    if (p.writer_features) {
      w.Key("writerFeatures");
      WriteStringArray(w, *p.writer_features);
    }
    w.EndObject();
  }
  void operator()(const Metadata& m) const {
    w.Key("metaData");
    w.BeginObject();
    w.Key("id");
    w.String(m.id);
    if (m.name) {
      w.Key("name");
      w.String(*m.name);
    }
    if (m.description) {
      w.Key("description");
      w.String(*m.description);
    }
    w.Key("format");
    w.BeginObject();
    w.Key("provider");
    w.String(m.format.provider);
    w.Key("options");
    WriteStringMap(w, m.format.options);
    w.EndObject();
    w.Key("schemaString");
    w.String(m.schema_string);
    w.Key("partitionColumns");
    WriteStringArray(w, m.partition_columns);
    w.Key("configuration");
    WriteStringMap(w, m.configuration);
    if (m.created_time) {
      w.Key("createdTime");
      w.Int(*m.created_time);
    }
    w.EndObject();
  }
  void operator()(const AddFile& a) const {
    w.Key("add");
    w.BeginObject();
    w.Key("path");
    w.String(a.path);
    w.Key("partitionValues");
    WriteNullableMap(w, a.partition_values);
    w.Key("size");
    w.Int(a.size);
    w.Key("modificationTime");
    w.Int(a.modification_time);
    w.Key("dataChange");
    w.Bool(a.data_change);
    if (a.stats) {
      w.Key("stats");
      w.String(*a.stats);
    }
    if (a.tags) {
      w.Key("tags");
      WriteStringMap(w, *a.tags);
    }
    if (a.deletion_vector) {
      w.Key("deletionVector");
      WriteDeletionVector(w, *a.deletion_vector);
    }
    if (a.base_row_id) {
      w.Key("baseRowId");
      w.Int(*a.base_row_id);
    }
    if (a.default_row_commit_version) {
      w.Key("defaultRowCommitVersion");
      w.Int(*a.default_row_commit_version);
    }
    w.EndObject();
  }
  void operator()(const RemoveFile& r) const {
    w.Key("remove");
    w.BeginObject();
    w.Key("path");
    w.String(r.path);
    if (r.deletion_timestamp) {
      w.Key("deletionTimestamp");
      w.Int(*r.deletion_timestamp);
    }
    w.Key("dataChange");
    w.Bool(r.data_change);
    if (r.extended_file_metadata) {
      w.Key("extendedFileMetadata");
      w.Bool(*r.extended_file_metadata);
    }
    if (r.partition_values) {
      w.Key("partitionValues");
      WriteNullableMap(w, *r.partition_values);
    }
    if (r.size) {
      w.Key("size");
      w.Int(*r.size);
    }
    if (r.tags) {
      w.Key("tags");
      WriteStringMap(w, *r.tags);
    }
    if (r.deletion_vector) {
      w.Key("deletionVector");
      WriteDeletionVector(w, *r.deletion_vector);
    }
    if (r.stats) {
      w.Key("stats");
      w.String(*r.stats);
    }
    w.EndObject();
  }
  void operator()(const Txn& t) const {
    w.Key("txn");
    w.BeginObject();
    w.Key("appId");
    w.String(t.app_id);
    w.Key("version");
    w.Int(t.version);
    if (t.last_updated) {
      w.Key("lastUpdated");
      w.Int(*t.last_updated);
    }
    w.EndObject();
  }
  void operator()(const CommitInfo& c) const {
    w.Key("commitInfo");
    w.BeginObject();
    if (c.in_commit_timestamp) {
      w.Key("inCommitTimestamp");
      w.Int(*c.in_commit_timestamp);
    }
    if (c.timestamp) {
      w.Key("timestamp");
      w.Int(*c.timestamp);
    }
    if (c.operation) {
      w.Key("operation");
      w.String(*c.operation);
    }
    if (c.operation_parameters) {
      w.Key("operationParameters");
      w.BeginObject();
      for (const auto& [k, raw] : *c.operation_parameters) {
        w.Key(k);
        w.Raw(raw);
      }
      w.EndObject();
    }
    if (c.read_version) {
      w.Key("readVersion");
      w.Int(*c.read_version);
    }
    if (c.isolation_level) {
      w.Key("isolationLevel");
      w.String(*c.isolation_level);
    }
    if (c.is_blind_append) {
      w.Key("isBlindAppend");
      w.Bool(*c.is_blind_append);
    }
    if (c.operation_metrics) {
      w.Key("operationMetrics");
      WriteStringMap(w, *c.operation_metrics);
    }
    if (c.engine_info) {
      w.Key("engineInfo");
      w.String(*c.engine_info);
    }
    if (c.txn_id) {
      w.Key("txnId");
      w.String(*c.txn_id);
    }
    for (const auto& [k, raw] : c.other) {
      w.Key(k);
      w.Raw(raw);
    }
    w.EndObject();
  }
  void operator()(const DomainMetadata& d) const {
    w.Key("domainMetadata");
    w.BeginObject();
    w.Key("domain");
    w.String(d.domain);
    w.Key("configuration");
    w.String(d.configuration);
    w.Key("removed");
    w.Bool(d.removed);
    w.EndObject();
  }
  void operator()(const OtherAction& o) const {
    w.Key(o.key);
    w.Raw(o.raw_json);
  }
};

}  // namespace

Result<std::vector<Action>> ParseActionLine(std::string_view line, int line_number) {
  // One parser per thread: commits are parsed in bursts, and its buffers are reused.
  thread_local simdjson::dom::parser parser;
  element doc;
  auto error = parser.parse(line.data(), line.size()).get(doc);
  if (error != simdjson::SUCCESS) {
    return Corruption(
        fmt::format("line {}: invalid JSON: {}", line_number, simdjson::error_message(error)));
  }
  object obj;
  if (doc.get_object().get(obj) != simdjson::SUCCESS) {
    return Corruption(fmt::format("line {}: an action must be a JSON object", line_number));
  }
  std::vector<Action> actions;
  for (auto member : obj) {
    Result<Action> action = ParseOneAction(member.key, member.value);
    if (!action.ok()) return action.status().WithContext(fmt::format("line {}", line_number));
    actions.push_back(std::move(action).value());
  }
  return actions;
}

Result<std::vector<Action>> ParseCommit(std::string_view text) {
  std::vector<Action> actions;
  int line_number = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
    SF_ASSIGN_OR_RETURN(auto line_actions, ParseActionLine(line, line_number));
    for (auto& action : line_actions) actions.push_back(std::move(action));
  }
  return actions;
}

void AppendActionJson(const Action& action, std::string* out) {
  JsonWriter w(out);
  w.BeginObject();
  std::visit(ActionWriter{w}, action);
  w.EndObject();
}

std::string SerializeCommit(const std::vector<Action>& actions) {
  std::string out;
  for (const Action& action : actions) {
    AppendActionJson(action, &out);
    out.push_back('\n');
  }
  return out;
}

}  // namespace salesflow::delta
