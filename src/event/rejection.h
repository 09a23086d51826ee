#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/status.h"

namespace salesflow {

// Why a message was rejected; the name (RejectReasonName) is what bronze stores in the
// quarantine table, so names are part of the contract: never rename one.
enum class RejectReason : uint8_t {
  kMalformedJson,     // "malformed_json": not JSON, truncated, trailing bytes, empty
  kTooLarge,          // "too_large": the message is over the size limit
  kTooDeep,           // "too_deep": nesting (in an extra field) deeper than the limit
  kInvalidUtf8,       // "invalid_utf8": bytes that are not UTF-8
  kWrongType,         // "wrong_type": a field (or the message) has the wrong JSON type
  kMissingField,      // "missing_field": a required field is absent
  kDuplicateField,    // "duplicate_field": a key appears twice
  kOutOfRange,        // "out_of_range": a number outside its range (ids <= 0, quantite < 1, ...)
  kNegativeAmount,    // "negative_amount": montant below zero
  kSubCentAmount,     // "sub_cent_amount": montant with a real fraction of a cent (12.345)
  kBadTimestamp,      // "bad_timestamp": not ISO-8601 or not a real date/time
  kStringTooLong,     // "string_too_long": a text field over the length limit
  kEmptyString,       // "empty_string": a required text field is ""
  kControlCharacter,  // "control_character": a text field holds U+0000..U+001F or U+007F
};

inline constexpr int kRejectReasonCount = 14;

// The stable snake_case code, e.g. "sub_cent_amount".
std::string_view RejectReasonName(RejectReason reason);

// A rejected message: the machine-readable reason, the field it concerns and a human message.
struct Rejection {
  RejectReason reason = RejectReason::kMalformedJson;  // what kind of problem
  std::string field;    // the JSON field, e.g. "montant"; empty when about the whole message
  std::string message;  // for people, e.g. "must be >= 1, got -2"

  // InvalidArgument("<reason> at <field>: <message>"), or "<reason>: <message>" without field.
  Status ToStatus() const;
};

}  // namespace salesflow
