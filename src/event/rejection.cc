#include "event/rejection.h"

namespace salesflow {

std::string_view RejectReasonName(RejectReason reason) {
  switch (reason) {
    case RejectReason::kMalformedJson:
      return "malformed_json";
    case RejectReason::kTooLarge:
      return "too_large";
    case RejectReason::kTooDeep:
      return "too_deep";
    case RejectReason::kInvalidUtf8:
      return "invalid_utf8";
    case RejectReason::kWrongType:
      return "wrong_type";
    case RejectReason::kMissingField:
      return "missing_field";
    case RejectReason::kDuplicateField:
      return "duplicate_field";
    case RejectReason::kOutOfRange:
      return "out_of_range";
    case RejectReason::kNegativeAmount:
      return "negative_amount";
    case RejectReason::kSubCentAmount:
      return "sub_cent_amount";
    case RejectReason::kBadTimestamp:
      return "bad_timestamp";
    case RejectReason::kStringTooLong:
      return "string_too_long";
    case RejectReason::kEmptyString:
      return "empty_string";
    case RejectReason::kControlCharacter:
      return "control_character";
  }
  return "unknown";
}

Status Rejection::ToStatus() const {
  std::string text(RejectReasonName(reason));
  if (!field.empty()) {
    text += " at ";
    text += field;
  }
  text += ": ";
  text += message;
  return InvalidArgument(std::move(text));
}

}  // namespace salesflow
