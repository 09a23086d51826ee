#include "event/sale_decoder.h"

#include <fmt/format.h>
#include <simdjson.h>

#include <algorithm>
#include <cstring>
#include <vector>

#include "base/json_string.h"

namespace salesflow {
namespace {

namespace od = simdjson::ondemand;

// The seed's fields, in the seed's order (the order of missing_field reports).
enum FieldId : uint8_t {
  kVenteId,
  kClientId,
  kProduitId,
  kTimestamp,
  kQuantite,
  kMontant,
  kClientNom,
  kProduitNom,
  kCategorie,
  kPays,
  kSegment,
  kFieldCount,
  kUnknownField = 0xFF,
};

constexpr std::string_view kFieldNames[kFieldCount] = {
    "vente_id",   "client_id",   "produit_id", "timestamp", "quantite", "montant",
    "client_nom", "produit_nom", "categorie",  "pays",      "segment",
};

constexpr uint32_t kAllFields = (1u << kFieldCount) - 1;
// A timestamp longer than this cannot be valid ("2024-12-16T14:30:00.123456789+01:00" is 35).
constexpr size_t kMaxTimestampBytes = 64;
// Up to this many unknown keys, duplicates are found by comparing each new key with the others.
constexpr size_t kLinearKeyCheck = 32;
// Raw text quoted in messages is cut to this many bytes so a huge token stays a short message.
constexpr size_t kMaxQuotedBytes = 40;

FieldId LookupField(std::string_view key) {
  for (uint8_t i = 0; i < kFieldCount; ++i) {
    if (key == kFieldNames[i]) return static_cast<FieldId>(i);
  }
  return kUnknownField;
}

std::string_view TypeName(od::json_type type) {
  switch (type) {
    case od::json_type::array:
      return "an array";
    case od::json_type::object:
      return "an object";
    case od::json_type::number:
      return "a number";
    case od::json_type::string:
      return "a string";
    case od::json_type::boolean:
      return "a boolean";
    case od::json_type::null:
      return "null";
  }
  return "an unknown type";
}

std::string_view TrimJsonSpace(std::string_view text) {
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\n' ||
                           text.back() == '\r')) {
    text.remove_suffix(1);
  }
  return text;
}

// Raw text for a human message: cut to kMaxQuotedBytes at a character boundary (messages are
// stored as UTF-8 text in the quarantine table) with control characters escaped.
std::string Quote(std::string_view text) {
  size_t cut = text.size();
  if (cut > kMaxQuotedBytes) {
    cut = kMaxQuotedBytes;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  }
  std::string out;
  for (char ch : text.substr(0, cut)) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x20 || c == 0x7F) {
      out += fmt::format("\\u{:04x}", c);
    } else {
      out.push_back(ch);
    }
  }
  if (cut < text.size()) out += "...";
  return out;
}

// Offset of the first byte that does not start or continue a valid UTF-8 sequence.
size_t FirstInvalidUtf8(std::string_view text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  size_t i = 0;
  while (i < n) {
    const unsigned char c = s[i];
    size_t len = 0;
    uint32_t min = 0;
    uint32_t cp = 0;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      len = 2, min = 0x80, cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3, min = 0x800, cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4, min = 0x10000, cp = c & 0x07;
    } else {
      return i;
    }
    if (i + len > n) return i;
    for (size_t k = 1; k < len; ++k) {
      if ((s[i + k] & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return i;
    i += len;
  }
  return n;
}

bool HasControlCharacter(std::string_view text) {
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x20 || c == 0x7F) return true;
  }
  return false;
}

// Whether the document, known not to be an object, is one valid JSON value of `type`.
bool RootScalarIsValid(od::document& doc, od::json_type type) {
  switch (type) {
    case od::json_type::array: {
      od::array array;
      return doc.get_array().get(array) == simdjson::SUCCESS;
    }
    case od::json_type::null: {
      bool is_null = false;
      return doc.is_null().get(is_null) == simdjson::SUCCESS && is_null;
    }
    case od::json_type::boolean: {
      bool b = false;
      return doc.get_bool().get(b) == simdjson::SUCCESS;
    }
    case od::json_type::string: {
      std::string_view s;
      return doc.get_string().get(s) == simdjson::SUCCESS;
    }
    case od::json_type::number: {
      Cents ignored;
      return ParseCents(TrimJsonSpace(doc.raw_json_token()), &ignored) != CentsError::kSyntax;
    }
    case od::json_type::object:
      return false;
  }
  return false;
}

}  // namespace

struct SaleDecoder::Impl {
  explicit Impl(SaleDecoderOptions opts) : options(std::move(opts)) {}

  SaleDecoderOptions options;
  od::parser parser;
  std::unique_ptr<char[]> buffer;  // payload copy with simdjson's padding after it
  size_t buffer_capacity = 0;
  // Unknown keys of this message (duplicate check). They point into the parser's string
  // buffer, which holds every unescaped string until the next document.
  std::vector<std::string_view> extra_keys;
  std::vector<std::string_view> sorted_keys;  // scratch for the check of many keys
  Rejection* rejection = nullptr;             // where the current Decode reports

  bool Fail(RejectReason reason, std::string_view field, std::string message) {
    rejection->reason = reason;
    rejection->field = Quote(field);  // an extra key may be long or hold control characters
    rejection->message = std::move(message);
    return false;
  }

  bool FailJson(simdjson::error_code error, std::string_view field) {
    switch (error) {
      case simdjson::UTF8_ERROR:
        return Fail(RejectReason::kInvalidUtf8, field, "invalid UTF-8");
      case simdjson::DEPTH_ERROR:
        return Fail(RejectReason::kTooDeep, field,
                    fmt::format("nesting deeper than {} levels", options.max_depth));
      case simdjson::CAPACITY:
        return Fail(RejectReason::kTooLarge, field, "document too large for the parser");
      case simdjson::EMPTY:
        return Fail(RejectReason::kMalformedJson, field, "no JSON value (blank message)");
      case simdjson::UNESCAPED_CHARS:
        return Fail(RejectReason::kMalformedJson, field,
                    "raw control character inside a string (JSON requires an escape)");
      default:
        return Fail(RejectReason::kMalformedJson, field,
                    fmt::format("invalid JSON: {}", simdjson::error_message(error)));
    }
  }

  bool Run(std::string_view payload, Sale* sale);
  bool ReadInteger(od::value& value, FieldId field, int64_t* out);
  bool ReadText(od::value& value, FieldId field, std::string* out);
  bool ReadTimestamp(od::value& value, SaleTime* out);
  bool ReadMontant(od::value& value, Cents* out);
  bool AppendExtraValue(od::value value, size_t depth, std::string_view field, std::string* out);
};

bool SaleDecoder::Impl::ReadInteger(od::value& value, FieldId field, int64_t* out) {
  const std::string_view name = kFieldNames[field];
  od::json_type type;
  if (auto error = value.type().get(type)) return FailJson(error, name);
  if (type != od::json_type::number) {
    return Fail(RejectReason::kWrongType, name,
                fmt::format("must be an integer, got {}", TypeName(type)));
  }
  const std::string_view token = TrimJsonSpace(value.raw_json_token());
  int64_t v = 0;
  if (auto error = value.get_int64().get(v)) {
    // simdjson reports both "1.5" and an overflowing integer as not an int64; tell them apart.
    std::string_view digits = token;
    if (!digits.empty() && digits.front() == '-') digits.remove_prefix(1);
    const bool all_digits =
        !digits.empty() && digits.find_first_not_of("0123456789") == std::string_view::npos;
    if (error == simdjson::NUMBER_OUT_OF_RANGE ||
        (error == simdjson::INCORRECT_TYPE && all_digits)) {
      return Fail(RejectReason::kOutOfRange, name,
                  fmt::format("{} does not fit a 64-bit integer", Quote(token)));
    }
    if (error == simdjson::INCORRECT_TYPE) {
      Cents ignored;
      if (ParseCents(token, &ignored) == CentsError::kSyntax) {
        return Fail(RejectReason::kMalformedJson, name,
                    fmt::format("invalid number {}", Quote(token)));
      }
      return Fail(RejectReason::kWrongType, name,
                  fmt::format("must be an integer, got {}", Quote(token)));
    }
    return FailJson(error, name);
  }
  *out = v;
  return true;
}

bool SaleDecoder::Impl::ReadText(od::value& value, FieldId field, std::string* out) {
  const std::string_view name = kFieldNames[field];
  od::json_type type;
  if (auto error = value.type().get(type)) return FailJson(error, name);
  if (type != od::json_type::string) {
    return Fail(RejectReason::kWrongType, name,
                fmt::format("must be a string, got {}", TypeName(type)));
  }
  std::string_view text;
  if (auto error = value.get_string().get(text)) return FailJson(error, name);
  if (text.size() > options.max_string_bytes) {
    return Fail(RejectReason::kStringTooLong, name,
                fmt::format("is {} bytes, limit {}", text.size(), options.max_string_bytes));
  }
  if (text.empty()) return Fail(RejectReason::kEmptyString, name, "must not be empty");
  if (HasControlCharacter(text)) {
    return Fail(RejectReason::kControlCharacter, name,
                "contains a control character (U+0000..U+001F or U+007F)");
  }
  out->assign(text);
  return true;
}

bool SaleDecoder::Impl::ReadTimestamp(od::value& value, SaleTime* out) {
  const std::string_view name = kFieldNames[kTimestamp];
  od::json_type type;
  if (auto error = value.type().get(type)) return FailJson(error, name);
  if (type != od::json_type::string) {
    return Fail(RejectReason::kWrongType, name,
                fmt::format("must be an ISO-8601 string, got {}", TypeName(type)));
  }
  std::string_view text;
  if (auto error = value.get_string().get(text)) return FailJson(error, name);
  if (text.size() > kMaxTimestampBytes) {
    return Fail(RejectReason::kBadTimestamp, name,
                fmt::format("is {} bytes, longer than any ISO-8601 timestamp", text.size()));
  }
  const char* why = nullptr;
  if (!ParseSaleTime(text, options.time_zone, out, &why)) {
    return Fail(RejectReason::kBadTimestamp, name, fmt::format("'{}': {}", Quote(text), why));
  }
  return true;
}

bool SaleDecoder::Impl::ReadMontant(od::value& value, Cents* out) {
  const std::string_view name = kFieldNames[kMontant];
  od::json_type type;
  if (auto error = value.type().get(type)) return FailJson(error, name);
  if (type != od::json_type::number) {
    return Fail(
        RejectReason::kWrongType, name,
        fmt::format("must be a JSON number, got {}{}", TypeName(type),
                    type == od::json_type::string ? " (amounts in quotes are refused)" : ""));
  }
  const std::string_view token = TrimJsonSpace(value.raw_json_token());
  switch (ParseCents(token, out)) {
    case CentsError::kOk:
      return true;
    case CentsError::kSyntax:
      return Fail(RejectReason::kMalformedJson, name,
                  fmt::format("invalid number {}", Quote(token)));
    case CentsError::kNegative:
      return Fail(RejectReason::kNegativeAmount, name, fmt::format("{} is negative", Quote(token)));
    case CentsError::kSubCent:
      return Fail(RejectReason::kSubCentAmount, name,
                  fmt::format("{} has a fraction of a cent (more than 1e-6 from a whole cent)",
                              Quote(token)));
    case CentsError::kOutOfRange:
      return Fail(RejectReason::kOutOfRange, name,
                  fmt::format("{} is above the largest amount 9999999999999999.99", Quote(token)));
  }
  return Fail(RejectReason::kMalformedJson, name, "unknown amount error");
}

// Re-writes one unknown field's value as compact JSON while validating all of it (simdjson
// On Demand only checks what is read, and skipping a value does not validate it).
bool SaleDecoder::Impl::AppendExtraValue(od::value value, size_t depth, std::string_view field,
                                         std::string* out) {
  od::json_type type;
  if (auto error = value.type().get(type)) return FailJson(error, field);
  switch (type) {
    case od::json_type::object: {
      if (depth > options.max_depth) {
        return Fail(RejectReason::kTooDeep, field,
                    fmt::format("nesting deeper than {} levels", options.max_depth));
      }
      od::object object;
      if (auto error = value.get_object().get(object)) return FailJson(error, field);
      out->push_back('{');
      bool first = true;
      for (auto member : object) {
        od::field f;
        if (auto error = std::move(member).get(f)) return FailJson(error, field);
        std::string_view key;
        if (auto error = f.unescaped_key().get(key)) return FailJson(error, field);
        if (!first) out->append(", ");
        first = false;
        AppendJsonString(key, out);
        out->append(": ");
        if (!AppendExtraValue(f.value(), depth + 1, field, out)) return false;
      }
      out->push_back('}');
      return true;
    }
    case od::json_type::array: {
      if (depth > options.max_depth) {
        return Fail(RejectReason::kTooDeep, field,
                    fmt::format("nesting deeper than {} levels", options.max_depth));
      }
      od::array array;
      if (auto error = value.get_array().get(array)) return FailJson(error, field);
      out->push_back('[');
      bool first = true;
      for (auto element : array) {
        od::value v;
        if (auto error = std::move(element).get(v)) return FailJson(error, field);
        if (!first) out->append(", ");
        first = false;
        if (!AppendExtraValue(v, depth + 1, field, out)) return false;
      }
      out->push_back(']');
      return true;
    }
    case od::json_type::number: {
      const std::string_view token = TrimJsonSpace(value.raw_json_token());
      Cents ignored;
      if (ParseCents(token, &ignored) == CentsError::kSyntax) {
        return Fail(RejectReason::kMalformedJson, field,
                    fmt::format("invalid number {}", Quote(token)));
      }
      out->append(token);
      return true;
    }
    case od::json_type::string: {
      std::string_view text;
      if (auto error = value.get_string().get(text)) return FailJson(error, field);
      AppendJsonString(text, out);
      return true;
    }
    case od::json_type::boolean: {
      bool b = false;
      if (auto error = value.get_bool().get(b)) return FailJson(error, field);
      out->append(b ? "true" : "false");
      return true;
    }
    case od::json_type::null: {
      bool is_null = false;
      if (auto error = value.is_null().get(is_null)) return FailJson(error, field);
      if (!is_null) return Fail(RejectReason::kMalformedJson, field, "invalid literal");
      out->append("null");
      return true;
    }
  }
  return Fail(RejectReason::kMalformedJson, field, "unknown JSON type");
}

bool SaleDecoder::Impl::Run(std::string_view payload, Sale* sale) {
  if (payload.empty()) return Fail(RejectReason::kMalformedJson, "", "empty message");
  if (payload.size() > options.max_message_bytes) {
    return Fail(
        RejectReason::kTooLarge, "",
        fmt::format("message is {} bytes, limit {}", payload.size(), options.max_message_bytes));
  }
  if (!simdjson::validate_utf8(payload.data(), payload.size())) {
    return Fail(RejectReason::kInvalidUtf8, "",
                fmt::format("invalid UTF-8 at byte {}", FirstInvalidUtf8(payload)));
  }
  const size_t needed = payload.size() + simdjson::SIMDJSON_PADDING;
  if (needed > buffer_capacity) {
    buffer_capacity = std::max(needed, size_t{4096});
    buffer = std::make_unique<char[]>(buffer_capacity);
  }
  std::memcpy(buffer.get(), payload.data(), payload.size());
  std::memset(buffer.get() + payload.size(), 0, simdjson::SIMDJSON_PADDING);

  od::document doc;
  if (auto error = parser.iterate(buffer.get(), payload.size(), buffer_capacity).get(doc)) {
    return FailJson(error, "");
  }
  od::object object;
  if (auto error = doc.get_object().get(object)) {
    if (error == simdjson::INCORRECT_TYPE) {
      // simdjson guesses the type from the first byte: read the scalar so that "not json"
      // is malformed_json while a real 42 or null is wrong_type.
      od::json_type type;
      if (doc.type().get(type) == simdjson::SUCCESS && RootScalarIsValid(doc, type)) {
        return Fail(RejectReason::kWrongType, "",
                    fmt::format("message must be a JSON object, got {}", TypeName(type)));
      }
      return Fail(RejectReason::kMalformedJson, "", "not a JSON document");
    }
    return FailJson(error, "");
  }

  uint32_t seen = 0;
  extra_keys.clear();
  sale->extra_json.clear();
  for (auto member : object) {
    od::field field;
    if (auto error = std::move(member).get(field)) return FailJson(error, "");
    std::string_view key;
    if (auto error = field.unescaped_key().get(key)) return FailJson(error, "");
    const FieldId id = LookupField(key);
    od::value value = field.value();
    if (id == kUnknownField) {
      // Few keys: checked at once, so the first problem is reported first. Many keys: sorted
      // at the end, so a message of 10k extra keys costs O(n log n), not O(n^2).
      if (extra_keys.size() < kLinearKeyCheck) {
        for (std::string_view k : extra_keys) {
          if (k == key) return Fail(RejectReason::kDuplicateField, key, "key appears twice");
        }
      }
      extra_keys.push_back(key);
      std::string& extra = sale->extra_json;
      extra.append(extra.empty() ? "{" : ", ");
      AppendJsonString(key, &extra);
      extra.append(": ");
      if (!AppendExtraValue(value, 2, extra_keys.back(), &extra)) return false;
      continue;
    }
    const uint32_t bit = 1u << id;
    if (seen & bit)
      return Fail(RejectReason::kDuplicateField, kFieldNames[id], "key appears twice");
    seen |= bit;
    int64_t number = 0;
    switch (id) {
      case kVenteId:
      case kClientId:
      case kProduitId:
        if (!ReadInteger(value, id, &number)) return false;
        if (number <= 0) {
          return Fail(RejectReason::kOutOfRange, kFieldNames[id],
                      fmt::format("must be > 0, got {}", number));
        }
        if (id == kVenteId) sale->vente_id = VenteId(number);
        if (id == kClientId) sale->client_id = ClientId(number);
        if (id == kProduitId) sale->produit_id = ProduitId(number);
        break;
      case kQuantite:
        if (!ReadInteger(value, id, &number)) return false;
        if (number < 1 || number > options.max_quantite) {
          return Fail(RejectReason::kOutOfRange, kFieldNames[id],
                      fmt::format("must be in 1..{}, got {}", options.max_quantite, number));
        }
        sale->quantite = static_cast<int32_t>(number);
        break;
      case kTimestamp:
        if (!ReadTimestamp(value, &sale->timestamp)) return false;
        break;
      case kMontant:
        if (!ReadMontant(value, &sale->montant)) return false;
        break;
      case kClientNom:
        if (!ReadText(value, id, &sale->client_nom)) return false;
        break;
      case kProduitNom:
        if (!ReadText(value, id, &sale->produit_nom)) return false;
        break;
      case kCategorie:
        if (!ReadText(value, id, &sale->categorie)) return false;
        break;
      case kPays:
        if (!ReadText(value, id, &sale->pays)) return false;
        break;
      case kSegment:
        if (!ReadText(value, id, &sale->segment)) return false;
        break;
      case kFieldCount:
      case kUnknownField:
        break;
    }
  }
  if (!sale->extra_json.empty()) sale->extra_json.push_back('}');
  if (extra_keys.size() > kLinearKeyCheck) {
    sorted_keys.assign(extra_keys.begin(), extra_keys.end());
    std::sort(sorted_keys.begin(), sorted_keys.end());
    auto dup = std::adjacent_find(sorted_keys.begin(), sorted_keys.end());
    if (dup != sorted_keys.end()) {
      return Fail(RejectReason::kDuplicateField, *dup, "key appears twice");
    }
  }
  // Past the object the document must be over: simdjson reports OUT_OF_BOUNDS for "nothing left".
  if (doc.current_location().error() != simdjson::OUT_OF_BOUNDS) {
    return Fail(RejectReason::kMalformedJson, "", "trailing characters after the JSON object");
  }
  if (seen != kAllFields) {
    std::string missing;
    std::string_view first;
    for (uint8_t i = 0; i < kFieldCount; ++i) {
      if (seen & (1u << i)) continue;
      if (first.empty()) first = kFieldNames[i];
      if (!missing.empty()) missing += ", ";
      missing += kFieldNames[i];
    }
    return Fail(RejectReason::kMissingField, first,
                "required field missing (absent: " + missing + ")");
  }
  return true;
}

SaleDecoder::SaleDecoder(SaleDecoderOptions options)
    : impl_(std::make_unique<Impl>(std::move(options))) {}
SaleDecoder::~SaleDecoder() = default;
SaleDecoder::SaleDecoder(SaleDecoder&&) noexcept = default;
SaleDecoder& SaleDecoder::operator=(SaleDecoder&&) noexcept = default;

const SaleDecoderOptions& SaleDecoder::options() const {
  return impl_->options;
}

Status SaleDecoder::Decode(std::string_view payload, Sale* sale, Rejection* rejection) {
  Rejection local;
  impl_->rejection = rejection != nullptr ? rejection : &local;
  if (impl_->Run(payload, sale)) return Status::Ok();
  return impl_->rejection->ToStatus();
}

Result<Sale> SaleDecoder::Decode(std::string_view payload) {
  Sale sale;
  Status status = Decode(payload, &sale, nullptr);
  if (!status.ok()) return status;
  return sale;
}

}  // namespace salesflow
